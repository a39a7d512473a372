"""No lost updates, end to end through the admin: two officers open the same record, the first saves, the
second's save is refused with the stale-edit message, and the first's change stays. The same when both press
"save" at the same instant: real HTTP against a live server, each request on its own database connection."""

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from agreements.choices import AgreementStatus
from agreements.forms import TRANSITION_BUTTON
from agreements.models import Agreement
from delegations.models import Delegation, DelegationMember
from foreignaffairs.devdata.demo import load_demo
from partners.models import Partner, Person
from tests.conftest import admin_change_url, restore_reference_data
from tests.forms import inline_prefix, officer, page_form_data

STALE = "đã được"  # from concurrency.STALE_EDIT_MESSAGE: "Bản ghi này đã được <user> sửa lúc …"


@pytest.fixture
def two_officers(demo):
    first, second = Client(), Client()
    first.force_login(officer("lan", "editor"))
    second.force_login(officer("minh", "editor"))
    return first, second


def open_page(client, obj) -> dict:
    response = client.get(admin_change_url(obj))
    assert response.status_code == 200
    return page_form_data(response)


def assert_refused_as_stale(response) -> None:
    assert response.status_code == 200, "the second save must be refused, not redirected"
    assert "Bản ghi này đã được lan sửa lúc" in response.text
    assert "Thay đổi của anh/chị chưa được lưu" in response.text


@pytest.mark.parametrize(
    ("model", "field", "first_value", "second_value"),
    [
        (Agreement, "title_vi", "Tên do Lan sửa", "Tên do Minh sửa"),
        (Partner, "name_vi", "Tên đối tác do Lan sửa", "Tên đối tác do Minh sửa"),
        (Delegation, "title_vi", "Tên đoàn do Lan sửa", "Tên đoàn do Minh sửa"),
        (Person, "title", "Chức vụ do Lan sửa", "Chức vụ do Minh sửa"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_it_refuses_the_second_of_two_saves_of_one_record(two_officers, model, field, first_value, second_value):
    first, second = two_officers
    obj = model.objects.order_by("pk").first()
    first_form, second_form = open_page(first, obj), open_page(second, obj)

    first_form[field] = first_value
    assert first.post(admin_change_url(obj), first_form).status_code == 302

    second_form[field] = second_value
    assert_refused_as_stale(second.post(admin_change_url(obj), second_form))

    obj.refresh_from_db()
    assert getattr(obj, field) == first_value
    assert obj.updated_by.username == "lan"


def test_it_accepts_the_second_save_after_reopening(two_officers):
    first, second = two_officers
    agreement = Agreement.objects.order_by("pk").first()
    first_form = open_page(first, agreement)
    first_form["title_vi"] = "Tên do Lan sửa"
    assert first.post(admin_change_url(agreement), first_form).status_code == 302

    reopened = open_page(second, agreement)
    reopened["summary"] = "Minh bổ sung nội dung"
    assert second.post(admin_change_url(agreement), reopened).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title_vi, agreement.summary) == ("Tên do Lan sửa", "Minh bổ sung nội dung")


def test_it_tells_the_time_of_the_other_save_in_hue_time(two_officers):
    first, second = two_officers
    partner = Partner.objects.order_by("pk").first()
    first_form, second_form = open_page(first, partner), open_page(second, partner)
    first_form["notes"] = "Lan bổ sung"
    assert first.post(admin_change_url(partner), first_form).status_code == 302
    partner.refresh_from_db()

    second_form["notes"] = "Minh bổ sung"
    response = second.post(admin_change_url(partner), second_form)

    hue_time = timezone.localtime(partner.last_updated, ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f"sửa lúc {hue_time:%d/%m/%Y %H:%M:%S}, sau khi" in response.text


def test_it_refuses_a_stale_inline_row(two_officers):
    """Both open the delegation; the first changes a member row; the second's change to that row is refused."""
    first, second = two_officers
    delegation = Delegation.objects.filter(members__isnull=False).order_by("pk").first()
    member = delegation.members.order_by("pk").first()
    first_form, second_form = open_page(first, delegation), open_page(second, delegation)
    prefix = inline_prefix(first.get(admin_change_url(delegation)), DelegationMember)
    index = _row_index(first_form, prefix, member.pk)

    first_form[f"{prefix}-{index}-organization"] = "Cơ quan do Lan sửa"
    assert first.post(admin_change_url(delegation), first_form).status_code == 302

    second_form[f"{prefix}-{index}-organization"] = "Cơ quan do Minh sửa"
    assert_refused_as_stale(second.post(admin_change_url(delegation), second_form))

    member.refresh_from_db()
    assert member.organization == "Cơ quan do Lan sửa"


def test_it_refuses_a_form_posted_without_the_version_field(two_officers):
    first, _second = two_officers
    partner = Partner.objects.order_by("pk").first()
    form = open_page(first, partner)
    del form["loaded_last_updated"]
    form["name_vi"] = "Không được lưu"
    response = first.post(admin_change_url(partner), form)
    assert response.status_code == 200
    partner.refresh_from_db()
    assert partner.name_vi != "Không được lưu"


def _row_index(form: dict, prefix: str, pk: int) -> int:
    for key, value in form.items():
        if key.startswith(f"{prefix}-") and key.endswith("-id") and str(value) == str(pk):
            return int(key.split("-")[-2])
    raise LookupError(f"row {pk} not in formset {prefix}")


def test_it_refuses_an_inline_row_changed_meanwhile_by_its_own_guard(two_officers):
    """The row changed elsewhere while the delegation itself did not: the inline's own guard must catch it."""
    _first, second = two_officers
    delegation = Delegation.objects.filter(members__isnull=False).order_by("pk").first()
    member = delegation.members.order_by("pk").first()
    page = second.get(admin_change_url(delegation))
    form, prefix = page_form_data(page), inline_prefix(page, DelegationMember)
    index = _row_index(form, prefix, member.pk)

    member.organization = "Cơ quan sửa ở nơi khác"
    member.save()

    form[f"{prefix}-{index}-organization"] = "Cơ quan do Minh sửa"
    response = second.post(admin_change_url(delegation), form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {}
    [member_formset] = [i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == prefix]
    assert "stale_edit" in [error.code for error in member_formset.forms[index].non_field_errors().as_data()]
    member.refresh_from_db()
    assert member.organization == "Cơ quan sửa ở nơi khác"


# --- at the same instant ---------------------------------------------------------------------------------------

# The outside test's figure: 40 of 40 rounds of two same-instant saves both answered 302.
ROUNDS = 40
ONE_WINS = "one saved and kept, the other refused as stale"


class Editor:
    """One officer's browser against the live server: its own cookies, and on the server its own thread and
    database connection, as two officers at two desks have."""

    def __init__(self, base_url: str, username: str) -> None:
        client = Client()
        client.force_login(officer(username, "editor"))
        self.base_url, self.session = base_url, requests.Session()
        self.session.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
        # One request per connection: a kept-alive one would hold a server thread, and its database connection,
        # past the end of the test, and the flush after it would wait for that.
        self.session.headers["Connection"] = "close"

    def open(self, obj, press: tuple[str, str] | None = None) -> dict:
        response = self.session.get(self.base_url + admin_change_url(obj), timeout=30)
        assert response.status_code == 200
        return page_form_data(response, press)

    def post(self, obj, form: dict) -> Callable[[], requests.Response]:
        return lambda: self.session.post(
            self.base_url + admin_change_url(obj), data=form, allow_redirects=False, timeout=30
        )


def at_once(*posts: Callable[[], requests.Response]) -> list[requests.Response]:
    """Send the posts from as many threads, released together by a barrier."""
    barrier = threading.Barrier(len(posts))

    def send(post: Callable[[], requests.Response]) -> requests.Response:
        barrier.wait(timeout=30)
        return post()

    with ThreadPoolExecutor(len(posts)) as pool:
        return list(pool.map(send, posts))


# A round whose connection the live server dropped without answering is played again. Seen twice in CI, each time
# when the other xdist worker was at the same point of the suite and never when these tests run alone: Django's
# test server, not the guard, lost the request (cause not found yet). The guard's property is checked on every round
# that was answered; more than this many dropped rounds fails the test.
DROPPED_ROUNDS_ALLOWED = 3


def rounds_played(play_round: Callable[[int], str]) -> list[str]:
    outcomes, dropped = [], 0
    while len(outcomes) < ROUNDS:
        try:
            outcomes.append(play_round(len(outcomes)))
        except requests.ConnectionError:
            dropped += 1
            assert dropped <= DROPPED_ROUNDS_ALLOWED, "the live server dropped connection after connection"
    return outcomes


def outcome(responses: list[requests.Response], landed: list[bool]) -> str:
    """What one round did: each save's answer (302 saved, 200 with the stale-edit message refused) and whether
    its change is in the database."""
    said = [
        "saved"
        if r.status_code == 302
        else "refused"
        if "Thay đổi của anh/chị chưa được lưu" in r.text
        else str(r.status_code)
        for r in responses
    ]
    if sorted(said) == ["refused", "saved"] and landed == [s == "saved" for s in said]:
        return ONE_WINS
    return ", ".join(f"{s} ({'kept' if kept else 'lost'})" for s, kept in zip(said, landed, strict=True))


@pytest.fixture
def two_desks(live_server, transactional_db):
    if connection.vendor != "postgresql":
        # SQLite has no row locks, and its test database lives in memory, one connection shared with the live
        # server's threads: nothing runs at the same instant there. What SQLite does is in the README.
        pytest.skip("needs PostgreSQL: two connections at once")
    restore_reference_data()
    load_demo()
    return Editor(live_server.url, "lan"), Editor(live_server.url, "minh")


def test_it_keeps_one_of_two_saves_of_one_partner_at_the_same_instant(two_desks):
    lan, minh = two_desks
    partner = Partner.objects.order_by("pk").first()

    def play(round_: int) -> str:
        lan_form, minh_form = lan.open(partner), minh.open(partner)
        lan_form["notes"] = f"Lan ghi chú, vòng {round_}"
        minh_form["name_en"] = f"Minh's name, round {round_}"
        responses = at_once(lan.post(partner, lan_form), minh.post(partner, minh_form))
        partner.refresh_from_db()
        return outcome(responses, [partner.notes == lan_form["notes"], partner.name_en == minh_form["name_en"]])

    assert Counter(rounds_played(play)) == {ONE_WINS: ROUNDS}


def test_it_keeps_one_of_a_lifecycle_move_and_a_save_at_the_same_instant(two_desks):
    """Lan presses a lifecycle button while Minh saves a new title: the move and the title never both land."""
    lan, minh = two_desks
    agreement = Agreement.objects.filter(status=AgreementStatus.UNDER_REVIEW).order_by("pk").first()
    back_and_forth = {
        AgreementStatus.UNDER_REVIEW: AgreementStatus.IN_EFFECT,
        AgreementStatus.IN_EFFECT: AgreementStatus.UNDER_REVIEW,
    }

    def play(round_: int) -> str:
        agreement.refresh_from_db()
        target = back_and_forth[agreement.status]
        lan_form, minh_form = lan.open(agreement, press=(TRANSITION_BUTTON, target)), minh.open(agreement)
        lan_form["transition_reason"] = f"Vòng {round_}"
        minh_form["title_vi"] = f"Tên do Minh sửa, vòng {round_}"
        responses = at_once(lan.post(agreement, lan_form), minh.post(agreement, minh_form))
        agreement.refresh_from_db()
        # The move is kept only if the status and its line in the timeline both are.
        moved = agreement.status == target and agreement.status_changes.filter(reason=f"Vòng {round_}").exists()
        return outcome(responses, [moved, agreement.title_vi == minh_form["title_vi"]])

    assert Counter(rounds_played(play)) == {ONE_WINS: ROUNDS}
