"""Hostile text typed into the admin forms is stored exactly and shown escaped everywhere it is read back:
the admin change page, the dashboard detail and list pages, and the API."""

import pytest
from django import forms
from django.urls import reverse
from django.utils.html import escape

from agreements.models import Agreement
from delegations.models import Delegation, DelegationMember
from partners.models import Partner, Person
from tests.conftest import admin_change_url
from tests.forms import inline_prefix, page_form_data

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "quotes": '"xin chào" & it\'s <b>đậm</b> `tick`',
    "sql": "'; DROP TABLE partners_partner; --",
    "rtl": "Hợp đồng \u202etxt.exe\u202c ký",
    "zero_width": "Hu\u200bế\u200dĐà\ufeffNẵng",
    "korean_japanese": "충청남도 천안시 福井県ふくいけん ＵＰＣＵＬ",
}
# The last character is not whitespace: forms strip it, and the point here is to compare byte for byte.
LONG_TEXT = ("<script>alert('충청남도 福井県')</script> \u202e\u200b" * 300)[:9_999] + "끝"
SHORT_TEXT_WITH_LONG = "<i>ngắn</i> \u200b 福井"


def free_text_fields(form) -> dict[str, bool]:
    """The form's free-text inputs, each mapped to whether it is a TextField (True) or a CharField (False)."""
    return {
        name: isinstance(field.widget, forms.Textarea)
        for name, field in form.fields.items()
        # Exactly CharField: its subclasses (email, URL, slug, partial dates) check a format of their own. Only the
        # record's own fields: a lifecycle button's reason is stored with the move, not on the record.
        if type(field) is forms.CharField and not field.widget.is_hidden and name in form._meta.fields
    }


def hostile_values(form, value: str, long: bool) -> dict[str, str]:
    """What each free-text field gets: `value`, or with `long`, 10,000 characters in every TextField."""
    return {
        name: (LONG_TEXT if is_text else SHORT_TEXT_WITH_LONG) if long else value
        for name, is_text in free_text_fields(form).items()
    }


def assert_shown_escaped(response, value: str) -> None:
    assert response.status_code == 200
    text = response.content.decode()
    assert escape(value) in text
    if escape(value) != value:
        assert value not in text, "the raw value must never reach the page"


def post_hostile(client, obj, value: str, long: bool, with_member=None) -> dict[str, str]:
    page = client.get(admin_change_url(obj))
    data = page_form_data(page)
    typed = hostile_values(page.context["adminform"].form, value, long)
    data.update(typed)
    member_typed = {}
    if with_member is not None:
        member_typed = _add_member_row(page, data, with_member, value if not long else SHORT_TEXT_WITH_LONG)
    response = client.post(admin_change_url(obj), data)
    assert response.status_code == 302, _errors(response)
    return typed | member_typed


def _add_member_row(page, data: dict, person, value: str) -> dict[str, str]:
    prefix = inline_prefix(page, DelegationMember)
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    row = {"person": str(person.pk), "side": DelegationMember._meta.get_field("side").choices[0][0], "role": "member"}
    data.update({f"{prefix}-{index}-{name}": v for name, v in row.items()})
    typed = {"title": value, "organization": value}
    data.update({f"{prefix}-{index}-{name}": v for name, v in typed.items()})
    return {f"member.{name}": v for name, v in typed.items()}


def _errors(response) -> str:
    if response.context is None:
        return f"status {response.status_code}"
    inline_errors = [i.formset.errors for i in response.context["inline_admin_formsets"]]
    return f"{response.context['adminform'].form.errors} {inline_errors}"


def assert_stored_exactly(obj, typed: dict[str, str], member_person=None) -> None:
    obj.refresh_from_db()
    for name, expected in typed.items():
        if name.startswith("member."):
            member = obj.members.get(person=member_person)
            assert getattr(member, name.removeprefix("member.")) == expected, name
        else:
            assert getattr(obj, name) == expected, name


CASES = [pytest.param(value, False, id=key) for key, value in HOSTILE.items()] + [
    pytest.param(HOSTILE["script"], True, id="10000_characters")
]


@pytest.mark.parametrize(("value", "long"), CASES)
def test_it_keeps_a_partner_exactly_and_shows_it_escaped(admin_client, demo, value, long):
    partner = Partner.objects.get(name_en="Gyeongju")
    typed = post_hostile(admin_client, partner, value, long)
    assert {"name_vi", "name_en", "name_native", "notes"} <= typed.keys()
    assert_stored_exactly(partner, typed)

    shown = typed["name_vi"]
    assert_shown_escaped(admin_client.get(admin_change_url(partner)), shown)
    assert_shown_escaped(admin_client.get(reverse("dashboard:partner-detail", args=[partner.pk])), shown)
    listing = admin_client.get(reverse("dashboard:partner-list"), {"q": shown})
    assert_shown_escaped(listing, shown)
    assert reverse("dashboard:partner-detail", args=[partner.pk]) in listing.content.decode()

    api = admin_client.get(f"/api/v1/partners/{partner.pk}/").json()
    assert (api["name_vi"], api["name_native"], api["notes"]) == (
        typed["name_vi"],
        typed["name_native"],
        typed["notes"],
    )


@pytest.mark.parametrize(("value", "long"), CASES)
def test_it_keeps_a_person_exactly_and_shows_it_escaped(admin_client, demo, value, long):
    person = Person.objects.get(full_name="Kim Seokki")
    typed = post_hostile(admin_client, person, value, long)
    assert {"full_name", "full_name_native", "title", "notes"} <= typed.keys()
    assert_stored_exactly(person, typed)
    assert_shown_escaped(admin_client.get(admin_change_url(person)), typed["full_name"])
    api = admin_client.get(f"/api/v1/people/{person.pk}/").json()
    assert api["full_name"] == typed["full_name"]


@pytest.mark.parametrize(("value", "long"), CASES)
def test_it_keeps_an_agreement_exactly_and_shows_it_escaped(admin_client, demo, value, long):
    agreement = Agreement.objects.get(partners__name_en="Gyeongju")
    typed = post_hostile(admin_client, agreement, value, long)
    assert {"title_vi", "title_en", "summary", "notes"} <= typed.keys()
    assert_stored_exactly(agreement, typed)

    shown = typed["title_vi"]
    assert_shown_escaped(admin_client.get(admin_change_url(agreement)), shown)
    assert_shown_escaped(admin_client.get(reverse("dashboard:agreement-detail", args=[agreement.pk])), shown)
    listing = admin_client.get(reverse("dashboard:agreement-list"), {"q": shown})
    assert_shown_escaped(listing, shown)
    assert reverse("dashboard:agreement-detail", args=[agreement.pk]) in listing.content.decode()
    if long:
        assert_shown_escaped(admin_client.get(reverse("dashboard:agreement-detail", args=[agreement.pk])), LONG_TEXT)


@pytest.mark.parametrize(("value", "long"), CASES)
def test_it_keeps_a_delegation_and_a_new_member_exactly_and_shows_them_escaped(admin_client, demo, value, long):
    delegation = Delegation.objects.filter(members__isnull=False).order_by("pk").first()
    newcomer = Person.objects.exclude(memberships__delegation=delegation).order_by("pk").first()
    typed = post_hostile(admin_client, delegation, value, long, with_member=newcomer)
    assert {"title_vi", "title_en", "purpose", "programme", "outcomes", "notes"} <= typed.keys()
    assert_stored_exactly(delegation, typed, member_person=newcomer)

    shown = typed["title_vi"]
    assert_shown_escaped(admin_client.get(admin_change_url(delegation)), shown)
    detail = admin_client.get(reverse("dashboard:delegation-detail", args=[delegation.pk]))
    assert_shown_escaped(detail, shown)
    assert_shown_escaped(detail, typed["member.organization"])
    listing = admin_client.get(reverse("dashboard:delegation-list"), {"q": shown})
    assert_shown_escaped(listing, shown)
    assert reverse("dashboard:delegation-detail", args=[delegation.pk]) in listing.content.decode()


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (Partner, {"name_en": "Gyeongju"}),
        (Person, {"full_name": "Kim Seokki"}),
        (Agreement, {"partners__name_en": "Gyeongju"}),
        (Delegation, {"members__isnull": False}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_it_answers_an_overlong_name_with_a_form_error_and_saves_nothing(admin_client, demo, model, lookup):
    obj = model.objects.filter(**lookup).order_by("pk").first()
    page = admin_client.get(admin_change_url(obj))
    data = page_form_data(page)
    char_fields = [name for name, is_text in free_text_fields(page.context["adminform"].form).items() if not is_text]
    data.update(dict.fromkeys(char_fields, "x" * 10_000))

    response = admin_client.post(admin_change_url(obj), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    for name in char_fields:
        assert [error.code for error in errors[name]] == ["max_length"], name
    before = {name: getattr(obj, name) for name in char_fields}
    obj.refresh_from_db()
    assert {name: getattr(obj, name) for name in char_fields} == before
