"""What finds a record follows its relations at once: a rename, a link made or undone in the admin, a row deleted
changes what finds the records linked, without a rebuild step, and a rename costs the same few queries however
many records link the renamed one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import partners.models
from agreements.choices import AgreementKind
from agreements.filtersets import AgreementFilterSet
from agreements.models import Agreement, AgreementPartner
from delegations.filtersets import DelegationFilterSet
from delegations.models import Delegation, DelegationMember
from foreignaffairs.search.backfill import fill_related_text
from foreignaffairs.text_search import SEPARATOR
from partners.choices import PartnerKind
from partners.filtersets import PartnerFilterSet
from partners.models import Country, Partner, Person
from projects.filtersets import ProjectFilterSet
from projects.models import Project
from tests.conftest import admin_change_url
from tests.forms import SAVE, inline_prefix, page_form_data


def found(filterset_class, query: str) -> set[int]:
    return set(filterset_class({"q": query}).qs.values_list("pk", flat=True))


def save_in_admin(client, obj, **changes) -> None:
    """Open the record's admin page, change what is given, press "Lưu"."""
    page = client.get(admin_change_url(obj))
    data = page_form_data(page, press=SAVE)
    data.update(changes)
    response = client.post(admin_change_url(obj), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors


@pytest.fixture
def visit(demo) -> Delegation:
    return Delegation.objects.get(title_en="Mr. Kim Seokki's visit to Huế")


def test_renaming_koica_changes_at_once_what_finds_the_projects_it_channels(admin_client, demo):
    koica = Partner.objects.get(abbreviation="KOICA")
    grants = set(koica.channelled_projects.values_list("pk", flat=True))
    assert found(ProjectFilterSet, "international cooperation agency") == grants

    save_in_admin(admin_client, koica, name_en="Korea International Development Agency", abbreviation="KIDA")

    assert found(ProjectFilterSet, "international development agency") == grants
    assert found(ProjectFilterSet, "kida") == grants
    assert found(ProjectFilterSet, "international cooperation agency") == set()
    assert found(ProjectFilterSet, "koica") == set()


def test_a_persons_new_name_finds_the_visit_they_headed_at_once(admin_client, visit):
    kim = Person.objects.get(full_name="Kim Seokki")
    assert found(DelegationFilterSet, "김석기") == set()

    save_in_admin(admin_client, kim, full_name_native="김석기")

    assert found(DelegationFilterSet, "김석기") == {visit.pk}


def test_a_countrys_new_name_finds_the_delegations_from_it_at_once(admin_client, visit, monkeypatch):
    assert found(DelegationFilterSet, "dai han dan quoc") == set()
    # Korea's Sino-Vietnamese name is added to the names people say, and the country saved again.
    monkeypatch.setitem(partners.models.EVERYDAY_NAMES, "KR", "Đại Hàn Dân Quốc")

    save_in_admin(admin_client, Country.objects.get(code="KR"))

    assert found(DelegationFilterSet, "dai han dan quoc") == {visit.pk}


def test_a_partner_added_to_an_agreement_in_the_admin_finds_it_and_no_longer_once_removed(admin_client, demo):
    agreement = Agreement.objects.get(partners__name_en="Chungcheongnam Province")
    sejong = Partner.objects.create(
        kind=PartnerKind.CITY, name_vi="Thành phố Sejong", name_en="Sejong", country=Country.objects.get(code="KR")
    )
    chungcheongnam = str(agreement.partners.get().pk)
    assert found(AgreementFilterSet, "sejong") == set()

    save_in_admin(admin_client, agreement, partners=[chungcheongnam, str(sejong.pk)])
    assert found(AgreementFilterSet, "sejong") == {agreement.pk}

    save_in_admin(admin_client, agreement, partners=chungcheongnam)
    assert found(AgreementFilterSet, "sejong") == set()


def test_links_made_and_undone_from_the_partners_side_count_too(demo):
    minutes = Agreement.objects.get(kind=AgreementKind.MINUTES)
    fukui = Partner.objects.get(name_en="Fukui Prefecture")

    fukui.agreements.add(minutes)
    assert found(AgreementFilterSet, "福井") == {minutes.pk}
    fukui.agreements.clear()
    assert found(AgreementFilterSet, "福井") == set()
    AgreementPartner.objects.create(agreement=minutes, partner=fukui)
    assert found(AgreementFilterSet, "福井") == {minutes.pk}


def test_a_member_added_and_removed_on_the_delegations_page_is_found_and_then_not(admin_client, visit):
    director = Person.objects.get(full_name="Nguyễn Văn Phúc")
    assert found(DelegationFilterSet, "nguyen van phuc") == set()

    page = admin_client.get(admin_change_url(visit))
    data = page_form_data(page, press=SAVE)
    prefix = inline_prefix(page, DelegationMember)
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(row + 1)
    new_row = {"person": str(director.pk), "side": "hue", "role": "attendee"}
    data.update({f"{prefix}-{row}-{name}": value for name, value in new_row.items()})
    response = admin_client.post(admin_change_url(visit), data)
    assert response.status_code == 302, [i.formset.errors for i in response.context["inline_admin_formsets"]]
    assert found(DelegationFilterSet, "nguyen van phuc") == {visit.pk}

    page = admin_client.get(admin_change_url(visit))
    data = page_form_data(page, press=SAVE)
    [row] = [k.split("-")[1] for k, v in data.items() if k.endswith("-person") and v == str(director.pk)]
    data[f"{prefix}-{row}-DELETE"] = "on"
    assert admin_client.post(admin_change_url(visit), data).status_code == 302
    assert found(DelegationFilterSet, "nguyen van phuc") == set()


def test_a_contact_moved_to_another_partner_finds_the_new_one_only(admin_client, demo):
    sugiyama = Person.objects.get(full_name="Sugiyama Mitsuki")
    upcul, fukui = Partner.objects.get(name_en="UPCUL JSC"), Partner.objects.get(name_en="Fukui Prefecture")
    assert found(PartnerFilterSet, "sugiyama") == {upcul.pk}

    save_in_admin(admin_client, sugiyama, partner=str(fukui.pk))

    assert found(PartnerFilterSet, "sugiyama") == {fukui.pk}


def test_a_contact_deleted_on_the_partners_page_no_longer_finds_it(admin_client, demo):
    upcul = Partner.objects.get(name_en="UPCUL JSC")
    page = admin_client.get(admin_change_url(upcul))
    data = page_form_data(page, press=SAVE)
    prefix = inline_prefix(page, Person)
    [row] = [k.split("-")[1] for k, v in data.items() if k.endswith("-full_name") and v == "Sugiyama Mitsuki"]
    data[f"{prefix}-{row}-DELETE"] = "on"

    assert admin_client.post(admin_change_url(upcul), data).status_code == 302

    assert found(PartnerFilterSet, "sugiyama") == set()


def _agreements_of(partner: Partner, count: int) -> None:
    agreements = Agreement.objects.bulk_create(
        Agreement(title_vi=f"Thỏa thuận {partner.pk}-{i}", kind=AgreementKind.COOPERATION) for i in range(count)
    )
    AgreementPartner.objects.bulk_create(AgreementPartner(agreement=a, partner=partner) for a in agreements)


def _queries_of_a_rename(partner: Partner, new_name: str) -> int:
    partner.name_en = new_name
    with CaptureQueriesContext(connection) as queries:
        partner.save()
    return len(queries)


def test_a_rename_costs_the_same_queries_for_two_linked_agreements_as_for_sixty(db):
    korea = Country.objects.get(code="KR")
    few = Partner.objects.create(kind=PartnerKind.CITY, name_vi="Ít", country=korea)
    many = Partner.objects.create(kind=PartnerKind.CITY, name_vi="Nhiều", country=korea)
    _agreements_of(few, 2)
    _agreements_of(many, 60)

    # The partner's row and its history; its own related text; one UPDATE per path that can reach a partner:
    # agreements' and delegations' partners, projects' funder and channel, people's organization, partners' parent,
    # figures' partner.
    assert _queries_of_a_rename(few, "Yeosu") == _queries_of_a_rename(many, "Suncheon") == 10
    assert len(found(AgreementFilterSet, "suncheon")) == 60
    assert len(found(AgreementFilterSet, "yeosu")) == 2


def test_the_backfill_writes_what_the_saves_kept(demo, visit):
    def related_texts():
        # The linked records' texts, in whatever order the database aggregated them.
        rows = Delegation.objects.values_list("pk", "related_search_text")
        return {pk: sorted(text.split(SEPARATOR)) for pk, text in rows}

    kept = related_texts()
    Delegation.objects.update(related_search_text="")

    fill_related_text(Delegation, Delegation.related_search_paths)

    assert related_texts() == kept
    assert "nguyen dinh trung" in kept[visit.pk]


def test_a_project_moved_to_another_channel_is_found_by_the_new_one(demo):
    grant = Project.objects.filter(channel__abbreviation="KOICA").first()
    grant.channel = grant.partner = Partner.objects.get(name_en="UPCUL JSC")
    grant.save()
    assert found(ProjectFilterSet, "upcul") == {grant.pk}
    assert grant.pk not in found(ProjectFilterSet, "koica")
