"""The login/logout/failed-login log."""

from django.urls import reverse

from tests.conftest import PASSWORD


def log_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


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


def test_it_logs_the_client_address_behind_nginx_not_nginx_own(client, editor, security_log):
    client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "wrong password"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        HTTP_X_REAL_IP="203.0.113.7",
    )
    [failed] = security_log
    assert failed.startswith("login-failed user='editor' address=203.0.113.7 at=")
