"""Login lockout (django-axes, foreignaffairs.accounts.lockout): per user name and client address, doubling."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

from foreignaffairs.accounts.lockout import lockout_for
from tests.conftest import PASSWORD

LOCKED_OUT = "tạm thời bị khóa đăng nhập"
NGINX = "127.0.0.1"  # nginx on the same machine, as the README's production recipe runs it


def log_in(client, username: str, password: str, address: str = "203.0.113.7"):
    """A login from `address`, connecting directly."""
    return client.post(reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def log_in_through_nginx(client, username: str, password: str, address: str):
    """A login from `address` through the README's nginx block, which sets both headers from the address it saw."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=address,
        HTTP_X_REAL_IP=address,
    )


def time_passes(delta: timedelta) -> None:
    """As if `delta` went by since the failures: their recorded times move back (a test cannot wait an hour)."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)


def test_it_locks_out_a_user_name_from_an_address_after_five_failures(client, editor):
    for _attempt in range(4):
        response = log_in(client, "editor", "wrong password")
        assert response.status_code == 200
        assert LOCKED_OUT not in response.text
    response = log_in(client, "editor", "wrong password")
    assert response.status_code == 429
    assert LOCKED_OUT in response.text

    # Even the right password is refused while locked out, with the same clear message.
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert LOCKED_OUT in response.text
    assert "5 lần" in response.text
    assert "_auth_user_id" not in client.session


def test_it_locks_out_the_pair_only(client, editor, reviewer):
    for _attempt in range(5):
        log_in(client, "editor", "wrong password")
    # The same user from another address, and another user from the same address, may still log in.
    assert log_in(client, "editor", PASSWORD, address="198.51.100.20").status_code == 302
    client.logout()
    assert log_in(client, "reviewer", PASSWORD).status_code == 302


def test_it_resets_the_failure_count_on_success(client, editor):
    for _attempt in range(4):
        log_in(client, "editor", "wrong password")
    assert log_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(4):
        assert log_in(client, "editor", "wrong password").status_code == 200


def test_it_does_not_let_a_stranger_behind_the_proxy_lock_out_the_real_user(client, reviewer):
    for _attempt in range(5):
        log_in_through_nginx(client, "reviewer", "wrong password", address="203.0.113.66")
    assert log_in_through_nginx(client, "reviewer", "wrong password", "203.0.113.66").status_code == 429

    # The real reviewer, at the office, through the same nginx.
    assert log_in_through_nginx(client, "reviewer", PASSWORD, address="198.51.100.20").status_code == 302


def test_it_ignores_a_forwarded_address_claimed_by_an_untrusted_connection(client, reviewer):
    # A stranger connecting directly claims to be the reviewer's office, in both headers.
    for _attempt in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "reviewer", "password": "wrong password"},
            REMOTE_ADDR="203.0.113.66",
            HTTP_X_FORWARDED_FOR="198.51.100.20",
            HTTP_X_REAL_IP="198.51.100.20",
        )
    assert log_in_through_nginx(client, "reviewer", PASSWORD, address="198.51.100.20").status_code == 302
    client.logout()
    # The stranger's own address is the one locked, whatever it claims next.
    response = client.post(
        reverse("admin:login"),
        {"username": "reviewer", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.66",
        HTTP_X_FORWARDED_FOR="192.0.2.1",
    )
    assert response.status_code == 429


def test_it_doubles_the_lockout_after_each_failure_once_one_has_run_out(client, editor):
    for _attempt in range(4):
        log_in(client, "editor", "wrong password")
    first = log_in(client, "editor", "wrong password")
    assert first.status_code == 429
    assert "0:05:00" in first.text

    time_passes(timedelta(minutes=5, seconds=1))
    # One more wrong guess once the lockout is over locks again, for twice as long: not five more guesses.
    second = log_in(client, "editor", "wrong password")
    assert second.status_code == 429
    assert "0:10:00" in second.text

    time_passes(timedelta(minutes=5, seconds=1))
    assert log_in(client, "editor", PASSWORD).status_code == 429
    time_passes(timedelta(minutes=5))
    third = log_in(client, "editor", "wrong password")
    assert "0:20:00" in third.text

    time_passes(timedelta(minutes=20, seconds=1))
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_it_refuses_a_retry_while_locked_without_lengthening_the_lockout(client, editor):
    for _attempt in range(5):
        log_in(client, "editor", "wrong password")
    time_passes(timedelta(minutes=1))
    retry = log_in(client, "editor", "wrong password")
    assert retry.status_code == 429
    assert "0:04:00" in retry.text

    time_passes(timedelta(minutes=4, seconds=1))
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_it_grows_the_lockout_from_five_minutes_to_at_most_a_day():
    assert [lockout_for(failures) for failures in range(3, 16)] == [
        timedelta(0),
        timedelta(0),
        *(timedelta(minutes=5 * 2**doublings) for doublings in range(9)),
        timedelta(days=1),
        timedelta(days=1),
    ]
    assert lockout_for(10**6) == timedelta(days=1)
