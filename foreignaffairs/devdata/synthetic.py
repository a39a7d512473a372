"""Synthetic data at national scale, for the benchmark: realistic shapes, random content, bulk inserts.

Scale 1 is about 2,000 partners, 10,000 agreements, 20,000 reviews, 20,000 delegations and 100,000 delegation
members; scale N is N times that, fractions allowed. Rows go in through COPY (foreignaffairs.devdata.bulk_insert), which
skips save() and so the audit trail: synthetic rows are not anyone's edits. Everything save() would derive
(search_text, next_review_on and its deadline) is computed here the same way. Ids are given here, counting on from
the largest in each table, so links between the new rows need no read-back and a renewal can name its predecessor
as it is written.
"""

import datetime
import decimal
import random
from collections.abc import Iterator

from django.db import transaction

from agreements.choices import AgreementKind, AgreementStatus, EffectivenessRating, Recommendation, ReviewStatus
from agreements.models import Agreement, AgreementPartner, AgreementReview, AgreementUnit
from delegations.choices import DelegationStatus, Direction, MemberRole
from delegations.models import Delegation, DelegationMember, DelegationPartner, ItineraryItem
from foreignaffairs.devdata.bulk_insert import bulk_load, insert_rows, reset_sequences
from foreignaffairs.partial_dates import PartialDate, add_months
from foreignaffairs.text_search import build_search_text
from partners.choices import PartnerKind, RelationshipStatus, RelationshipType, Side
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person
from projects.choices import ProjectKind, ProjectStatus
from projects.models import Project

PER_SCALE = {"partners": 2000, "people": 20000, "agreements": 10000, "delegations": 20000, "projects": 2000}
REVIEWS_PER_AGREEMENT = 2
MEMBERS_PER_DELEGATION = 5
ITINERARY_PER_DELEGATION = 2
BATCH = 5000
CURRENCIES = ["USD", "KRW", "JPY", "EUR", "VND"]
CENTS = decimal.Decimal("0.01")

# Syllables to compose names in several scripts; the output is random, never a real place or person.
LATIN = ["san", "ta", "mar", "lo", "ber", "gen", "vil", "ro", "na", "dor", "kel", "fa", "mon", "ri", "del", "cas"]
VIETNAMESE = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
GIVEN_VI = ["Văn", "Thị", "Đình", "Hữu", "Quang", "Thanh", "Minh", "Đức", "Thùy", "Bình", "Phúc", "Trung", "Giang"]
HANGUL = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황"]
HANGUL_SYLLABLES = ["서", "울", "경", "주", "남", "양", "진", "동", "래", "청", "충", "부", "산", "광", "대", "전"]
KANA = ["さ", "く", "ら", "や", "ま", "か", "わ", "た", "な", "は", "み", "こ", "の", "し", "ふ", "く"]
KANJI = ["福", "井", "山", "川", "田", "中", "村", "本", "東", "京", "大", "阪", "名", "古", "屋", "島"]
CYRILLIC = ["Мо", "ска", "Пе", "тер", "Ка", "зань", "Ом", "ск", "Но", "во", "си", "бирск"]
ARABIC = ["الر", "ياض", "جد", "ة", "دبي", "قطر", "مس", "قط", "عمان", "كو", "يت"]
THAI = ["เชียง", "ใหม่", "ภู", "เก็ต", "ขอน", "แก่น", "อุดร", "ธานี"]
SCRIPT_BY_COUNTRY = {"KR": HANGUL_SYLLABLES, "JP": KANJI, "CN": KANJI, "TW": KANJI, "RU": CYRILLIC, "TH": THAI}


# Enum .values rebuilds its list on every access; the generators ask millions of times.
VALUES = {
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


def scaled(scale: float, name: str) -> int:
    return max(1, round(PER_SCALE[name] * scale))


def _native_name(rng: random.Random, code: str) -> str:
    syllables = SCRIPT_BY_COUNTRY.get(code)
    if syllables is None and code in {"SA", "AE", "QA", "OM", "KW", "EG"}:
        syllables = ARABIC
    if syllables is None:
        return ""
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def _latin_name(rng: random.Random) -> str:
    return "".join(rng.choice(LATIN) for _ in range(rng.randint(2, 3))).capitalize()


def _random_day(rng: random.Random, start_year: int = 2000, end_year: int = 2027) -> datetime.date:
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


def _batched(rows: Iterator[dict], model, with_pk: bool = False) -> int:
    return insert_rows(model, rows, BATCH, with_pk=with_pk)


def _new_ids(model, count: int) -> range:
    """Ids for `count` new rows of `model`, after the largest there is."""
    largest = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return range(largest + 1, largest + 1 + count)


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


@transaction.atomic
def generate(scale: float, seed: int = 20261124) -> dict[str, int]:
    with bulk_load(*LOADED_MODELS):
        created = _generate(scale, seed)
    reset_sequences(*LOADED_MODELS)
    return created


def _generate(scale: float, seed: int) -> dict[str, int]:
    rng = random.Random(seed)  # noqa: S311 (synthetic content, not secrets)
    created: dict[str, int] = {}
    country_ids = dict(Country.objects.values_list("code", "pk"))
    codes = sorted(country_ids)
    field_ids = list(FieldOfCooperation.objects.values_list("pk", flat=True))
    unit_ids = list(HueUnit.objects.values_list("pk", flat=True))
    if not unit_ids:
        HueUnit.objects.bulk_create(
            HueUnit(name_vi=f"Đơn vị thử nghiệm {i}", search_text=build_search_text([f"Đơn vị thử nghiệm {i}"]))
            for i in range(10)
        )
        unit_ids = list(HueUnit.objects.values_list("pk", flat=True))

    # Partners: localities and organizations in every country, names in Vietnamese, English and native script.
    kinds = list(VALUES[PartnerKind])
    partner_ids = _new_ids(Partner, scaled(scale, "partners"))

    def partners():
        for i, partner_id in enumerate(partner_ids):
            code = codes[i % len(codes)]
            english = f"{_latin_name(rng)} {partner_id}"
            kind = rng.choice(kinds)
            name_vi = f"{PartnerKind(kind).label} {english}"
            native = _native_name(rng, code)
            yield {
                "id": partner_id,
                "kind": kind,
                "name_vi": str(name_vi),
                "name_en": english,
                "name_native": native,
                "country_id": country_ids[code],
                "relationship_type": rng.choice(VALUES[RelationshipType]),
                "relationship_status": rng.choice(VALUES[RelationshipStatus]),
                "relationship_since": _partial(rng, _random_day(rng, 1990, 2025)) or "",
                "search_text": build_search_text([str(name_vi), english, native]),
            }

    created["partners"] = _batched(partners(), Partner, with_pk=True)
    person_ids = _new_ids(Person, scaled(scale, "people"))

    def people():
        for i, person_id in enumerate(person_ids):
            hue_side = i % 3 == 0
            if hue_side:
                name = f"{rng.choice(VIETNAMESE)} {rng.choice(GIVEN_VI)} {rng.choice(GIVEN_VI)}"
                native = ""
            else:
                name = f"{_latin_name(rng)} {_latin_name(rng)}"
                native = "".join(rng.choice(HANGUL) for _ in range(3)) if i % 3 == 1 else ""
            yield {
                "id": person_id,
                "full_name": name,
                "full_name_native": native,
                "title": "",
                "hue_unit_id": rng.choice(unit_ids) if hue_side else None,
                "partner_id": None if hue_side else rng.choice(partner_ids),
                "search_text": build_search_text([name, native]),
            }

    created["people"] = _batched(people(), Person, with_pk=True)

    # Agreements, a fifth of them renewing the one before, with their parties and reviews.
    agreement_ids = _new_ids(Agreement, scaled(scale, "agreements"))
    statuses = VALUES[AgreementStatus]

    def agreements():
        for i, agreement_id in enumerate(agreement_ids):
            signed_day = _random_day(rng, 2000, 2026)
            signed = _partial(rng, signed_day)
            expires = add_months(signed_day, 12 * rng.randint(2, 10)) if rng.random() < 0.8 else None
            next_review = signed.plus_months(12) if signed else None
            title = f"Thỏa thuận hợp tác số {i} về {rng.choice(['văn hóa', 'du lịch', 'giáo dục', 'đầu tư', 'y tế'])}"
            renews = i > 0 and i % 5 == 0
            yield {
                "id": agreement_id,
                "title_vi": title,
                "title_en": f"Cooperation agreement no. {i}",
                "reference_number": f"SYN-{agreement_id}",
                "predecessor_id": agreement_id - 1 if renews else None,
                "predecessor_relation": "renews" if renews else "",
                "kind": rng.choice(VALUES[AgreementKind]),
                "status": rng.choice(statuses),
                "signed_on": signed or "",
                "effective_on": signed_day if signed else None,
                "expires_on": expires,
                "next_review_on": next_review or "",
                "next_review_deadline": next_review.latest() if next_review else None,
                "search_text": build_search_text([f"SYN-{agreement_id}", title, f"Cooperation agreement no. {i}"]),
            }

    created["agreements"] = _batched(agreements(), Agreement, with_pk=True)
    created["agreement parties"] = _batched(
        (
            {"agreement_id": agreement_id, "partner_id": partner_id}
            for agreement_id in agreement_ids
            for partner_id in set(rng.sample(partner_ids, min(len(partner_ids), rng.randint(1, 2))))
        ),
        AgreementPartner,
    )
    _batched(({"agreement_id": a, "unit_id": rng.choice(unit_ids)} for a in agreement_ids), AgreementUnit)
    field_links = Agreement.fields.through
    _batched(
        ({"agreement_id": a, "fieldofcooperation_id": rng.choice(field_ids)} for a in agreement_ids if field_ids),
        field_links,
    )

    def reviews():
        for agreement_id in agreement_ids:
            for n in range(REVIEWS_PER_AGREEMENT):
                start = _random_day(rng, 2010, 2025)
                yield {
                    "agreement_id": agreement_id,
                    "status": rng.choice(VALUES[ReviewStatus]),
                    "period_start": start,
                    "period_end": add_months(start, 12),
                    "rating": rng.choice(VALUES[EffectivenessRating]),
                    "recommendation": rng.choice(VALUES[Recommendation]),
                    "findings": f"Nhận xét rà soát lần {n + 1}",
                    "next_review_on": add_months(start, 24),
                }

    created["reviews"] = _batched(reviews(), AgreementReview)

    # Delegations with their partners, members and itinerary.
    delegation_ids = _new_ids(Delegation, scaled(scale, "delegations"))

    def delegations():
        for i, delegation_id in enumerate(delegation_ids):
            start_day = _random_day(rng, 2005, 2027)
            start = _partial(rng, start_day)
            title = f"Đoàn công tác số {i}"
            yield {
                "id": delegation_id,
                "direction": rng.choice(VALUES[Direction]),
                "title_vi": title,
                "title_en": f"Delegation no. {i}",
                "status": rng.choice(VALUES[DelegationStatus]),
                "starts_on": start or "",
                "ends_on": PartialDate.from_date(start_day + datetime.timedelta(days=rng.randint(1, 7)))
                if start and start.day
                else "",
                "purpose": "Trao đổi hợp tác",
                "search_text": build_search_text([title, f"Delegation no. {i}", "Trao đổi hợp tác"]),
            }

    created["delegations"] = _batched(delegations(), Delegation, with_pk=True)
    _batched(
        ({"delegation_id": d, "partner_id": rng.choice(partner_ids)} for d in delegation_ids),
        DelegationPartner,
    )
    country_links = Delegation.countries.through
    _batched(
        ({"delegation_id": d, "country_id": country_ids[rng.choice(codes)]} for d in delegation_ids),
        country_links,
    )
    roles = VALUES[MemberRole]

    def members():
        for delegation_id in delegation_ids:
            for person_id in rng.sample(person_ids, min(len(person_ids), MEMBERS_PER_DELEGATION)):
                yield {
                    "delegation_id": delegation_id,
                    "person_id": person_id,
                    "side": rng.choice(VALUES[Side]),
                    "role": rng.choice(roles),
                }

    created["delegation members"] = _batched(members(), DelegationMember)
    created["itinerary items"] = _batched(
        (
            {"delegation_id": d, "activity": f"Làm việc {n + 1}", "place": "Huế"}
            for d in delegation_ids
            for n in range(ITINERARY_PER_DELEGATION)
        ),
        ItineraryItem,
    )

    # Projects funded by a partner, a third under an agreement, amounts in the funder's currency.
    project_ids = _new_ids(Project, scaled(scale, "projects"))

    def projects():
        for i, project_id in enumerate(project_ids):
            currency = rng.choice(CURRENCIES)
            committed = decimal.Decimal(rng.randint(1, 500) * 10_000)
            start = _partial(rng, _random_day(rng, 2005, 2027))
            title = f"Dự án {rng.choice(['cấp nước', 'bảo tồn di sản', 'đào tạo nghề', 'y tế cộng đồng'])} số {i}"
            yield {
                "id": project_id,
                "kind": rng.choice(VALUES[ProjectKind]),
                "status": rng.choice(VALUES[ProjectStatus]),
                "title_vi": title,
                "title_en": f"Project no. {i}",
                "partner_id": rng.choice(partner_ids),
                "hue_unit_id": rng.choice(unit_ids),
                "agreement_id": rng.choice(agreement_ids) if i % 3 == 0 else None,
                "location": "Huế",
                "starts_on": start or "",
                "committed_amount": committed,
                "committed_currency": currency,
                "disbursed_amount": (committed * rng.randint(0, 100) / 100).quantize(CENTS),
                "disbursed_currency": currency,
                "search_text": build_search_text([title, f"Project no. {i}", "Huế"]),
            }

    created["projects"] = _batched(projects(), Project, with_pk=True)
    _batched(
        ({"project_id": p, "fieldofcooperation_id": rng.choice(field_ids)} for p in project_ids if field_ids),
        Project.fields.through,
    )
    return created
