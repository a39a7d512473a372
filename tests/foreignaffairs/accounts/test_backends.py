"""Permissions in one query give exactly what Django's own ModelBackend gives, for every role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from foreignaffairs.accounts.backends import ModelBackendOneQuery
from foreignaffairs.accounts.roles import ROLES
from tests.conftest import make_user


@pytest.mark.parametrize("role", sorted(ROLES))
def test_it_gives_a_role_the_same_permissions_as_django_in_one_query(db, role):
    user = make_user(role)
    user.user_permissions.add(Permission.objects.get(codename="view_logentry"))  # one given to the user directly
    expected = ModelBackend().get_all_permissions(get_user_model().objects.get(pk=user.pk))

    fresh = get_user_model().objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        permissions = ModelBackendOneQuery().get_all_permissions(fresh)
        assert ModelBackendOneQuery().has_perm(fresh, next(iter(expected)))
    assert permissions == expected and "admin.view_logentry" in permissions
    # The one query: the app label and codename of every permission given to the user or to one of the user's
    # groups (two subqueries on the link tables); has_perm reads the set the user object keeps.
    assert len(queries) == 1


def test_it_gives_an_inactive_user_no_permission(db):
    user = make_user("editor")
    user.is_active = False
    assert ModelBackendOneQuery().get_all_permissions(user) == set()
