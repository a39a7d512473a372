"""`load_demo`: the facts of the articles, and nothing invented; run again after staff have worked on the demo
records, it adds what is missing and changes nothing.

The tests of a second run make one edit a member of staff makes, run the command as `make run` does, and compare
every row of the domain apps (records, many-to-many links, status changes and history) before and after.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from agreements import review_workflow
from agreements.choices import AgreementStatus, EffectivenessRating, Recommendation, ReviewStatus
from agreements.models import Agreement, AgreementReview
from delegations.models import Delegation, DelegationMember
from foreignaffairs.accounts.roles import DOMAIN_APPS
from partners.choices import CountryPriority
from partners.models import Country, Partner, Person
from tests.conftest import admin_change_url
from tests.forms import page_form_data


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every table of the domain apps, history and many-to-many tables included."""
    tables = {}
    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            tables[model._meta.label] = list(model._default_manager.order_by("pk").values())
    return tables


def _changes(before: dict[str, list[dict]]) -> dict[str, list]:
    """What differs from `before`, by table: the rows added, removed or changed (readable in a failed assert)."""
    after = _snapshot()
    changes = {}
    for table, rows in before.items():
        old = {row["id"]: row for row in rows}
        new = {row["id"]: row for row in after[table]}
        differing = [
            {name: (old.get(pk, {}).get(name), new.get(pk, {}).get(name)) for name in (old.get(pk) or new[pk])}
            if pk in old and pk in new
            else ("removed" if pk in old else "added", old.get(pk) or new[pk])
            for pk in sorted(old.keys() | new.keys())
            if old.get(pk) != new.get(pk)
        ]
        if differing:
            changes[table] = [
                {name: pair for name, pair in row.items() if pair[0] != pair[1]} if isinstance(row, dict) else row
                for row in differing
            ]
    return changes


def _load_demo_again() -> None:
    call_command("load_demo", stdout=StringIO())


def _agreement_with(partner_name_en: str) -> Agreement:
    return Agreement.objects.get(partners__name_en=partner_name_en)


def test_it_keeps_the_notes_an_editor_typed_on_busan(demo, editor, client):
    busan = Partner.objects.get(name_en="Busan Metropolitan City")
    url = admin_change_url(busan)
    client.force_login(editor)
    data = page_form_data(client.get(url))
    data["notes"] = "Đã trao đổi với Văn phòng đối ngoại Busan ngày 03/03/2026."
    assert client.post(url, data).status_code == 302
    before = _snapshot()

    _load_demo_again()

    assert _changes(before) == {}
    busan.refresh_from_db()
    assert busan.notes == "Đã trao đổi với Văn phòng đối ngoại Busan ngày 03/03/2026."


def test_it_keeps_an_approved_review_and_the_agreement_it_closed(demo, editor, reviewer):
    review = AgreementReview.objects.get(agreement__partners__name_en="Gyeongju")
    review.rating = EffectivenessRating.choices[0][0]
    review.findings = "Hai bên đã trao đổi đoàn và thông tin đều đặn."
    review.recommendation = Recommendation.CONTINUE
    review._history_user = editor
    review.save()
    review_workflow.submit(review, editor)
    review_workflow.approve(review, reviewer)
    before = _snapshot()

    _load_demo_again()

    assert _changes(before) == {}
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED
    assert _agreement_with("Gyeongju").status == AgreementStatus.IN_EFFECT


def test_it_keeps_a_partner_removed_from_an_agreement_and_a_changed_english_title(demo, editor):
    agreement = _agreement_with("Uljin County")
    agreement.partners.clear()
    agreement.partner_unknown = True
    agreement.title_en = "Cooperation agreement with Uljin County (under review)"
    agreement._history_user = editor
    agreement.save()
    before = _snapshot()

    _load_demo_again()

    assert _changes(before) == {}
    agreement.refresh_from_db()
    assert not agreement.partners.exists()


def test_it_keeps_a_member_removed_from_a_delegation(demo):
    visit = Delegation.objects.get(head__full_name="Kim Seokki")
    DelegationMember.objects.get(delegation=visit, person__full_name="Trần Hữu Thùy Giang").delete()
    before = _snapshot()

    _load_demo_again()

    assert _changes(before) == {}


def test_it_keeps_a_country_priority_an_administrator_changed(demo, administrator):
    japan = Country.objects.get(code="JP")
    japan.priority = CountryPriority.NORMAL
    japan._history_user = administrator
    japan.save()
    before = _snapshot()

    _load_demo_again()

    assert _changes(before) == {}


def test_it_does_not_duplicate_a_record_whose_vietnamese_title_was_corrected(demo, editor):
    agreement = Agreement.objects.get(kind="minutes")
    agreement.title_vi = "Biên bản hợp tác giữa Sở Du lịch TP. Huế và một đối tác nước ngoài"
    agreement._history_user = editor
    agreement.save()
    before = _snapshot()

    _load_demo_again()

    assert _changes(before) == {}


@pytest.mark.parametrize("model", [Partner, Agreement])
def test_it_recreates_a_demo_record_that_was_deleted(demo, model):
    if model is Partner:
        deleted = Partner.objects.get(name_en="Namyangju")
        _agreement_with("Namyangju").delete()
    else:
        deleted = _agreement_with("Namyangju")
    deleted.delete()

    _load_demo_again()

    agreement = _agreement_with("Namyangju")
    assert agreement.status == AgreementStatus.UNDER_REVIEW
    assert agreement.reviews.get().status == ReviewStatus.DRAFT
    assert Partner.objects.filter(name_en="Namyangju").count() == 1


def _counts() -> dict[str, tuple[int, int]]:
    models = (Partner, Person, Agreement, AgreementReview, Delegation, DelegationMember)
    return {model.__name__: (model.objects.count(), model.history.count()) for model in models}


def test_it_gives_the_same_counts_and_no_new_history_when_loaded_twice(db):
    call_command("load_demo", stdout=StringIO())
    first = _counts()
    call_command("load_demo", stdout=StringIO())
    assert _counts() == first
    assert first["Partner"][0] == 9
    assert first["Agreement"][0] == 6
    assert first["AgreementReview"][0] == 4


def test_it_leaves_the_facts_the_articles_do_not_give_blank(demo):
    gyeongju = Agreement.objects.get(partners__name_en="Gyeongju")
    assert gyeongju.signed_on is None
    assert gyeongju.status == "under_review"
    assert gyeongju.reviews.get().status == "draft"
    chungcheongnam = Agreement.objects.get(partners__name_en="Chungcheongnam Province")
    assert str(chungcheongnam.signed_on) == "08/2025"
    visit = Delegation.objects.get(head__full_name="Kim Seokki")
    assert visit.starts_on is None
    assert Person.objects.get(full_name="Kim Seokki").title == ""
    minutes = Agreement.objects.get(kind="minutes")
    assert minutes.partner_unknown and not minutes.partners.exists()
