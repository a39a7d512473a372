"""`/healthz` for the load balancer: may this app server take requests?

Yes when its database answers, its cache answers, and no migration is waiting (a server started before `migrate`
ran, or with code newer than the schema, would fail on the first page that reads a new column). The answer names
each check with "ok" or "failed" and nothing else: no versions, no data, no login, so it can be open to the proxy.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PROBE_KEY = "healthz:probe"
# Once a process has seen every migration applied, the schema cannot fall behind its code again until the process
# is replaced: reading the migration files on every probe (tens of milliseconds) would buy nothing.
_migrations_seen_applied = False


def _database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache() -> bool:
    cache.set(PROBE_KEY, "ok", 10)
    return cache.get(PROBE_KEY) == "ok"


def _migrations() -> bool:
    global _migrations_seen_applied
    if not _migrations_seen_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrations_seen_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_seen_applied


CHECKS: dict[str, Callable[[], bool]] = {"database": _database, "cache": _cache, "migrations": _migrations}


def _passes(check: Callable[[], bool]) -> bool:
    try:
        return check()
    except Exception:
        # Any failure of a dependency means "not ready"; the answer stays terse, the log keeps the details.
        logger.exception("health check %s failed", check.__name__)
        return False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    results = {name: _passes(check) for name, check in CHECKS.items()}
    status = 200 if all(results.values()) else 503
    return JsonResponse({name: "ok" if passed else "failed" for name, passed in results.items()}, status=status)
