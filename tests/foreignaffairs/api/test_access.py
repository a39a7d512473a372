"""Who may read the API: session users and API keys, and only with the view permission of the kind."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from foreignaffairs.models import APIToken
from tests.conftest import write_export_snapshot

LIST_URLS = [
    "/api/v1/partners/",
    "/api/v1/agreements/",
    "/api/v1/reviews/",
    "/api/v1/delegations/",
    "/api/v1/countries/",
    "/api/v1/fields/",
    "/api/v1/units/",
    "/api/v1/people/",
    "/api/v1/export/",
]


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.parametrize("url", LIST_URLS)
def test_it_answers_anonymous_requests_401_with_a_challenge(client, db, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"]


@pytest.mark.parametrize("url", LIST_URLS)
def test_it_answers_users_without_view_permission_403(client, db, url):
    client.force_login(get_user_model().objects.create_user("outsider", password="x" * 12))
    response = client.get(url)
    assert response.status_code == 403
    assert response.json() == {"detail": "Bạn không có quyền xem loại dữ liệu này."}


@pytest.mark.parametrize("url", LIST_URLS)
def test_it_lets_a_viewer_read_every_endpoint(logged_in, url):
    write_export_snapshot()
    assert logged_in.get(url).status_code == 200


def test_it_requires_the_view_permission_of_that_very_kind(client, db):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("partners-only", password="x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="view_partner"))
    client.force_login(user)
    assert client.get("/api/v1/partners/").status_code == 200
    assert client.get("/api/v1/agreements/").status_code == 403
    assert client.get("/api/v1/export/").status_code == 403


def test_it_accepts_a_valid_bearer_key_and_records_its_use(client, viewer, make_key):
    key = make_key(viewer)
    response = client.get("/api/v1/partners/", **bearer(key))
    assert response.status_code == 200
    assert APIToken.objects.get().last_used_at is not None


def test_it_records_last_use_at_most_once_a_minute(client, viewer, make_key):
    key = make_key(viewer)
    recent = timezone.now() - datetime.timedelta(seconds=10)
    APIToken.objects.update(last_used_at=recent)
    client.get("/api/v1/units/", **bearer(key))
    assert APIToken.objects.get().last_used_at == recent
    APIToken.objects.update(last_used_at=recent - datetime.timedelta(minutes=2))
    client.get("/api/v1/units/", **bearer(key))
    assert APIToken.objects.get().last_used_at > recent


def test_it_stores_only_a_hash_of_the_key(viewer, make_key):
    key = make_key(viewer)
    token = APIToken.objects.get()
    assert key not in (token.key_hash, token.prefix) and token.key_hash != key
    assert key.startswith(token.prefix)


def test_it_refuses_an_expired_key(client, viewer, make_key):
    key = make_key(viewer, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get("/api/v1/partners/", **bearer(key))
    assert response.status_code == 401
    assert "hết hạn" in response.json()["detail"]


def test_it_refuses_a_revoked_key(client, viewer, make_key):
    key = make_key(viewer)
    APIToken.objects.update(revoked_at=timezone.now())
    assert client.get("/api/v1/partners/", **bearer(key)).status_code == 401


def test_it_refuses_an_unknown_key(client, db):
    assert client.get("/api/v1/partners/", **bearer("not-a-key")).status_code == 401


def test_it_refuses_a_malformed_authorization_header(client, db):
    assert client.get("/api/v1/partners/", HTTP_AUTHORIZATION="Bearer two words").status_code == 401


def test_it_refuses_the_key_of_a_deactivated_user(client, viewer, make_key):
    key = make_key(viewer)
    viewer.is_active = False
    viewer.save()
    assert client.get("/api/v1/partners/", **bearer(key)).status_code == 401


def test_it_does_not_let_a_viewer_key_read_without_view_permission(client, make_key, db):
    user = get_user_model().objects.create_user("machine", password="x" * 12)
    assert client.get("/api/v1/partners/", **bearer(make_key(user))).status_code == 403
