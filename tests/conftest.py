"""Shared fixtures: the demo data, and one user per role named after the role (as healthchecks names alice/bob)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foreignaffairs.accounts.roles import ROLES, STAFF_ROLES
from foreignaffairs.devdata.demo import load_demo

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache lives in the process (LocMemCache), across tests: each test starts without another's figures.
    cache.clear()


@pytest.fixture
def demo(db):
    load_demo()


def make_user(role: str):
    user = get_user_model().objects.create_user(username=role, password=PASSWORD, is_staff=role in STAFF_ROLES)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def viewer(db):
    return make_user("viewer")


@pytest.fixture
def editor(db):
    return make_user("editor")


@pytest.fixture
def reviewer(db):
    return make_user("reviewer")


@pytest.fixture
def administrator(db):
    return make_user("administrator")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)


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
