"""Synthetic data at national scale, for the benchmark: realistic shapes, random content, bulk inserts.

Scale 1 is about 2,000 partners, 10,000 agreements, 20,000 reviews, 20,000 delegations and 100,000 delegation
members; scale N is N times that, fractions allowed. Rows go in through COPY (foreignaffairs.devdata.bulk_insert), which
skips save() and so the audit trail: synthetic rows are not anyone's edits. Everything save() would derive
(search_text, next_review_on and its deadline) is computed here the same way; the related search texts (an
agreement's partners' names, …) are computed after the load by one set-based UPDATE per table, as a migration
fills them. Ids are given here, counting on from
the largest in each table, so links between the new rows need no read-back and a renewal can name its predecessor
as it is written.

One builder per kind of row yields its rows as dicts. All builders draw from one random sequence, in the order
`_generate` calls them: a seed gives the same rows only as long as that order and each builder's draws stay as
they are (tests/foreignaffairs/devdata/test_synthetic.py pins a digest of them).
"""

import datetime
import decimal
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model, Q

from agreements.choices import AgreementKind, AgreementStatus, EffectivenessRating, Recommendation, ReviewStatus
from agreements.models import Agreement, AgreementPartner, AgreementReview, AgreementUnit
from delegations.choices import DelegationStatus, Direction, MemberRole
from delegations.models import Delegation, DelegationMember, DelegationPartner, ItineraryItem
from foreignaffairs.devdata.bulk_insert import bulk_load, insert_rows, reset_sequences
from foreignaffairs.partial_dates import PartialDate, add_months
from foreignaffairs.relationships.summary import refresh as refresh_partner_health
from foreignaffairs.search.backfill import fill_related_text
from foreignaffairs.text_search import build_search_text
from partners.choices import PartnerKind, RelationshipStatus, RelationshipType, Side
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person
from projects.choices import ProjectKind, ProjectStatus
from projects.models import Project

DEFAULT_SEED = 20261124
ROWS_AT_SCALE_ONE = {"partners": 2000, "people": 20000, "agreements": 10000, "delegations": 20000, "projects": 2000}
REVIEWS_PER_AGREEMENT = 2
MEMBERS_PER_DELEGATION = 5
ITINERARY_PER_DELEGATION = 2
# Every n-th agreement renews the one before it; every n-th project runs under an agreement.
RENEWAL_EVERY = 5
PROJECT_UNDER_AGREEMENT_EVERY = 3
AGREEMENTS_WITH_EXPIRY_SHARE = 0.8
# Rows per executemany where there is no COPY (SQLite); PostgreSQL streams every row of a table in one COPY.
ROWS_PER_INSERT_BATCH = 5000
PROJECT_CURRENCIES = ["USD", "KRW", "JPY", "EUR", "VND"]
CENTS = decimal.Decimal("0.01")
TEST_UNIT_COUNT = 10

# Syllables to compose names in several scripts; the output is random, never a real place or person. A string
# holds one-character syllables: a choice from it picks one character.
LATIN = ["san", "ta", "mar", "lo", "ber", "gen", "vil", "ro", "na", "dor", "kel", "fa", "mon", "ri", "del", "cas"]
FAMILY_VI = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
GIVEN_VI = ["Văn", "Thị", "Đình", "Hữu", "Quang", "Thanh", "Minh", "Đức", "Thùy", "Bình", "Phúc", "Trung", "Giang"]
HANGUL_PERSON = "김이박최정강조윤장임한오서신권황"
KANJI_PLACE = "福井山川田中村本東京大阪名古屋島"
# Partners in these countries also get a name in the country's script; elsewhere the native name stays blank.
NATIVE_PLACE_SYLLABLES = {
    "KR": "서울경주남양진동래청충부산광대전",
    "JP": KANJI_PLACE,
    "CN": KANJI_PLACE,
    "TW": KANJI_PLACE,
    "RU": ["Мо", "ска", "Пе", "тер", "Ка", "зань", "Ом", "ск", "Но", "во", "си", "бирск"],
    "TH": ["เชียง", "ใหม่", "ภู", "เก็ต", "ขอน", "แก่น", "อุดร", "ธานี"],
    **dict.fromkeys(
        ["SA", "AE", "QA", "OM", "KW", "EG"], ["الر", "ياض", "جد", "ة", "دبي", "قطر", "مس", "قط", "عمان", "كو", "يت"]
    ),
}
AGREEMENT_TOPICS = ["văn hóa", "du lịch", "giáo dục", "đầu tư", "y tế"]
PROJECT_TOPICS = ["cấp nước", "bảo tồn di sản", "đào tạo nghề", "y tế cộng đồng"]

# Enum .values rebuilds its list on every access; the generators ask millions of times.
CHOICE_VALUES = {
    enum: list(enum.values)
    for enum in (
        AgreementKind,
        AgreementStatus,
        DelegationStatus,
        Direction,
        EffectivenessRating,
        MemberRole,
        PartnerKind,
        ProjectKind,
        ProjectStatus,
        Recommendation,
        RelationshipStatus,
        RelationshipType,
        ReviewStatus,
        Side,
    )
}

# The tables written in bulk, their indexes and foreign keys set aside meanwhile (bulk_insert.bulk_load).
LOADED_MODELS = (
    Partner,
    Person,
    Agreement,
    AgreementPartner,
    AgreementUnit,
    Agreement.fields.through,
    AgreementReview,
    Delegation,
    DelegationPartner,
    Delegation.countries.through,
    DelegationMember,
    ItineraryItem,
    Project,
    Project.fields.through,
)

Row = dict[str, object]


def scaled(scale: float, name: str) -> int:
    """How many records of kind `name` (a key of ROWS_AT_SCALE_ONE) a run at `scale` adds: at least one."""
    return max(1, round(ROWS_AT_SCALE_ONE[name] * scale))


def generate(scale: float, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Add synthetic records at `scale` to what the database holds; return how many of each kind went in."""
    with transaction.atomic():
        with bulk_load(*LOADED_MODELS):
            created = _generate(scale, seed)
            # While the indexes are set aside, so that rewriting every new row costs no index upkeep: each row's
            # links are found by the link tables' unique constraints and by primary keys, which bulk_load keeps.
            _fill_related_texts(Person, Agreement, Delegation, Project)
        reset_sequences(*LOADED_MODELS)
    # A partner's contacts are found by the people's partner index, which bulk_load built again over rows updated
    # just before: PostgreSQL lets no statement of that transaction use it (the rows' HOT chains), and each partner
    # would have scanned every person. In a transaction of its own, after.
    with transaction.atomic():
        _fill_related_texts(Partner)
    # COPY sends no signal: every partner's health summary from what is there now (foreignaffairs.relationships).
    with transaction.atomic():
        refresh_partner_health()
    return created


def _fill_related_texts(*models: type[Model]) -> None:
    """The related search text of every row that has none yet (the new ones), in one UPDATE per table."""
    for model in models:
        fill_related_text(model, model.related_search_paths, Q(related_search_text=""))


@dataclass
class _Run:
    """What the builders draw from: the run's random sequence, the reference rows already in the database, and
    the ids given to the records of this run (filled in as each kind is generated)."""

    rng: random.Random
    country_ids: dict[str, int]
    codes: list[str]
    field_ids: list[int]
    unit_ids: list[int]
    partner_ids: range = range(0)
    person_ids: range = range(0)
    agreement_ids: range = range(0)
    delegation_ids: range = range(0)
    project_ids: range = range(0)


def _generate(scale: float, seed: int) -> dict[str, int]:
    country_ids = dict(Country.objects.values_list("code", "pk"))
    run = _Run(
        rng=random.Random(seed),  # noqa: S311 (synthetic content, not secrets)
        country_ids=country_ids,
        codes=sorted(country_ids),
        field_ids=list(FieldOfCooperation.objects.values_list("pk", flat=True)),
        unit_ids=_hue_unit_ids(),
    )
    created: dict[str, int] = {}
    # Each kind links to those before it, and all draw from one random sequence: this order is part of the seed.
    for generate_kind in (_generate_partners, _generate_agreements, _generate_delegations, _generate_projects):
        created |= generate_kind(run, scale)
    return created


def _hue_unit_ids() -> list[int]:
    """The Huế units, which every agreement and project names; test units if the demo data has not made any."""
    unit_ids = list(HueUnit.objects.values_list("pk", flat=True))
    if unit_ids:
        return unit_ids
    names = [f"Đơn vị thử nghiệm {i}" for i in range(TEST_UNIT_COUNT)]
    HueUnit.objects.bulk_create(HueUnit(name_vi=name, search_text=build_search_text([name])) for name in names)
    return list(HueUnit.objects.values_list("pk", flat=True))


def _generate_partners(run: _Run, scale: float) -> dict[str, int]:
    run.partner_ids = _new_ids(Partner, scaled(scale, "partners"))
    created = {"partners": _insert(_partner_rows(run), Partner, with_pk=True)}
    run.person_ids = _new_ids(Person, scaled(scale, "people"))
    created["people"] = _insert(_person_rows(run), Person, with_pk=True)
    return created


def _generate_agreements(run: _Run, scale: float) -> dict[str, int]:
    run.agreement_ids = _new_ids(Agreement, scaled(scale, "agreements"))
    created = {"agreements": _insert(_agreement_rows(run), Agreement, with_pk=True)}
    created["agreement parties"] = _insert(_agreement_party_rows(run), AgreementPartner)
    _insert(_agreement_unit_rows(run), AgreementUnit)
    _insert(_field_rows(run, run.agreement_ids, "agreement_id"), Agreement.fields.through)
    created["reviews"] = _insert(_review_rows(run), AgreementReview)
    return created


def _generate_delegations(run: _Run, scale: float) -> dict[str, int]:
    run.delegation_ids = _new_ids(Delegation, scaled(scale, "delegations"))
    created = {"delegations": _insert(_delegation_rows(run), Delegation, with_pk=True)}
    _insert(_delegation_partner_rows(run), DelegationPartner)
    _insert(_delegation_country_rows(run), Delegation.countries.through)
    created["delegation members"] = _insert(_member_rows(run), DelegationMember)
    created["itinerary items"] = _insert(_itinerary_rows(run), ItineraryItem)
    return created


def _generate_projects(run: _Run, scale: float) -> dict[str, int]:
    run.project_ids = _new_ids(Project, scaled(scale, "projects"))
    created = {"projects": _insert(_project_rows(run), Project, with_pk=True)}
    _insert(_field_rows(run, run.project_ids, "project_id"), Project.fields.through)
    return created


def _partner_rows(run: _Run) -> Iterator[Row]:
    """Localities and organizations in every country in turn, named in Vietnamese, English and native script."""
    rng = run.rng
    for i, partner_id in enumerate(run.partner_ids):
        code = run.codes[i % len(run.codes)]
        english = f"{_latin_name(rng)} {partner_id}"
        kind = rng.choice(CHOICE_VALUES[PartnerKind])
        name_vi = f"{PartnerKind(kind).label} {english}"
        native = _native_name(rng, code)
        yield {
            "id": partner_id,
            "kind": kind,
            "name_vi": str(name_vi),
            "name_en": english,
            "name_native": native,
            "country_id": run.country_ids[code],
            "relationship_type": rng.choice(CHOICE_VALUES[RelationshipType]),
            "relationship_status": rng.choice(CHOICE_VALUES[RelationshipStatus]),
            "relationship_since": _partial(rng, _random_day(rng, 1990, 2025)) or "",
            "search_text": build_search_text([str(name_vi), english, native]),
        }


def _person_rows(run: _Run) -> Iterator[Row]:
    """People in turn: an official of a Huế unit, someone at a partner with a Korean name as well as a Latin one,
    someone at a partner with a Latin name only."""
    rng = run.rng
    for i, person_id in enumerate(run.person_ids):
        turn = i % 3
        hue_side = turn == 0
        if hue_side:
            family = rng.choice(FAMILY_VI)
            name = f"{family} {rng.choice(GIVEN_VI)} {rng.choice(GIVEN_VI)}"
            native = ""
        else:
            name = f"{_latin_name(rng)} {_latin_name(rng)}"
            native = "".join(rng.choice(HANGUL_PERSON) for _ in range(3)) if turn == 1 else ""
        yield {
            "id": person_id,
            "full_name": name,
            "full_name_native": native,
            "title": "",
            "hue_unit_id": rng.choice(run.unit_ids) if hue_side else None,
            "partner_id": None if hue_side else rng.choice(run.partner_ids),
            "search_text": build_search_text([name, native]),
        }


def _agreement_rows(run: _Run) -> Iterator[Row]:
    """Agreements, every RENEWAL_EVERY-th renewing the one written just before it."""
    rng = run.rng
    for i, agreement_id in enumerate(run.agreement_ids):
        signed_day = _random_day(rng, 2000, 2026)
        signed = _partial(rng, signed_day)
        has_expiry = rng.random() < AGREEMENTS_WITH_EXPIRY_SHARE
        expires = add_months(signed_day, 12 * rng.randint(2, 10)) if has_expiry else None
        next_review = signed.plus_months(12) if signed else None
        title = f"Thỏa thuận hợp tác số {i} về {rng.choice(AGREEMENT_TOPICS)}"
        renews = i > 0 and i % RENEWAL_EVERY == 0
        yield {
            "id": agreement_id,
            "title_vi": title,
            "title_en": f"Cooperation agreement no. {i}",
            "reference_number": f"SYN-{agreement_id}",
            "predecessor_id": agreement_id - 1 if renews else None,
            "predecessor_relation": "renews" if renews else "",
            "kind": rng.choice(CHOICE_VALUES[AgreementKind]),
            "status": rng.choice(CHOICE_VALUES[AgreementStatus]),
            "signed_on": signed or "",
            "effective_on": signed_day if signed else None,
            "expires_on": expires,
            "next_review_on": next_review or "",
            "next_review_deadline": next_review.latest() if next_review else None,
            "search_text": build_search_text(
                [f"SYN-{agreement_id}", title, f"Cooperation agreement no. {i}", str(signed or "")]
            ),
        }


def _agreement_party_rows(run: _Run) -> Iterator[Row]:
    """One or two partners on each agreement."""
    rng = run.rng
    for agreement_id in run.agreement_ids:
        parties = min(len(run.partner_ids), rng.randint(1, 2))
        for partner_id in set(rng.sample(run.partner_ids, parties)):
            yield {"agreement_id": agreement_id, "partner_id": partner_id}


def _agreement_unit_rows(run: _Run) -> Iterator[Row]:
    for agreement_id in run.agreement_ids:
        yield {"agreement_id": agreement_id, "unit_id": run.rng.choice(run.unit_ids)}


def _review_rows(run: _Run) -> Iterator[Row]:
    rng = run.rng
    for agreement_id in run.agreement_ids:
        for n in range(REVIEWS_PER_AGREEMENT):
            start = _random_day(rng, 2010, 2025)
            yield {
                "agreement_id": agreement_id,
                "status": rng.choice(CHOICE_VALUES[ReviewStatus]),
                "period_start": start,
                "period_end": add_months(start, 12),
                "rating": rng.choice(CHOICE_VALUES[EffectivenessRating]),
                "recommendation": rng.choice(CHOICE_VALUES[Recommendation]),
                "findings": f"Nhận xét rà soát lần {n + 1}",
                "next_review_on": add_months(start, 24),
            }


def _delegation_rows(run: _Run) -> Iterator[Row]:
    """Delegations; one whose start is known to the day ends one to seven days later."""
    rng = run.rng
    for i, delegation_id in enumerate(run.delegation_ids):
        start_day = _random_day(rng, 2005, 2027)
        start = _partial(rng, start_day)
        title = f"Đoàn công tác số {i}"
        yield {
            "id": delegation_id,
            "direction": rng.choice(CHOICE_VALUES[Direction]),
            "title_vi": title,
            "title_en": f"Delegation no. {i}",
            "status": rng.choice(CHOICE_VALUES[DelegationStatus]),
            "starts_on": start or "",
            "ends_on": PartialDate.from_date(start_day + datetime.timedelta(days=rng.randint(1, 7)))
            if start and start.day
            else "",
            "purpose": "Trao đổi hợp tác",
            "search_text": build_search_text([title, f"Delegation no. {i}", "Trao đổi hợp tác", str(start or "")]),
        }


def _delegation_partner_rows(run: _Run) -> Iterator[Row]:
    for delegation_id in run.delegation_ids:
        yield {"delegation_id": delegation_id, "partner_id": run.rng.choice(run.partner_ids)}


def _delegation_country_rows(run: _Run) -> Iterator[Row]:
    for delegation_id in run.delegation_ids:
        yield {"delegation_id": delegation_id, "country_id": run.country_ids[run.rng.choice(run.codes)]}


def _member_rows(run: _Run) -> Iterator[Row]:
    rng = run.rng
    for delegation_id in run.delegation_ids:
        for person_id in rng.sample(run.person_ids, min(len(run.person_ids), MEMBERS_PER_DELEGATION)):
            yield {
                "delegation_id": delegation_id,
                "person_id": person_id,
                "side": rng.choice(CHOICE_VALUES[Side]),
                "role": rng.choice(CHOICE_VALUES[MemberRole]),
            }


def _itinerary_rows(run: _Run) -> Iterator[Row]:
    for delegation_id in run.delegation_ids:
        for n in range(ITINERARY_PER_DELEGATION):
            yield {"delegation_id": delegation_id, "activity": f"Làm việc {n + 1}", "place": "Huế"}


def _project_rows(run: _Run) -> Iterator[Row]:
    """Projects funded by a partner, some under an agreement, amounts in the funder's currency."""
    rng = run.rng
    for i, project_id in enumerate(run.project_ids):
        currency = rng.choice(PROJECT_CURRENCIES)
        committed = decimal.Decimal(rng.randint(1, 500) * 10_000)
        start = _partial(rng, _random_day(rng, 2005, 2027))
        title = f"Dự án {rng.choice(PROJECT_TOPICS)} số {i}"
        yield {
            "id": project_id,
            "kind": rng.choice(CHOICE_VALUES[ProjectKind]),
            "status": rng.choice(CHOICE_VALUES[ProjectStatus]),
            "title_vi": title,
            "title_en": f"Project no. {i}",
            "partner_id": rng.choice(run.partner_ids),
            "hue_unit_id": rng.choice(run.unit_ids),
            "agreement_id": rng.choice(run.agreement_ids) if i % PROJECT_UNDER_AGREEMENT_EVERY == 0 else None,
            "location": "Huế",
            "starts_on": start or "",
            "committed_amount": committed,
            "committed_currency": currency,
            "disbursed_amount": (committed * rng.randint(0, 100) / 100).quantize(CENTS),
            "disbursed_currency": currency,
            "search_text": build_search_text([title, f"Project no. {i}", "Huế", str(start or "")]),
        }


def _field_rows(run: _Run, record_ids: range, link: str) -> Iterator[Row]:
    """One field of cooperation on each record (none while the database has no fields: the demo makes them)."""
    if not run.field_ids:
        return
    for record_id in record_ids:
        yield {link: record_id, "fieldofcooperation_id": run.rng.choice(run.field_ids)}


def _native_name(rng: random.Random, code: str) -> str:
    syllables = NATIVE_PLACE_SYLLABLES.get(code)
    if syllables is None:
        return ""
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def _latin_name(rng: random.Random) -> str:
    return "".join(rng.choice(LATIN) for _ in range(rng.randint(2, 3))).capitalize()


def _random_day(rng: random.Random, start_year: int, end_year: int) -> datetime.date:
    return datetime.date(rng.randint(start_year, end_year), rng.randint(1, 12), rng.randint(1, 28))


def _partial(rng: random.Random, day: datetime.date) -> PartialDate | None:
    """Most dates are known to the day; some only to the month or year; a few not at all."""
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.12:
        return PartialDate(day.year)
    if roll < 0.25:
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


def _new_ids(model: type[Model], count: int) -> range:
    """Ids for `count` new rows of `model`, after the largest there is."""
    largest = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return range(largest + 1, largest + 1 + count)


def _insert(rows: Iterator[Row], model: type[Model], with_pk: bool = False) -> int:
    return insert_rows(model, rows, ROWS_PER_INSERT_BATCH, with_pk=with_pk)
