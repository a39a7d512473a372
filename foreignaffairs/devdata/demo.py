"""The demo data: the facts of the two source articles (shared/seeds), and nothing invented.

Where the articles are silent (signing dates of the Gyeongju, Dongnae, Namyangju and Uljin agreements, Kim
Seokki's title, the date of his visit, the Department of Tourism's partner) the fields stay blank.

Loading again creates what is missing and changes nothing that exists: once loaded, the demo records are the
staff's to edit (see `ensure`). A record's links and inline rows (an agreement's partners and review, a
delegation's members and gift) are written with the record, so a partner or member staff removed stays removed.
"""

from django.db import transaction
from django.db.models import Model

from agreements.choices import AgreementKind, AgreementStatus, ReviewStatus
from agreements.models import Agreement, AgreementReview
from delegations.choices import DelegationStatus, Direction, GiftDirection, MemberRole
from delegations.models import Delegation, DelegationMember, Gift
from foreignaffairs.devdata.source_facts import (
    AGREEMENTS_UNDER_REVIEW,
    COUNTRY_PRIORITIES,
    FIELDS,
    FIGURE_DEFAULTS,
    KOICA_PROJECTS,
    PARTNERS,
    REPORTED_FIGURES,
    REVIEW_PURPOSE,
    SOURCE_ECONOMIC_DIPLOMACY,
    SOURCE_KOREA,
    UNITS,
)
from partners.choices import Side
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person
from projects.choices import ProjectKind, ProjectStatus
from projects.models import Project, ReportedFigure


def ensure(model: type[Model], lookup: dict[str, object], **values: object) -> tuple[Model, bool]:
    """The demo record found by `lookup`, created from `values` if it is missing; and whether it was created.

    A record that exists belongs to the staff: nothing of it is written again, not even what still differs from
    the demo, so a re-run never undoes an edit (an approved review back to draft, notes typed over). It is found
    by its natural key as it is now, or as the demo once wrote it (its history), so a record whose Vietnamese
    name staff corrected is not created a second time. A record staff deleted is missing, and created again.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        ever_matched = model.history.filter(**lookup).values("id")
        obj = model.objects.filter(pk__in=ever_matched).order_by("pk").first()
    if obj is not None:
        return obj, False
    obj = model(**lookup, **values)
    obj.save()
    return obj, True


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create the demo records that are missing; return how many records of each kind the database holds now."""
    fields = _load_fields()
    _give_countries_their_priority()
    countries = {code: Country.objects.get(code=code) for code in ("KR", "JP")}
    units = _load_units()
    partners = _load_partners(fields, countries)
    people = _load_people(units, partners, countries)
    _load_chungcheongnam_agreement(partners)
    _load_agreements_under_review(partners)
    _load_tourism_minutes(units)
    _load_kim_seokki_visit(people, units, countries["KR"])
    _load_promotion_delegations(fields)
    _load_koica_projects(partners["koica"], fields)
    _load_reported_figures(countries)
    return {
        "partners": Partner.objects.count(),
        "people": Person.objects.count(),
        "agreements": Agreement.objects.count(),
        "reviews": AgreementReview.objects.count(),
        "delegations": Delegation.objects.count(),
        "projects": Project.objects.count(),
        "figures": ReportedFigure.objects.count(),
    }


def _load_fields() -> dict[str, FieldOfCooperation]:
    return {
        code: ensure(FieldOfCooperation, {"code": code}, name_vi=vi, name_en=en, is_priority=priority, sort_order=i)[0]
        for i, (code, vi, en, priority) in enumerate(FIELDS)
    }


def _give_countries_their_priority() -> None:
    for code, priority in COUNTRY_PRIORITIES.items():
        country = Country.objects.get(code=code)
        # Every country exists from the migration on, without history; one with history has been saved since,
        # by an earlier load or by an administrator, and keeps the priority it was given.
        if not country.history.exists():
            country.priority = priority
            country.save()


def _load_units() -> dict[str, HueUnit]:
    """The Huế units, by Vietnamese name."""
    return {vi: ensure(HueUnit, {"name_vi": vi}, name_en=en, abbreviation=abbr)[0] for vi, en, abbr in UNITS}


def _load_partners(fields: dict[str, FieldOfCooperation], countries: dict[str, Country]) -> dict[str, Partner]:
    partners: dict[str, Partner] = {}
    for key, facts in PARTNERS.items():
        values = {"notes": SOURCE_KOREA, **facts}
        lookup = {"country": countries[values.pop("country")], "name_vi": values.pop("name_vi")}
        field_codes = values.pop("fields", [])
        if "parent" in values:
            values["parent"] = partners[values["parent"]]
        partners[key], created = ensure(Partner, lookup, **values)
        if created and field_codes:
            partners[key].fields.set([fields[code] for code in field_codes])
    return partners


def _load_people(
    units: dict[str, HueUnit], partners: dict[str, Partner], countries: dict[str, Country]
) -> dict[str, Person]:
    """The people the articles name, by full name; those who work for Huế with their unit."""
    people = [
        ("Nguyễn Đình Trung", "Bí thư Thành ủy", {"hue_unit": units["Thành ủy Huế"]}),
        (
            "Nguyễn Quang Tuấn",
            "Ủy viên Ban Thường vụ Thành ủy, Phó Chủ tịch HĐND thành phố",
            {"hue_unit": units["Hội đồng nhân dân thành phố Huế"]},
        ),
        ("Trần Hữu Thùy Giang", "Phó Chủ tịch UBND thành phố", {"hue_unit": units["Ủy ban nhân dân thành phố Huế"]}),
        (
            "Nguyễn Thanh Bình",
            "Ủy viên Ban Thường vụ Thành ủy, Phó Chủ tịch Thường trực UBND thành phố",
            {"hue_unit": units["Ủy ban nhân dân thành phố Huế"]},
        ),
        ("Nguyễn Văn Phúc", "Giám đốc Sở Ngoại vụ", {"hue_unit": units["Sở Ngoại vụ thành phố Huế"]}),
        ("Kim Seokki", "", {"country": countries["KR"], "notes": SOURCE_KOREA + " Bài viết không nêu chức vụ."}),
        ("Sugiyama Mitsuki", "Tổng Giám đốc CTCP UPCUL", {"partner": partners["upcul"], "country": countries["JP"]}),
    ]
    return {name: ensure(Person, {"full_name": name}, title=title, **values)[0] for name, title, values in people}


def _load_chungcheongnam_agreement(partners: dict[str, Partner]) -> None:
    agreement, created = ensure(
        Agreement,
        {"title_vi": "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam"},
        title_en="Cooperation agreement between Huế City and Chungcheongnam Province",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.SIGNED,
        signed_on="2025-08",
        notes=SOURCE_KOREA + " Ký tháng 8/2025.",
    )
    if created:
        agreement.partners.set([partners["chungcheongnam"]])


def _load_agreements_under_review(partners: dict[str, Partner]) -> None:
    """Each with its partner and a draft review: the article says the review is under way, not what it found."""
    for key, english in AGREEMENTS_UNDER_REVIEW:
        partner = partners[key]
        agreement, created = ensure(
            Agreement,
            {"title_vi": f"Thỏa thuận hợp tác giữa thành phố Huế và {partner.name_vi[0].lower()}{partner.name_vi[1:]}"},
            title_en=f"Cooperation agreement between Huế City and {english}",
            kind=AgreementKind.COOPERATION,
            status=AgreementStatus.UNDER_REVIEW,
            notes=SOURCE_KOREA + " Ngày ký không được nêu; thỏa thuận đang được rà soát, đánh giá hiệu quả.",
        )
        if created:
            agreement.partners.set([partner])
            AgreementReview(agreement=agreement, status=ReviewStatus.DRAFT, purpose=REVIEW_PURPOSE).save()


def _load_tourism_minutes(units: dict[str, HueUnit]) -> None:
    """The article does not name the Department of Tourism's partner: the minutes say the partner is unknown."""
    minutes, created = ensure(
        Agreement,
        {"title_vi": "Biên bản hợp tác giữa Sở Du lịch thành phố Huế và đối tác nước ngoài"},
        title_en="Cooperation minutes between the Huế Department of Tourism and a foreign partner",
        kind=AgreementKind.MINUTES,
        status=AgreementStatus.SIGNED,
        partner_unknown=True,
        notes=SOURCE_ECONOMIC_DIPLOMACY + " Bài viết đưa tin lễ ký ngày 14/02/2026, không nêu tên đối tác.",
    )
    if created:
        minutes.hue_units.set([units["Sở Du lịch thành phố Huế"]])


def _load_kim_seokki_visit(people: dict[str, Person], units: dict[str, HueUnit], korea: Country) -> None:
    """The visit with who received whom and the souvenir given, as the Korea article tells it."""
    kim, trung = people["Kim Seokki"], people["Nguyễn Đình Trung"]
    visit, created = ensure(
        Delegation,
        {"title_vi": "Ông Kim Seokki thăm và làm việc tại Huế"},
        title_en="Mr. Kim Seokki's visit to Huế",
        direction=Direction.INBOUND,
        status=DelegationStatus.COMPLETED,
        purpose="Lần đầu tiên ông Kim Seokki đến Huế; chúc mừng Huế trở thành thành phố trực thuộc Trung ương.",
        host_unit=units["Thành ủy Huế"],
        head=kim,
        outcomes=(
            "Hai bên thống nhất tăng cường trao đổi thông tin, thúc đẩy các dự án hợp tác hiệu quả. "
            "Bí thư Thành ủy đề nghị Hàn Quốc tăng cường hợp tác với Huế trên 5 lĩnh vực ưu tiên."
        ),
        notes=SOURCE_KOREA + " Bài viết không nêu ngày đón tiếp.",
    )
    if not created:
        return
    visit.countries.set([korea])
    members = [
        (kim, Side.PARTNER, MemberRole.HEAD),
        (trung, Side.HUE, MemberRole.RECEIVING_LEADER),
        (people["Nguyễn Quang Tuấn"], Side.HUE, MemberRole.ATTENDEE),
        (people["Trần Hữu Thùy Giang"], Side.HUE, MemberRole.ATTENDEE),
    ]
    for member, side, role in members:
        DelegationMember(delegation=visit, person=member, side=side, role=role).save()
    Gift(delegation=visit, description="Quà lưu niệm", direction=GiftDirection.GIVEN, giver=trung, recipient=kim).save()


def _load_promotion_delegations(fields: dict[str, FieldOfCooperation]) -> None:
    """One record for the city leaders' 2025 delegations: the article gives their countries, not their dates."""
    promotion, created = ensure(
        Delegation,
        {"title_vi": "Đoàn lãnh đạo thành phố tham gia Chương trình quảng bá địa phương Việt Nam"},
        title_en="City leaders' delegations to the Vietnam local promotion programme",
        direction=Direction.OUTBOUND,
        status=DelegationStatus.COMPLETED,
        starts_on="2025",
        purpose=(
            "Giới thiệu tiềm năng, thế mạnh của Huế về văn hóa – du lịch, giáo dục – đào tạo, y tế chất lượng cao, "
            "công nghiệp công nghệ thông tin và dịch vụ giá trị gia tăng."
        ),
        notes=SOURCE_ECONOMIC_DIPLOMACY + " Các đoàn đến Cộng hòa Séc, Bỉ, Thụy Sĩ và Úc trong năm 2025.",
    )
    if created:
        promotion.countries.set(Country.objects.filter(code__in=["CZ", "BE", "CH", "AU"]))
        promotion.fields.set([fields[code] for code in ("culture-tourism", "education-training", "health", "it")])


def _load_koica_projects(koica: Partner, fields: dict[str, FieldOfCooperation]) -> None:
    for title_vi, title_en, location, field_codes in KOICA_PROJECTS:
        project, created = ensure(
            Project,
            {"title_vi": title_vi},
            title_en=title_en,
            kind=ProjectKind.ODA_GRANT,
            status=ProjectStatus.IN_PROGRESS,
            partner=koica,
            channel=koica,
            location=location,
            notes=SOURCE_KOREA + " Dự án ODA không hoàn lại đang triển khai thông qua KOICA; bài viết không nêu vốn.",
        )
        if created:
            project.fields.set([fields[code] for code in field_codes])


def _load_reported_figures(countries: dict[str, Country]) -> None:
    for figure in REPORTED_FIGURES:
        values = {**FIGURE_DEFAULTS, **figure}
        subject = values.pop("subject")
        values["country"] = countries.get(values["country"])
        ensure(ReportedFigure, {"subject": subject}, **values)
