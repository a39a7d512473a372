"""Every admin changelist, add and change page renders with the demo data, as a superuser; each changelist in a
stated number of queries."""

import pytest
from django.contrib import admin
from django.urls import reverse

from delegations.models import Delegation, DelegationMember, FollowUpAction
from foreignaffairs.accounts.roles import DOMAIN_APPS
from foreignaffairs.journal.models import JournalEntry
from partners.models import Country, Partner, Person
from tests.conftest import admin_url, count_queries

DOMAIN_MODELS = [model for model in admin.site._registry if model._meta.app_label in DOMAIN_APPS]

# Each changelist's queries, with the demo data and with 12 rows more. The first three are the same on every page:
# 1 the session, 2 the user, 3 the second-factor device that verified the session (a superuser's permissions need
# no query; a desk officer's page makes one more). Then one per sidebar filter that reads the database (the
# countries or units in use, by EXISTS; the fields of
# cooperation; a year filter's first and last year), the paginator's COUNT, the page of rows with what is selected
# alongside, and one per prefetched relation.
CHANGELIST_QUERIES = {
    # 4 COUNT, 5 rows
    "partners.Country": 5,
    "partners.FieldOfCooperation": 5,
    "partners.HueUnit": 5,
    # 4 countries in use, 5 fields, 6 COUNT, 7 partners with country and parent
    "partners.Partner": 7,
    # 4 countries in use, 5 units in use, 6 COUNT, 7 people with partner, unit and country
    "partners.Person": 7,
    # 4 countries in use, 5 years signed, 6 years in effect, 7 fields, 8 COUNT, 9 agreements, 10 their partners
    "agreements.Agreement": 10,
    # 4 countries in use, 5 years the period ends, 6 COUNT, 7 reviews with agreement and reviewer
    "agreements.AgreementReview": 7,
    # 4 countries in use, 5 fields, 6 years started, 7 COUNT, 8 projects with partner and unit
    "projects.Project": 8,
    # 4 countries in use, 5 years of the source, 6 COUNT, 7 figures with country and partner
    "projects.ReportedFigure": 7,
    # 4 years started, 5 countries in use, 6 fields, 7 COUNT, 8 delegations with head, 9 their countries
    "delegations.Delegation": 9,
    # 4 COUNT, 5 follow-ups with delegation and owner, 6 the date hierarchy's first and last day, 7 its years
    "delegations.FollowUpAction": 7,
    # 4 COUNT, 5 members with person and delegation
    "delegations.DelegationMember": 5,
    # 4 the year filter's first and last year, 5 COUNT, 6 notes with what they are about and their author
    "journal.JournalEntry": 6,
}


@pytest.fixture
def rows(demo):
    """The demo data, and a follow-up action and a journal note (the kinds it has none of): every list has a row to
    open."""
    FollowUpAction.objects.create(delegation=Delegation.objects.order_by("pk").first(), description="Gửi thư cảm ơn")
    JournalEntry.objects.create(
        partner=Partner.objects.order_by("pk").first(), occurred_on="2025-08", kind="call", summary="Trao đổi lịch đoàn"
    )


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m._meta.label)
def test_it_renders_the_changelist_add_change_and_history_pages(admin_client, rows, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "changelist"), {"q": "hue"}).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.order_by("pk").first()
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200


def test_it_speaks_vietnamese_and_names_the_department(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert 'lang="vi"' in response.text
    assert "Sở Ngoại vụ thành phố Huế" in response.text


def test_it_searches_ignoring_diacritics(admin_client, demo):
    response = admin_client.get(admin_url(Partner, "changelist"), {"q": "dongnae"})
    assert "Quận Dongnae" in response.text
    response = admin_client.get(reverse("admin:partners_person_changelist"), {"q": "nguyen dinh trung"})
    assert "Nguyễn Đình Trung" in response.text
    assert "Nguyễn Văn Phúc" not in response.text


def test_it_states_a_query_count_for_every_changelist():
    assert {model._meta.label for model in DOMAIN_MODELS} == set(CHANGELIST_QUERIES)


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m._meta.label)
def test_it_lists_in_the_same_queries_whatever_the_row_count(admin_client, rows, model):
    url = admin_url(model, "changelist")
    before = count_queries(admin_client, url)
    _add_rows(model, 12)
    after = count_queries(admin_client, url)
    expected = CHANGELIST_QUERIES[model._meta.label]
    assert (before, after) == (expected, expected)


def _add_rows(model, count: int) -> None:
    """Copies of existing rows (with their relations), so the changelist has more of what it shows."""
    korea = Country.objects.get(code="KR")
    if model is Partner:
        for i in range(count):
            partner = Partner.objects.create(kind="city", name_vi=f"Thành phố thử {i}", country=korea)
            partner.fields.set(Partner.objects.first().fields.all() or [])
        return
    if model is Delegation:
        for i in range(count):
            delegation = Delegation.objects.create(direction="inbound", title_vi=f"Đoàn thử {i}")
            delegation.countries.set([korea])
        return
    if model is DelegationMember:  # one person once per delegation: new people on the first delegation
        delegation = Delegation.objects.order_by("pk").first()
        for i in range(count):
            person = Person.objects.create(full_name=f"Người thử {i}")
            DelegationMember.objects.create(delegation=delegation, person=person, side="partner")
        return
    if model is Country:
        return  # Every ISO country already exists; that list is as long as it gets.
    template = model.objects.order_by("pk").first()
    m2m = {field.name: list(getattr(template, field.name).all()) for field in model._meta.many_to_many}
    unique_text = {
        name: getattr(template, name)
        for name in ("code", "name_vi", "reference_number", "full_name")
        if isinstance(getattr(template, name, None), str)
    }
    for i in range(count):
        template.pk = template.id = None
        for name, original in unique_text.items():
            setattr(template, name, f"{original[:20]}-{i}")
        template.save()
        for name, related in m2m.items():
            getattr(template, name).set(related)
