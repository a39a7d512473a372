"""Production settings: run the real settings module with DEBUG=0 in a subprocess, as the server would."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "k3y-for-tests-only-" + "x7Qp9vLr2mZt8wYb4nJc6hGf1dSa0eUi5oKy"


def run_django(code_or_args, tmp_path, **env) -> subprocess.CompletedProcess:
    """Run manage.py (a list of arguments) or a snippet of Python (a string) with the given environment."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "foreignaffairs.settings",
        "VAR_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "ngoaivu.example.vn,testserver",
        **env,
    }
    environment.pop("DATABASE_URL", None)
    if isinstance(code_or_args, str):
        command = [sys.executable, "-c", "import django; django.setup()\n" + code_or_args]
    else:
        command = [sys.executable, "manage.py", *code_or_args]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)  # noqa: S603 (our own manage.py)


def test_it_passes_check_deploy_without_warnings(tmp_path):
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"], tmp_path, DEBUG="0", SECRET_KEY=PRODUCTION_KEY
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_in_production(tmp_path):
    result = run_django(["check"], tmp_path, DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG=0" in result.stderr


def test_it_sends_the_security_headers_in_production(tmp_path):
    # /admin/ answers an anonymous visitor with a redirect to the login page, without touching the database.
    snippet = """
import json
from django.test import Client
response = Client().get("/admin/", secure=True, headers={"host": "ngoaivu.example.vn"})
insecure = Client().get("/admin/", headers={"host": "ngoaivu.example.vn"})
from django.conf import settings as s
print(json.dumps({
    "headers": dict(response.headers),
    "insecure_status": insecure.status_code,
    "insecure_location": insecure.headers.get("Location", ""),
    "cookies": [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY],
}))
"""
    result = run_django(snippet, tmp_path, DEBUG="0", SECRET_KEY=PRODUCTION_KEY)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    headers = {name.lower(): value for name, value in report["headers"].items()}
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert report["cookies"] == [True, True, True]
    assert report["insecure_status"] == 301
    assert report["insecure_location"].startswith("https://")


def content_security_policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as a browser reads it: each directive with its sources."""
    directives = [directive.split() for directive in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives if name}


def test_it_allows_no_inline_script_or_style(admin_client):
    policy = content_security_policy(admin_client.get(reverse("admin:index")))
    # Our own files only: no 'unsafe-inline', no CDN. Admin pages that had a style= attribute use a class.
    assert (policy["script-src"], policy["style-src"]) == (["'self'"], ["'self'"])


@pytest.mark.parametrize(
    "page",
    ["admin:index", "admin:partners_partner_changelist", "admin:agreements_agreement_add"],
)
def test_it_serves_admin_pages_without_inline_script_and_with_the_headers(admin_client, page):
    response = admin_client.get(reverse(page))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert inline_scripts(response.text) == []


def test_it_serves_an_admin_change_page_with_inlines_without_inline_script(admin_client, demo):
    from delegations.models import Delegation

    delegation = Delegation.objects.filter(members__isnull=False).first()
    response = admin_client.get(reverse("admin:delegations_delegation_change", args=[delegation.pk]))
    assert response.status_code == 200
    assert inline_scripts(response.text) == []


def inline_scripts(html: str) -> list[str]:
    """The bodies of <script> elements that carry code in the page (the CSP would block them)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scripts(HTMLParser):
        current: dict | None = None

        def handle_starttag(self, tag, attrs):
            if tag == "script":
                self.current = dict(attrs)

        def handle_data(self, data):
            attrs = self.current
            # JSON data blocks (json_script) are data, not code; the CSP does not apply to them.
            if attrs is not None and "src" not in attrs and attrs.get("type") != "application/json" and data.strip():
                found.append(data.strip()[:80])

        def handle_endtag(self, tag):
            if tag == "script":
                self.current = None

    Scripts().feed(html)
    return found


def test_it_ends_a_session_after_eight_idle_hours_and_at_browser_close(client, editor):
    # The eight hours count from the last activity, not the login: tests/foreignaffairs/accounts/test_sessions.py.
    from tests.conftest import PASSWORD

    response = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    session = client.session
    assert session.get_expire_at_browser_close()
    assert 8 * 60 * 60 - 5 <= session.get_expiry_age() <= 8 * 60 * 60


def test_it_refuses_a_short_common_or_numeric_password(editor):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("hue12345", "1234567890", "password123", "editor2026!"):
        with pytest.raises(ValidationError):
            validate_password(weak, user=editor)
    validate_password("Sông Hương chảy qua 7 cây cầu", user=editor)
