"""A PostgreSQL restart under connections kept across requests (finding 7 of issue 15).

Each server thread keeps its connection between requests (CONN_MAX_AGE). A restart of PostgreSQL ends the server
process at the other end of every one of them; without a health check, each thread's next request ran its first
query on the dead connection and answered 500. The restart is played here by ending the server process of the
connection that serves the requests (pg_terminate_backend, what a restart does to each connection).

Requests are served as a WSGI server serves them, sending request_started and request_finished, where Django
checks its connections. The test Client holds those signals back from the connections, so it cannot show this.
"""

from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kept_connection():
    """The test's connection, kept across requests as in production, with the health check as configured."""
    if connection.vendor != "postgresql":
        pytest.skip("a database server to restart: PostgreSQL")
    saved = dict(connection.settings_dict)
    connection.settings_dict["CONN_MAX_AGE"] = 60
    # Both are read when a connection opens: the next query opens one with them.
    connection.close()
    yield connection
    connection.settings_dict.update(saved)
    connection.close()


@pytest.fixture
def session_cookie(client, viewer) -> str:
    client.force_login(viewer)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def serve(path: str, cookie: str) -> int:
    """One request through Django's WSGI handler, the response read and closed as gunicorn does; its status."""
    environ = {"PATH_INFO": path, "HTTP_COOKIE": cookie}
    setup_testing_defaults(environ)
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        b"".join(response)
    finally:
        response.close()  # sends request_finished
    return int(statuses[0].split()[0])


def end_server_process_of(database) -> None:
    """What a PostgreSQL restart does to every open connection, done to this one from a second connection."""
    server_process = database.connection.info.backend_pid
    other = database.copy()
    try:
        with other.cursor() as cursor:
            # Waits (up to 5 s) until the process has ended, as it has once a restart is over.
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [server_process])
            assert cursor.fetchone() == (True,)
    finally:
        other.close()


def statuses_across_a_restart(database, cookie: str) -> list[int]:
    page = reverse("dashboard:partner-list")
    before = serve(page, cookie)
    end_server_process_of(database)
    return [before, serve(page, cookie), serve(page, cookie)]


def test_it_answers_the_first_request_after_postgresql_restarted(kept_connection, session_cookie):
    assert statuses_across_a_restart(kept_connection, session_cookie) == [200, 200, 200]


def test_it_answered_500_without_the_health_check(kept_connection, session_cookie):
    # What the setting buys: the same restart, the check turned off as it was before.
    kept_connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    kept_connection.close()
    assert statuses_across_a_restart(kept_connection, session_cookie) == [200, 500, 200]
