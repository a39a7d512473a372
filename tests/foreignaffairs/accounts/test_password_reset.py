"""Password reset: a few mails an hour per e-mail address and per client, and the same answer whatever happened."""

import time

import lxml.html
import pytest
from django.core import mail

RESET = "/accounts/password_reset/"
OFFICE = "203.0.113.7"


@pytest.fixture
def reviewer_with_mail(reviewer):
    reviewer.email = "reviewer@hue.gov.vn"
    reviewer.save(update_fields=["email"])
    return reviewer


def ask_for_reset(client, email: str, address: str = OFFICE):
    """Fill in the reset page as a person does, from `address`; the answer, and the page it leads to."""
    page = client.get(RESET, REMOTE_ADDR=address)
    [form] = lxml.html.document_fromstring(page.content).forms
    answer = client.post(RESET, {**dict(form.form_values()), "email": email}, REMOTE_ADDR=address)
    assert answer.status_code == 302, answer.text[:2000]
    return answer, client.get(answer["Location"], REMOTE_ADDR=address)


def what_it_shows(answer, page) -> tuple:
    return answer.status_code, answer["Location"], answer.content, page.status_code, page.content


def test_it_sends_no_fourth_mail_within_the_hour_and_shows_the_same_page(client, reviewer_with_mail):
    sent = [ask_for_reset(client, "reviewer@hue.gov.vn") for _ in range(3)]
    assert len(mail.outbox) == 3

    throttled = ask_for_reset(client, "reviewer@hue.gov.vn")
    assert len(mail.outbox) == 3
    unknown = ask_for_reset(client, "nobody@hue.gov.vn")
    assert len(mail.outbox) == 3
    # A mail sent, a request throttled, an address without an account: one and the same answer.
    assert what_it_shows(*sent[0]) == what_it_shows(*throttled) == what_it_shows(*unknown)


def test_it_counts_an_address_however_it_is_written(client, reviewer_with_mail):
    for written in ("reviewer@hue.gov.vn", "Reviewer@Hue.gov.vn", "REVIEWER@HUE.GOV.VN", "reviewer@HUE.gov.vn"):
        ask_for_reset(client, written)
    assert len(mail.outbox) == 3


def test_it_still_mails_a_different_address(client, reviewer_with_mail, editor):
    editor.email = "editor@hue.gov.vn"
    editor.save(update_fields=["email"])
    for _attempt in range(4):
        ask_for_reset(client, "reviewer@hue.gov.vn")
    ask_for_reset(client, "editor@hue.gov.vn")
    assert [message.to for message in mail.outbox] == [["reviewer@hue.gov.vn"]] * 3 + [["editor@hue.gov.vn"]]


def test_it_limits_one_client_across_addresses_but_not_the_others(client, reviewer_with_mail):
    for number in range(10):
        ask_for_reset(client, f"guess{number}@hue.gov.vn")
    ask_for_reset(client, "reviewer@hue.gov.vn")
    assert mail.outbox == []
    # The reviewer, from another address, is not held back by the stranger's guessing.
    ask_for_reset(client, "reviewer@hue.gov.vn", address="198.51.100.20")
    assert len(mail.outbox) == 1


def test_it_counts_the_client_behind_nginx_not_nginx(client, reviewer_with_mail):
    for number in range(10):
        client.post(RESET, {"email": f"guess{number}@hue.gov.vn"}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)
    client.post(RESET, {"email": "reviewer@hue.gov.vn"}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert len(mail.outbox) == 1


def test_it_forgets_the_count_when_the_window_ends(client, reviewer_with_mail, settings):
    settings.PASSWORD_RESET_MAILS_PER_ADDRESS = 1
    settings.PASSWORD_RESET_WINDOW = 2
    ask_for_reset(client, "reviewer@hue.gov.vn")
    ask_for_reset(client, "reviewer@hue.gov.vn")
    assert len(mail.outbox) == 1
    time.sleep(2.2)
    ask_for_reset(client, "reviewer@hue.gov.vn")
    assert len(mail.outbox) == 2
