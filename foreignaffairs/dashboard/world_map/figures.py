"""The world map's figures per country: partners, agreements in force, delegations of the year. One query.

Each figure counts what the list it links to shows:
- partners: the partners of that country (the partner list's `?country=`), parents and children alike;
- agreements in force: alive agreements (signed, in effect, under review: AgreementStatus.alive, the briefing's and
  partner health's "còn hiệu lực") with at least one partner of that country, each agreement once per country;
- delegations of the year: delegations starting in that year (however partially dated) naming that country or a
  partner of it, each once: the delegation list's `?country=…&starts_in=<year>`.

The three GROUP BYs are built by the ORM and sent as one UNION ALL, so the overview (near its query budget) and the
partner list pay one round trip. They are kept in the cache like the overview's figures: FIGURES_CACHE_SECONDS,
dropped once a save of a partner, agreement or delegation commits (its links are saved in the same transaction).
"""

import datetime
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, QuerySet
from django.db.models.signals import post_delete, post_save

from agreements.choices import AgreementStatus
from agreements.models import Agreement, AgreementPartner
from delegations.models import Delegation, DelegationPartner
from partners.models import Country, Partner

CACHE_KEY = "dashboard:world-map-figures"
CACHE_SECONDS = 60


class CountryFigures(NamedTuple):
    partners: int = 0
    in_force: int = 0
    visits: int = 0


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def _figures_query(year: str) -> tuple[str, tuple]:
    """One statement: (kind, country code, count) rows, one per kind and country with anything to count.

    Each part groups by the country's id, which the link tables' and partners' indexes hold (the partners' count
    reads only an index), and the codes are joined once, at the end, from the few hundred countries.
    """
    partners = Partner.objects.order_by().values(place=F("country_id")).annotate(n=Count("country_id"))
    in_force = (
        AgreementPartner.objects.order_by()
        .filter(agreement__status__in=[status.value for status in AgreementStatus.alive()])
        .values(place=F("partner__country_id"))
        .annotate(n=Count("agreement_id", distinct=True))
    )
    # A delegation's countries are the ones it names and its partners' (DelegationFilterSet's `country`): a UNION of
    # (country, delegation) pairs counts a delegation once where both name the same country.
    named = (
        Delegation.countries.through.objects.order_by()
        .filter(delegation__starts_on__startswith=year)
        .annotate(place=F("country_id"))
        .values_list("place", "delegation_id")
    )
    through_partners = (
        DelegationPartner.objects.order_by()
        .filter(delegation__starts_on__startswith=year)
        .annotate(place=F("partner__country_id"))
        .values_list("place", "delegation_id")
    )
    (partners_sql, partners_params), (in_force_sql, in_force_params), (pairs_sql, pairs_params) = (
        _sql(partners),
        _sql(in_force),
        _sql(named.union(through_partners)),
    )
    countries = connection.ops.quote_name(Country._meta.db_table)
    sql = (
        "SELECT counted.kind, country.code, counted.n FROM ("  # noqa: S608 (the ORM's SQL; values are parameters)
        f"SELECT 'p' AS kind, place, n FROM ({partners_sql}) partners"
        f" UNION ALL SELECT 'a', place, n FROM ({in_force_sql}) in_force"
        f" UNION ALL SELECT 'v', place, COUNT(*) FROM ({pairs_sql}) pairs GROUP BY place"
        f") counted INNER JOIN {countries} country ON country.id = counted.place"
    )
    return sql, partners_params + in_force_params + pairs_params


def _read(year: str) -> dict[str, CountryFigures]:
    sql, params = _figures_query(year)
    counts: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, code, n in cursor.fetchall():
            counts.setdefault(code, {})[kind] = n
    return {
        code: CountryFigures(partners=n.get("p", 0), in_force=n.get("a", 0), visits=n.get("v", 0))
        for code, n in counts.items()
    }


def country_figures(today: datetime.date) -> dict[str, CountryFigures]:
    """The figures of every country with any, by ISO code; this year's delegations by `today`'s year."""
    cached = cache.get(CACHE_KEY)
    if cached is None or cached["day"] != today:
        cached = {"day": today, "countries": _read(str(today.year))}
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached["countries"]


def forget_country_figures(**kwargs: Any) -> None:
    # After the commit: the links (parties, countries) are saved after their record, in the same transaction.
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def connect_figure_invalidation() -> None:
    for model in (Partner, Agreement, Delegation):
        uid = f"dashboard.world_map.{model._meta.label_lower}"
        post_save.connect(forget_country_figures, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(forget_country_figures, sender=model, dispatch_uid=f"{uid}.delete")
