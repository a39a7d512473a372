"""Search as staff meet it, four ways that must agree: the FilterSet on its own, the dashboard list's search box
typed into and submitted as the page renders it, the API list's `q`, and the admin's search box submitted as its
changelist renders it."""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pytest
from django.db.models import Model
from django.urls import reverse

from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation
from foreignaffairs.lists.filters import ListingFilterSet
from partners.models import Country, Partner, Person
from tests.conftest import admin_url
from tests.forms import page_form_data
from tests.pages import document, filter_form, submitted_query


@dataclass(frozen=True)
class Kind:
    """One kind of record and the lists that search it. `page_link` is the address a dashboard row links it by (a
    review's row links its agreement); a kind without a dashboard list (people) has no `list_name`."""

    filterset: type[ListingFilterSet]
    api_url: str
    model: type[Model]
    list_name: str | None = None
    page_link: str = "get_absolute_url"

    def link_of(self, record: Model) -> str:
        target = record
        for name in self.page_link.split(".")[:-1]:
            target = getattr(target, name)
        return getattr(target, self.page_link.rsplit(".", 1)[-1])()


def by_filterset(kind: Kind, query: str) -> set[int]:
    filterset = kind.filterset({"q": query})
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("pk", flat=True))


def dashboard_search(client, kind: Kind, query: str):
    """The dashboard list after typing `query` into its search box and pressing "Lọc"."""
    list_url = reverse(kind.list_name)
    form = filter_form(client.get(list_url))
    return client.get(f"{list_url}?{submitted_query(form, q=query)}")


def row_links(response) -> set[str]:
    """The records a dashboard list shows, by the address each row's first link leads to."""
    rows = document(response).xpath('//table[contains(@class, "listing")]/tbody/tr[td]')
    return {row.xpath(".//a/@href")[0] for row in rows if row.xpath(".//a/@href")}


def by_api(client, kind: Kind, query: str) -> set[int]:
    response = client.get(kind.api_url, {"q": query, "page_size": 200})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def admin_search(client, model: type[Model], query: str):
    """The admin's changelist after typing `query` into its search box and pressing "Tìm"."""
    changelist = admin_url(model, "changelist")
    data = page_form_data(client.get(changelist), form_id="changelist-search")
    data["q"] = query
    return client.get(f"{changelist}?{urlencode(data, doseq=True)}")


def admin_ids(response) -> set[int]:
    assert response.status_code == 200
    links = document(response).xpath('//table[@id="result_list"]/tbody/tr/th/a/@href')
    return {int(urlsplit(link).path.rstrip("/").split("/")[-2]) for link in links}


def found_everywhere(client, kind: Kind, query: str) -> set[int]:
    """The records `query` finds, the same by the FilterSet, on the dashboard list, in the API and in the admin;
    `client` must be allowed all four (tests.conftest's admin_client)."""
    found = by_filterset(kind, query)
    records = kind.model._default_manager.filter(pk__in=found)
    if kind.list_name:
        assert row_links(dashboard_search(client, kind, query)) == {kind.link_of(r) for r in records}, query
    assert by_api(client, kind, query) == found, query
    assert admin_ids(admin_search(client, kind.model, query)) == found, query
    return found


# A delegation the demo data lacks: a Japanese business visit headed by UPCUL's Sugiyama Mitsuki, with Fukui.
@pytest.fixture
def fukui_business(demo) -> Delegation:
    delegation = Delegation.objects.create(
        direction=Direction.INBOUND,
        title_vi="Đoàn doanh nghiệp Nhật Bản làm việc tại Huế",
        status=DelegationStatus.CONFIRMED,
        programme="Khảo sát Khu công nghiệp Phong Điền, làm việc với Sở Kế hoạch và Đầu tư.",
        head=Person.objects.get(full_name="Sugiyama Mitsuki"),
    )
    delegation.partners.set(Partner.objects.filter(name_en__in=["UPCUL JSC", "Fukui Prefecture"]))
    delegation.countries.set([Country.objects.get(code="JP")])
    return delegation
