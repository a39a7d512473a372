"""Shared fixtures: the demo data, and one user per role named after the role (as healthchecks names alice/bob)."""

import importlib
import time
from io import StringIO

import django_otp
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from foreignaffairs.accounts.roles import ADMINISTRATOR, REVIEWER, ROLES, STAFF_ROLES, sync_role_groups
from foreignaffairs.devdata.demo import load_demo

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache lives in the process (LocMemCache), across tests: each test starts without another's figures.
    cache.clear()


@pytest.fixture(autouse=True)
def _export_dir(settings, tmp_path_factory):
    # Each test writes its export snapshots to a folder of its own, never to var/exports of `make run`.
    settings.EXPORT_DIR = tmp_path_factory.mktemp("exports")


@pytest.fixture(autouse=True)
def _default_language(settings):
    # LocaleMiddleware activates the request's language and never deactivates it: after a request in English the
    # thread would stay in English, and the next test on this worker would read its messages in English.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _import_upload_dir(settings, tmp_path_factory):
    # The uploads an import keeps between its preview and its confirmation: a folder per test, never var/imports.
    settings.IMPORT_UPLOAD_DIR = tmp_path_factory.mktemp("imports")


def write_export_snapshot() -> None:
    """What the timer does in production: the full export written to the file GET /api/v1/export/ sends."""
    call_command("build_export", stdout=StringIO())


@pytest.fixture
def demo(db):
    load_demo()


# A test against a live server needs real commits, so it is a transactional test, and the flush that ends one
# empties what migrations had created: the role groups and the ISO countries. Such a test puts them back first.
def restore_reference_data() -> None:
    """What the migrations created and an earlier transactional test's flush removed: role groups and countries."""
    sync_role_groups(apps)
    countries = importlib.import_module("partners.migrations.0002_iso_countries")
    countries.create_countries(apps, None)


def make_user(role: str):
    """A user named after `role`; a reviewer or administrator has enrolled a second factor (see with_device)."""
    user = get_user_model().objects.create_user(username=role, password=PASSWORD, is_staff=role in STAFF_ROLES)
    user.groups.add(Group.objects.get(name=role))
    return with_device(user) if role in (REVIEWER, ADMINISTRATOR) else user


def with_device(user):
    """`user` with a confirmed authenticator, carried on the object as `otp_device`.

    As django-otp's own login forms leave the device that verified a user on the user, so that its login() records
    it in the session: `client.force_login(user)` then gives a verified session (see _verified_by_device), and the
    tests of admin pages need not know about the second factor. A login through the login page reads the user
    afresh, without the attribute, and is asked for a code like anyone.
    """
    user.otp_device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def _verified_by_device(sender, request, user, **kwargs):
    # django_otp's own receiver does this only for a request that carries the user; force_login's bare request
    # does not.
    device = getattr(user, "otp_device", None)
    if device is not None and request is not None:
        request.user = user
        django_otp.login(request, device)


user_logged_in.connect(_verified_by_device, dispatch_uid="tests.conftest.verified_by_device")


def code_for(device: TOTPDevice) -> str:
    """The code the person's authenticator app shows now, computed from the device's secret (RFC 6238).

    A code once accepted is refused ever after; logged in twice within 30 seconds, the person types the app's next
    code, which the server accepts a step early (django-otp's tolerance of one step).
    """
    device.refresh_from_db()
    now = (int(time.time()) - device.t0) // device.step + device.drift
    ahead = max(0, device.last_t + 1 - now)
    assert ahead <= device.tolerance, "no code left to give in this minute"
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead):0{device.digits}d}"


@pytest.fixture
def viewer(db):
    return make_user("viewer")


@pytest.fixture
def editor(db):
    return make_user("editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer(db):
    return make_user("reviewer")


@pytest.fixture
def administrator(db):
    return make_user("administrator")


@pytest.fixture
def superuser(db):
    return with_device(get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD))


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def role_users(db):
    return {role: make_user(role) for role in ROLES}


@pytest.fixture
def logged_in(client, viewer):
    """A browser session of a head of division: the viewer role, reading dashboards."""
    client.force_login(viewer)
    return client


def body(response) -> bytes:
    """The whole body, streamed or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def count_queries(client, url: str) -> int:
    """The SQL queries one GET of `url` makes, a streamed body read to its end; the page must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body(response)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def admin_url(model, view: str, *args) -> str:
    """The admin's `view` page ("changelist", "add", "change", "history", …) of `model`, with its arguments."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def admin_change_url(obj) -> str:
    return admin_url(type(obj), "change", obj.pk)
