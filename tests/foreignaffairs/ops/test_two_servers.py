"""Several app servers, one truth: two gunicorn processes on one PostgreSQL database and one Redis; a partner
added through one shows at once in the overview served by the other.

The overview keeps its whole-table figures in the cache and drops them when a record is saved. With each process's
own memory as the cache, the second server went on showing the old count for up to a minute.
"""

import http.cookiejar
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import lxml.html
import pytest
import redis
from django.db import connection

from foreignaffairs.devdata.demo import load_demo
from partners.models import Country
from tests.conftest import PASSWORD, make_user, restore_reference_data

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = "redis://127.0.0.1:6379/14"

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """A person at one server: cookies kept, forms read from the page and sent back as it renders them."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> lxml.html.HtmlElement:
        with self.opener.open(self.base + path, timeout=20) as response:
            return lxml.html.fromstring(response.read().decode(), base_url=response.url)

    def submit(self, page: lxml.html.HtmlElement, form_xpath: str, **typed: str) -> lxml.html.HtmlElement:
        [form] = page.xpath(form_xpath)
        values = [(name, value) for name, value in form.form_values() if name not in typed]
        data = urllib.parse.urlencode([*values, *typed.items()]).encode()
        request = urllib.request.Request(urllib.parse.urljoin(page.base_url, form.action or ""), data=data)  # noqa: S310
        with self.opener.open(request, timeout=20) as response:
            return lxml.html.fromstring(response.read().decode(), base_url=response.url)

    def log_in(self, username: str) -> None:
        page = self.get("/accounts/login/")
        self.submit(page, "//form[.//input[@name='password']]", username=username, password=PASSWORD)


def partner_count(overview: lxml.html.HtmlElement) -> int:
    return int(overview.xpath("//ul[@class='counts']/li[1]//span[@class='count']")[0].text_content())


@pytest.fixture
def two_servers():
    if connection.vendor != "postgresql":
        pytest.skip("two server processes share one database: PostgreSQL (the SQLite test database lives in memory)")
    redis.Redis.from_url(REDIS_URL).flushdb()
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        "REDIS_URL": REDIS_URL,
        "DEBUG": "1",
        "AXES_ENABLED": "0",
    }
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(  # noqa: S603 (our own server, started from the venv)
            [gunicorn, "foreignaffairs.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:  # noqa: S310
                        if answer.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def test_a_partner_added_through_one_server_is_counted_at_once_by_the_other(two_servers, settings):
    # The servers check passwords with the production hashers, not the fast one the other tests use.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    restore_reference_data()
    load_demo()
    make_user("editor")
    make_user("viewer")
    desk_officer, head_of_division = Browser(two_servers[0]), Browser(two_servers[1])
    desk_officer.log_in("editor")
    head_of_division.log_in("viewer")
    before = partner_count(head_of_division.get("/dashboard/"))  # the second server caches its figures now

    add_page = desk_officer.get("/admin/partners/partner/add/")
    saved = desk_officer.submit(
        add_page,
        "//form[@id='partner_form']",
        kind="city",
        name_vi="Thành phố Daejeon",
        # What the country box sends once "Hàn Quốc" is picked from its autocomplete: the country's id.
        country=str(Country.objects.get(code="KR").pk),
        _save="Lưu lại",
    )
    assert "/admin/partners/partner/" in saved.base_url and "add" not in saved.base_url

    assert partner_count(head_of_division.get("/dashboard/")) == before + 1
