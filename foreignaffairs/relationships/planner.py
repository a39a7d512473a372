"""Running the partner list's queries without PostgreSQL's JIT compiler and without parallel workers.

PostgreSQL compiles a query to machine code first when its estimated cost is high (jit_above_cost, 100,000 by
default). The health judgement used to be a CASE over sets of every record, estimated at some 15 million: sorted by
health the list took 8.2 s with the compiler and 0.9 s without. Since the judgement reads the partners' summaries
(foreignaffairs.relationships.models), the list's queries are estimated at about 70,000 at scale 10 (the 50 rows'
figures, one subquery each, make most of it) and none is compiled, switch or not: measured at scale 10 on 01/12/2026,
sorted by health 0.2 s either way. The switch stays as a guard, for a larger database whose estimates cross the
threshold; it costs nothing.

Parallel workers are turned off for the same transaction: sorted or filtered by health, the list joins and judges
every partner before the sort, and a worker sorted its half in full (on disk) for the leader to merge, where one
process keeps only the 50 rows it returns (a top-N heapsort). At scale 10 on this two-core machine: sorted by health,
the page's query 110 ms with a worker, 90 ms without (median of 15); the whole page p50 175 ms, 134 ms. Turned off
only here, for the transaction: the header's search is faster with JIT (88 ms against 125 ms).
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
            # One statement, so the page's query count stays what it was.
            cursor.execute("SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0")
        yield
