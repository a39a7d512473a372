"""Running the health queries without PostgreSQL's JIT compiler.

PostgreSQL compiles a query to machine code first when its estimated cost is high (jit_above_cost). The health
judgement's sets (foreignaffairs.relationships.health.with_health) are estimated at some 15 million, so a partner
list sorted or filtered by health spent seconds compiling before running what then takes under one: at scale 10,
sorted by health 8.2 s with the compiler and 0.9 s without, ?health=dormant 22 s and 1.3 s. Turned off only here,
for the transaction: the header's search is faster with it (88 ms against 125 ms).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def without_jit() -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield
