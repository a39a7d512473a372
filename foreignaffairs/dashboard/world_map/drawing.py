"""The world map as templates/dashboard/_world_map.html draws it: each country's shape, shade, tooltip and link, and
the table beside it with the same figures (the map is never the only place a figure lives).

The shapes are shapes.json, made once by build_shapes.py (its docstring says from what and how). A country is shaded
by its number of partners in one of up to five buckets, whose bounds follow the largest count (so the shades still
tell countries apart at 5 partners or at 5,000); a country with partners is a link to the partner list filtered by
it. The countries too small for the map's scale (Singapore, Hong Kong, …) are a dot when they have partners; every
country with figures, drawn or not, is in the table.
"""

import datetime
import functools
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from foreignaffairs.dashboard.world_map.figures import CountryFigures, country_figures
from partners.models import country_name

SHAPES_FILE = Path(__file__).with_name("shapes.json")
BUCKETS = 5  # shades for countries with partners (CSS classes map-b1 … map-b5; map-b0: none)
MARKER_RADIUS = 3


@functools.cache
def _shapes() -> dict:
    return json.loads(SHAPES_FILE.read_text())


@dataclass(frozen=True)
class Bucket:
    css: str  # map-b1 … map-b5
    low: int
    high: int

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def buckets_for(largest: int) -> list[Bucket]:
    """Up to BUCKETS ranges of partner counts from 1 to `largest`, growing geometrically (most countries have a few
    partners, a few have many), the darkest shade always for the largest."""
    if largest < 1:
        return []
    highs = sorted({max(1, round(largest ** (step / BUCKETS))) for step in range(1, BUCKETS + 1)})
    shades = (
        [BUCKETS] if len(highs) == 1 else [round(1 + i * (BUCKETS - 1) / (len(highs) - 1)) for i in range(len(highs))]
    )
    lows = [1, *(high + 1 for high in highs[:-1])]
    return [Bucket(f"map-b{shade}", low, high) for shade, low, high in zip(shades, lows, highs, strict=True)]


def _shade(partners: int, buckets: list[Bucket]) -> str:
    return next((bucket.css for bucket in buckets if partners <= bucket.high), "map-b0") if partners else "map-b0"


@dataclass(frozen=True)
class Country:
    """A country with figures: a row of the table, and the tooltip and link of its shape or dot."""

    code: str
    name: str
    figures: CountryFigures
    shade: str
    partners_url: str | None  # None: no partner to list
    visits_url: str | None  # the delegation list of the year for that country; None: none to list
    current: bool  # the country the partner list is filtered by


@dataclass(frozen=True)
class WorldMap:
    width: int
    height: int
    drawing: SafeString  # the inside of the <svg>: every country's shape, the dots, Vietnam's archipelagos' names
    legend: list[Bucket]
    countries: list[Country]  # the table: every country with a figure, most partners first
    table_rows: SafeString
    year: int
    current: Country | None


# The shapes and the table's rows are written here rather than in the template: a few hundred countries, each a
# handful of values, cost the template language ~90 ms per page (scale 1, shared machine), and this ~5 ms. Every text
# is escaped here.
def _element(tag: str, attributes: str, title: str, url: str | None) -> str:
    """An SVG element (its attributes escaped already) with its tooltip, inside a link to `url` if there is one."""
    if url:
        return f'<a href="{escape(url)}" tabindex="-1"><title>{escape(title)}</title><{tag} {attributes}/></a>'
    return f"<{tag} {attributes}><title>{escape(title)}</title></{tag}>"


def _drawing(data: dict, countries: dict[str, Country], current: str, tooltip: str, year: int) -> str:
    parts = []
    for code, d in data["shapes"].items():
        country = countries.get(code)
        css = f"country {country.shade if country else 'map-b0'}{' map-current' if code == current else ''}"
        title = _tooltip(tooltip, country, year) if country else country_name(code)
        parts.append(_element("path", f'd="{escape(d)}" class="{css}"', title, country and country.partners_url))
    for code, (x, y) in data["markers"].items():
        country = countries.get(code)
        if country and country.partners_url:
            css = f"country map-marker {country.shade}{' map-current' if country.current else ''}"
            circle = f'cx="{x}" cy="{y}" r="{MARKER_RADIUS}" class="{css}"'
            parts.append(_element("circle", circle, _tooltip(tooltip, country, year), country.partners_url))
    # Vietnam's archipelagos, named as maps published in Vietnam name them (build_shapes.py draws their islands).
    names = {"paracel": _("Hoàng Sa (Việt Nam)"), "spratly": _("Trường Sa (Việt Nam)")}
    for place, (x, y, anchor) in data["labels"].items():
        # On two lines, the name and "(Việt Nam)": on one, Hoàng Sa's ran over the Philippines.
        name, _open, rest = names[place].partition(" (")
        lines = f'<tspan x="{x}">{escape(name)}</tspan><tspan x="{x}" dy="1.1em">{escape(_open.strip() + rest)}</tspan>'
        parts.append(f'<text x="{x}" y="{y}" text-anchor="{anchor}" class="map-label">{lines}</text>')
    return "\n".join(parts)


def _table_rows(countries: list[Country], filtering: str) -> str:
    rows = []
    for country in countries:
        name = escape(country.name)
        if country.partners_url:
            current = ' aria-current="true"' if country.current else ""
            name = f'<a href="{escape(country.partners_url)}"{current}>{name}</a>'
        if country.current:
            name += f' <span class="muted">({escape(filtering)})</span>'
        figures = country.figures
        visits = f'<a href="{escape(country.visits_url)}">{figures.visits}</a>' if country.visits_url else "0"
        row_class = ' class="map-current-row"' if country.current else ""
        rows.append(
            f'<tr{row_class}><th scope="row">{name}</th><td>{figures.partners}</td><td>{figures.in_force}</td>'
            f"<td>{visits}</td></tr>"
        )
    return "\n".join(rows)


def _tooltip(template: str, country: Country, year: int) -> str:
    figures = country.figures
    return template % {
        "country": country.name,
        "partners": figures.partners,
        "agreements": figures.in_force,
        "year": year,
        "visits": figures.visits,
    }


def world_map(today: datetime.date, current: str = "") -> WorldMap:
    """The map of `today` (its year's delegations), the country `current` (an ISO code, any case) marked."""
    figures = country_figures(today)
    buckets = buckets_for(max((counts.partners for counts in figures.values()), default=0))
    partner_list, delegation_list = reverse("dashboard:partner-list"), reverse("dashboard:delegation-list")
    current = current.upper()
    # ISO codes are two capital letters and the year four digits: nothing in these addresses needs quoting.
    countries = {
        code: Country(
            code=code,
            name=country_name(code),
            figures=counts,
            shade=_shade(counts.partners, buckets),
            partners_url=f"{partner_list}?country={code}" if counts.partners else None,
            visits_url=f"{delegation_list}?country={code}&starts_in={today.year}" if counts.visits else None,
            current=code == current,
        )
        for code, counts in figures.items()
    }
    tooltip = _(
        "%(country)s — đối tác: %(partners)s; thỏa thuận còn hiệu lực: %(agreements)s; đoàn năm %(year)s: %(visits)s"
    )
    data = _shapes()
    table = sorted(
        countries.values(), key=lambda c: (-c.figures.partners, -c.figures.in_force, -c.figures.visits, c.name)
    )
    return WorldMap(
        width=data["width"],
        height=data["height"],
        drawing=mark_safe(_drawing(data, countries, current, tooltip, today.year)),  # noqa: S308 (escaped)
        legend=buckets,
        countries=table,
        table_rows=mark_safe(_table_rows(table, _("đang lọc"))),  # noqa: S308 (escaped)
        year=today.year,
        current=countries.get(current),
    )
