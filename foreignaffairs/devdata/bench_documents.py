"""`make bench`'s documents (issue 18): the periodic report of the busiest year, as DOCX and as PDF, each downloaded
once from the report page as a person asks for it, timed and its queries counted; the targets beside them."""

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count
from django.db.models.functions import Substr
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegations.models import Delegation

# Issue 18: the annual report of a year with ~9,000 delegations within 20 s, with a fixed number of queries.
REPORT_TARGET_SECONDS = 20


@dataclass
class DocumentResult:
    document: str
    seconds: float
    queries: int
    bytes: int
    note: str = ""


def busiest_year() -> tuple[int, int] | None:
    """The year most delegations start in (partial dates are ISO text: their first four characters), and how many."""
    years = (
        Delegation.objects.exclude(starts_on=None)
        .order_by()
        .annotate(year=Substr("starts_on", 1, 4))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-count")
        .first()
    )
    return (int(years["year"]), years["count"]) if years and years["year"] else None


def measure_documents(client: Client) -> list[DocumentResult]:
    found = busiest_year()
    if found is None:
        return []
    year, delegations = found
    results = []
    for kind in ("docx", "pdf"):
        url = f"{reverse('dashboard:report')}?{urlencode({'year': year, 'half': 'year', 'format': kind})}"
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            body = response.content
            seconds = round(time.perf_counter() - started, 2)
        within = response.status_code == 200 and seconds <= REPORT_TARGET_SECONDS
        results.append(
            DocumentResult(
                document=f"report {year} ({delegations:,} delegations), {kind}",
                seconds=seconds,
                queries=len(queries),
                bytes=len(body),
                note=f"status {response.status_code}, target {REPORT_TARGET_SECONDS} s: {'yes' if within else 'NO'}",
            )
        )
    return results
