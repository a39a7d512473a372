"""The failure drills (`manage.py drill`): two app servers behind nginx keep answering while each restarts, and a
drill leaves no process, session or key behind, even when it fails.

The PostgreSQL restart itself is not played here: it cuts every connection of the machine, the other tests' too.
tests/foreignaffairs/ops/test_database_health.py shows what the health check does to one connection instead.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from foreignaffairs.models import APIToken
from foreignaffairs.ops import drills
from foreignaffairs.ops.drills import Disturbance, DrillResult, Outcome
from tests.conftest import restore_reference_data


def outcome(started: float, ended: float, status: int | None = 500) -> Outcome:
    return Outcome(started, ended, "/dashboard/", status, error="" if status else "ConnectionResetError")


def test_it_puts_each_failure_where_it_happened():
    result = DrillResult(
        "drill",
        10.0,
        [
            outcome(0.0, 0.1, 200),
            outcome(1.9, 2.1),  # under way when the server stopped at 2.0
            outcome(2.5, 2.6, None),  # sent while it was down (2.0 to 3.0)
            outcome(3.5, 3.6),  # sent when all was up again: the system's fault
        ],
        [Disturbance("app server 1 restarted", 2.0, 3.0)],
    )
    assert len(result.failures) == 3
    assert result.failures_by_moment() == {"in flight": 1, "during": 1, "while up": 1}


def test_it_counts_the_requests_nginx_sent_to_the_other_server():
    retried = Outcome(0.0, 0.1, "/healthz", 200, upstreams="127.0.0.1:8001, 127.0.0.1:8002")
    assert DrillResult("drill", 1.0, [retried, outcome(0.0, 0.1, 200)]).retried == 1


def child_processes() -> set[int]:
    """The processes this one started and that are still there."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


@pytest.fixture
def servers_on_the_test_database():
    """The drill's servers are given this process's database (app_servers.database_url): here, the test's."""
    if connection.vendor != "postgresql":
        pytest.skip("app server processes share the test database: PostgreSQL (SQLite's lives in memory)")
    restore_reference_data()
    before = child_processes()
    yield
    assert child_processes() <= before, "a process the drill started is still running"
    assert not APIToken.objects.exists() and not Session.objects.exists(), "the drill's key or session is left"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(shutil.which("nginx") is None, reason="the drill's proxy is nginx (apt install nginx)")
def test_no_request_fails_while_each_app_server_restarts_in_turn(servers_on_the_test_database):
    result = drills.app_server_failover(seconds=6, clients=2, rate=20)
    assert len(result.outcomes) >= 50
    assert len(result.disturbances) == 2
    # Only a request under way at a stop may fail; nginx sends the others to the server that is up.
    moments = result.failures_by_moment()
    assert (moments["during"], moments["while up"]) == (0, 0), drills.format_table([result])


@pytest.mark.django_db(transaction=True)
def test_a_drill_that_fails_stops_what_it_started(servers_on_the_test_database):
    with pytest.raises(drills.DrillError, match="false failed"):
        drills.postgres_restart(seconds=1, clients=1, rate=5, restart_command=("false",))
