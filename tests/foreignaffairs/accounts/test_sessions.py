"""The idle timeout slides with activity, but the session row is written once per few minutes, not per request."""

import datetime

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from foreignaffairs.accounts.sessions import REFRESH_SECONDS, REFRESHED_AT


def _session_writes(client, url="/dashboard/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(1 for query in queries if query["sql"].startswith("UPDATE") and "django_session" in query["sql"])


def _age_the_refresh(client, seconds: int) -> None:
    session = client.session
    session[REFRESHED_AT] -= seconds
    session.save()


def test_pages_right_after_login_do_not_write_the_session(client, viewer):
    client.force_login(viewer)
    assert _session_writes(client) == 0
    assert _session_writes(client) == 0


def test_activity_after_the_interval_pushes_the_expiry_back(client, viewer):
    client.force_login(viewer)
    _age_the_refresh(client, REFRESH_SECONDS + 1)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=10))

    assert _session_writes(client) == 1
    assert Session.objects.get().expire_date > timezone.now() + datetime.timedelta(hours=7, minutes=59)
    assert _session_writes(client) == 0


def test_activity_within_the_interval_leaves_the_expiry(client, viewer):
    client.force_login(viewer)
    _age_the_refresh(client, REFRESH_SECONDS - 30)
    assert _session_writes(client) == 0


def test_an_anonymous_visit_creates_no_session(client, db):
    assert client.get("/accounts/login/").status_code == 200
    assert Session.objects.count() == 0
