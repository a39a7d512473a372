"""Login throttling (django-axes) and the login/logout/failed-login log."""

import logging

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

LOCKED_OUT = "tạm thời bị khóa đăng nhập"


@pytest.fixture
def security_log():
    """The lines written to the "foreignaffairs.security" logger (it does not propagate, so caplog misses it)."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    handler = Collect(level=logging.INFO)
    logger = logging.getLogger("foreignaffairs.security")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def log_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


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


def test_it_logs_login_logout_and_failed_login_with_user_address_and_time(client, editor, security_log):
    log_in(client, "editor", "wrong password")
    log_in(client, "editor", PASSWORD)
    client.post(reverse("admin:logout"), REMOTE_ADDR="203.0.113.7")

    failed, login, logout = security_log
    assert failed.startswith("login-failed user='editor' address=203.0.113.7 at=")
    assert login.startswith("login user='editor' address=203.0.113.7 at=")
    assert logout.startswith("logout user='editor' address=203.0.113.7 at=")
    assert "+07:00" in login  # local time in Huế
    assert PASSWORD not in " ".join(security_log)


def test_it_keeps_a_hostile_user_name_to_one_bounded_log_line(client, db, security_log):
    log_in(client, "x\n" * 500, "wrong password")
    [line] = security_log
    assert "\n" not in line
    assert len(line) < 400


def test_it_counts_the_client_address_behind_a_proxy_not_nginx(client, settings, editor):
    settings.BEHIND_PROXY = True
    for _ in range(5):
        client.post("/accounts/login/", {"username": "editor", "password": "wrong"}, HTTP_X_REAL_IP="203.0.113.7")
    locked = client.post("/accounts/login/", {"username": "editor", "password": "wrong"}, HTTP_X_REAL_IP="203.0.113.7")
    other = client.post("/accounts/login/", {"username": "editor", "password": "wrong"}, HTTP_X_REAL_IP="203.0.113.8")
    assert locked.status_code == 429
    assert other.status_code != 429


def test_it_does_not_trust_the_header_without_a_proxy(rf, settings):
    from foreignaffairs.accounts.login_log import client_address

    settings.BEHIND_PROXY = False
    request = rf.get("/", HTTP_X_REAL_IP="203.0.113.7", REMOTE_ADDR="198.51.100.1")
    assert client_address(request) == "198.51.100.1"


def test_it_falls_back_to_the_connection_for_a_malformed_forwarded_address(rf, settings):
    from foreignaffairs.accounts.login_log import axes_client_ip

    settings.BEHIND_PROXY = True
    assert axes_client_ip(rf.get("/", HTTP_X_REAL_IP="not-an-ip", REMOTE_ADDR="198.51.100.1")) == "198.51.100.1"
    assert axes_client_ip(None) is None
