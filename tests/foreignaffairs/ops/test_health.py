"""/healthz: the load balancer's question "may this server take requests?", answered without login or data."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from foreignaffairs.ops import health

ALL_OK = {"database": "ok", "cache": "ok", "migrations": "ok"}


@pytest.fixture(autouse=True)
def _migrations_checked_afresh(monkeypatch):
    # Each test asks as a process that has not yet seen the migrations applied.
    monkeypatch.setattr(health, "_migrations_seen_applied", False)


def test_it_answers_ok_to_anyone_without_a_login(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, ALL_OK)
    assert "no-cache" in response["Cache-Control"]


def test_it_is_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/dashboard/").status_code == 301


def refuse_every_query(execute, sql, params, many, context):
    raise connection.Database.OperationalError("the database is down")


def test_it_says_the_database_failed(client, db):
    with connection.execute_wrapper(refuse_every_query):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "failed"


def test_it_says_the_cache_failed(client, db, settings):
    # A Redis that is not there (nothing listens on port 1): the probe fails within its one-second timeout.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (503, {**ALL_OK, "cache": "failed"})


@pytest.mark.django_db(transaction=True)
def test_it_says_a_migration_is_waiting(client):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    newest = next(node for node in latest if node[0] == "delegations")
    parents = [
        parent.key for parent in executor.loader.graph.node_map[newest].parents if parent.key[0] == "delegations"
    ]
    executor.migrate([parents[0] if parents else ("delegations", None)])
    try:
        response = client.get("/healthz")
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert (response.status_code, response.json()["migrations"]) == (503, "failed")


def test_it_refuses_other_methods(client, db):
    assert client.post("/healthz").status_code == 405
