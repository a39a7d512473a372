"""Shared fixtures: the demo data, and one user per role named after the role (as healthchecks names alice/bob)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

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
