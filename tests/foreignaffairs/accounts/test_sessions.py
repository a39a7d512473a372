"""The idle timeout slides with activity, but the session row is written once per few minutes, not per request."""

import datetime
import re

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from foreignaffairs.accounts.sessions import REFRESH_SECONDS, REFRESHED_AT

# What a write looks like in the SQL log, and the table it writes to.
WRITE = re.compile(r'^(?:UPDATE|INSERT INTO|DELETE FROM) "(\w+)"')


def _writes(client, url: str = "/dashboard/") -> list[str]:
    """The tables one page view writes to: a dashboard page only reads, but for the session's new expiry."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [match[1] for query in queries if (match := WRITE.match(query["sql"]))]


def _age_the_refresh(client, seconds: int) -> None:
    session = client.session
    session[REFRESHED_AT] -= seconds
    session.save()


def test_it_does_not_write_the_session_on_pages_right_after_login(client, viewer):
    client.force_login(viewer)
    assert _writes(client) == []
    assert _writes(client) == []


def test_it_pushes_the_expiry_back_on_activity_after_the_interval(client, viewer):
    client.force_login(viewer)
    _age_the_refresh(client, REFRESH_SECONDS + 1)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=10))

    assert _writes(client) == ["django_session"]
    assert Session.objects.get().expire_date > timezone.now() + datetime.timedelta(hours=7, minutes=59)
    assert _writes(client) == []


def test_it_leaves_the_expiry_on_activity_within_the_interval(client, viewer):
    client.force_login(viewer)
    _age_the_refresh(client, REFRESH_SECONDS - 30)
    assert _writes(client) == []


def test_it_creates_no_session_for_an_anonymous_visit(client, db):
    assert client.get("/accounts/login/").status_code == 200
    assert Session.objects.count() == 0
