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
from partners.choices import CountryPriority, PartnerKind, RelationshipStatus, RelationshipType, Side
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person
from projects.choices import FigureUnit, ProjectKind, ProjectStatus
from projects.models import Project, ReportedFigure

SOURCE_KOREA = "Bài viết về buổi tiếp ông Kim Seokki và hợp tác Huế – Hàn Quốc (shared/seeds/000)."
SOURCE_ECONOMIC_DIPLOMACY = (
    "Bài viết “Cánh tay nối dài” của phát triển kinh tế, đăng ngày 14/02/2026 (shared/seeds/002)."
)

FIELDS = [
    # code, Vietnamese, English, priority (the five priority fields the city named for Korea)
    ("culture-tourism", "Văn hóa – du lịch", "Culture and tourism", True),
    ("education-training", "Giáo dục – đào tạo", "Education and training", True),
    ("investment", "Đầu tư", "Investment", False),
    ("oda", "Viện trợ phát triển (ODA)", "Development aid (ODA)", False),
    ("health", "Y tế", "Health", False),
    ("it", "Công nghệ thông tin", "Information technology", False),
    ("urban-planning-smart-city", "Quy hoạch đô thị, thành phố thông minh", "Urban planning and smart city", True),
    (
        "manufacturing-semiconductors",
        "Công nghiệp chế tạo, công nghiệp phụ trợ, bán dẫn",
        "Manufacturing, supporting industries, semiconductors",
        True,
    ),
    ("creative-industries", "Công nghiệp sáng tạo", "Creative industries", True),
    ("logistics", "Logistics (Cảng Chân Mây)", "Logistics (Chân Mây port)", False),
    ("science-technology", "Khoa học và công nghệ", "Science and technology", False),
]

COUNTRY_PRIORITIES = {
    "JP": CountryPriority.STRATEGIC,
    "KR": CountryPriority.PRIORITY,
    "FR": CountryPriority.PRIORITY,
    "US": CountryPriority.PRIORITY,
}

UNITS = [
    ("Thành ủy Huế", "Huế City Party Committee", ""),
    ("Hội đồng nhân dân thành phố Huế", "Huế City People's Council", "HĐND"),
    ("Ủy ban nhân dân thành phố Huế", "Huế City People's Committee", "UBND"),
    ("Sở Ngoại vụ thành phố Huế", "Huế Department of Foreign Affairs", "DoFA"),
    ("Sở Du lịch thành phố Huế", "Huế Department of Tourism", ""),
]


def ensure(model: type[Model], lookup: dict, **values) -> tuple[Model, bool]:
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
    fields = {
        code: ensure(FieldOfCooperation, {"code": code}, name_vi=vi, name_en=en, is_priority=priority, sort_order=i)[0]
        for i, (code, vi, en, priority) in enumerate(FIELDS)
    }
    for code, priority in COUNTRY_PRIORITIES.items():
        country = Country.objects.get(code=code)
        # Every country exists from the migration on, without history; one with history has been saved since,
        # by an earlier load or by an administrator, and keeps the priority it was given.
        if not country.history.exists():
            country.priority = priority
            country.save()
    korea, japan = Country.objects.get(code="KR"), Country.objects.get(code="JP")

    units = {vi: ensure(HueUnit, {"name_vi": vi}, name_en=en, abbreviation=abbr)[0] for vi, en, abbr in UNITS}
    party, council, committee, dofa, tourism = (units[vi] for vi, _en, _abbr in UNITS)

    def locality(kind, vi, en, native, country, parent=None, **values):
        return ensure(
            Partner,
            {"country": country, "name_vi": vi},
            kind=kind,
            name_en=en,
            name_native=native,
            parent=parent,
            notes=values.pop("notes", SOURCE_KOREA),
            **values,
        )[0]

    chungcheongnam = locality(
        PartnerKind.PROVINCE,
        "Tỉnh Chungcheongnam",
        "Chungcheongnam Province",
        "충청남도",
        korea,
        relationship_type=RelationshipType.COOPERATION,
        relationship_status=RelationshipStatus.ACTIVE,
        relationship_since="2025-08",
    )
    under_review = {
        "relationship_type": RelationshipType.FRIENDSHIP,
        "relationship_status": RelationshipStatus.UNDER_REVIEW,
    }
    gyeongju = locality(PartnerKind.CITY, "Thành phố Gyeongju", "Gyeongju", "경주시", korea, **under_review)
    busan = locality(
        PartnerKind.CITY,
        "Thành phố Busan",
        "Busan Metropolitan City",
        "부산광역시",
        korea,
        notes=SOURCE_KOREA + " Được nêu như nơi có quận Dongnae.",
    )
    dongnae = locality(
        PartnerKind.DISTRICT, "Quận Dongnae", "Dongnae District", "동래구", korea, parent=busan, **under_review
    )
    namyangju = locality(PartnerKind.CITY, "Thành phố Namyangju", "Namyangju", "남양주시", korea, **under_review)
    uljin = locality(PartnerKind.COUNTY, "Huyện Uljin", "Uljin County", "울진군", korea, **under_review)
    fukui = locality(
        PartnerKind.PREFECTURE,
        "Tỉnh Fukui",
        "Fukui Prefecture",
        "福井県",
        japan,
        relationship_type=RelationshipType.COOPERATION,
        relationship_status=RelationshipStatus.ACTIVE,
        notes=SOURCE_ECONOMIC_DIPLOMACY + " Trao đổi, kết nối doanh nghiệp giữa tỉnh Fukui và TP. Huế.",
    )
    koica, koica_created = ensure(
        Partner,
        {"country": korea, "name_vi": "Cơ quan Hợp tác Quốc tế Hàn Quốc"},
        kind=PartnerKind.GOVERNMENT_AGENCY,
        name_en="Korea International Cooperation Agency",
        name_native="한국국제협력단",
        abbreviation="KOICA",
        relationship_type=RelationshipType.DEVELOPMENT_PARTNER,
        relationship_status=RelationshipStatus.ACTIVE,
        notes=SOURCE_KOREA + " Kênh của 3 dự án ODA không hoàn lại đang triển khai.",
    )
    upcul, _created = ensure(
        Partner,
        {"country": japan, "name_vi": "Công ty cổ phần UPCUL"},
        kind=PartnerKind.COMPANY,
        name_en="UPCUL JSC",
        abbreviation="UPCUL",
        parent=fukui,
        relationship_type=RelationshipType.INVESTMENT,
        relationship_status=RelationshipStatus.ACTIVE,
        notes=SOURCE_ECONOMIC_DIPLOMACY,
    )
    if koica_created:
        koica.fields.set([fields["oda"]])

    def person(name, title, **values):
        return ensure(Person, {"full_name": name}, title=title, **values)[0]

    trung = person("Nguyễn Đình Trung", "Bí thư Thành ủy", hue_unit=party)
    tuan = person("Nguyễn Quang Tuấn", "Ủy viên Ban Thường vụ Thành ủy, Phó Chủ tịch HĐND thành phố", hue_unit=council)
    giang = person("Trần Hữu Thùy Giang", "Phó Chủ tịch UBND thành phố", hue_unit=committee)
    person(
        "Nguyễn Thanh Bình",
        "Ủy viên Ban Thường vụ Thành ủy, Phó Chủ tịch Thường trực UBND thành phố",
        hue_unit=committee,
    )
    person("Nguyễn Văn Phúc", "Giám đốc Sở Ngoại vụ", hue_unit=dofa)
    kim = person("Kim Seokki", "", country=korea, notes=SOURCE_KOREA + " Bài viết không nêu chức vụ.")
    person("Sugiyama Mitsuki", "Tổng Giám đốc CTCP UPCUL", partner=upcul, country=japan)

    chungcheongnam_agreement, created = ensure(
        Agreement,
        {"title_vi": "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam"},
        title_en="Cooperation agreement between Huế City and Chungcheongnam Province",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.SIGNED,
        signed_on="2025-08",
        notes=SOURCE_KOREA + " Ký tháng 8/2025.",
    )
    if created:
        chungcheongnam_agreement.partners.set([chungcheongnam])

    review_purpose = "Rà soát, đánh giá hiệu quả thỏa thuận nhằm đề xuất bước hợp tác mới phù hợp bối cảnh đô thị."
    for partner, english in (
        (gyeongju, "Gyeongju"),
        (dongnae, "Dongnae (Busan)"),
        (namyangju, "Namyangju"),
        (uljin, "Uljin"),
    ):
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
            AgreementReview(agreement=agreement, status=ReviewStatus.DRAFT, purpose=review_purpose).save()

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
        minutes.hue_units.set([tourism])

    visit, created = ensure(
        Delegation,
        {"title_vi": "Ông Kim Seokki thăm và làm việc tại Huế"},
        title_en="Mr. Kim Seokki's visit to Huế",
        direction=Direction.INBOUND,
        status=DelegationStatus.COMPLETED,
        purpose="Lần đầu tiên ông Kim Seokki đến Huế; chúc mừng Huế trở thành thành phố trực thuộc Trung ương.",
        host_unit=party,
        head=kim,
        outcomes=(
            "Hai bên thống nhất tăng cường trao đổi thông tin, thúc đẩy các dự án hợp tác hiệu quả. "
            "Bí thư Thành ủy đề nghị Hàn Quốc tăng cường hợp tác với Huế trên 5 lĩnh vực ưu tiên."
        ),
        notes=SOURCE_KOREA + " Bài viết không nêu ngày đón tiếp.",
    )
    if created:
        visit.countries.set([korea])
        members = [
            (kim, Side.PARTNER, MemberRole.HEAD),
            (trung, Side.HUE, MemberRole.RECEIVING_LEADER),
            (tuan, Side.HUE, MemberRole.ATTENDEE),
            (giang, Side.HUE, MemberRole.ATTENDEE),
        ]
        for member, side, role in members:
            DelegationMember(delegation=visit, person=member, side=side, role=role).save()
        Gift(
            delegation=visit, description="Quà lưu niệm", direction=GiftDirection.GIVEN, giver=trung, recipient=kim
        ).save()

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

    load_projects_and_figures(koica, korea, fields)

    return {
        "partners": Partner.objects.count(),
        "people": Person.objects.count(),
        "agreements": Agreement.objects.count(),
        "reviews": AgreementReview.objects.count(),
        "delegations": Delegation.objects.count(),
        "projects": Project.objects.count(),
        "figures": ReportedFigure.objects.count(),
    }


# The seeds name the sources but not where they were published; the first article carries no date.
SOURCE_KOREA_TITLE = "Bài viết về buổi tiếp ông Kim Seokki và hợp tác Huế – Hàn Quốc"
SOURCE_ECONOMIC_DIPLOMACY_TITLE = "“Cánh tay nối dài” của phát triển kinh tế"
SOURCE_ECONOMIC_DIPLOMACY_DATE = "2026-02-14"

KOICA_PROJECTS = [
    # Vietnamese title, English title, location, field codes. The article gives no amounts, dates or Huế unit.
    ("Làng hòa bình Việt Nam - Hàn Quốc", "Vietnam–Korea Peace Village", "A Lưới", ["oda"]),
    ("Hành động bom mìn vì làng hòa bình", "Mine action for peace villages", "", ["oda"]),
    (
        "Xây dựng thành phố Huế văn hóa và du lịch thông minh",
        "Building Huế as a smart culture and tourism city",
        "",
        ["oda", "urban-planning-smart-city", "culture-tourism"],
    ),
]


def load_projects_and_figures(koica: Partner, korea: Country, fields: dict[str, FieldOfCooperation]) -> None:
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

    korea_source = {"source_title": SOURCE_KOREA_TITLE, "source_date": "", "notes": SOURCE_KOREA}
    diplomacy_source = {
        "source_title": SOURCE_ECONOMIC_DIPLOMACY_TITLE,
        "source_date": SOURCE_ECONOMIC_DIPLOMACY_DATE,
        "notes": SOURCE_ECONOMIC_DIPLOMACY,
    }
    figures = [
        ("Dự án FDI của Hàn Quốc tại TP. Huế", 17, FigureUnit.PROJECTS, "", False, {}, korea, korea_source),
        (
            "Tổng vốn đăng ký của các dự án FDI Hàn Quốc tại TP. Huế",
            61_600_000,
            FigureUnit.MONEY,
            "USD",
            True,
            {},
            korea,
            korea_source,
        ),
        (
            "Dự án ODA đã hoàn thành với Hàn Quốc",
            6,
            FigureUnit.PROJECTS,
            "",
            False,
            {"period_start": "2007", "period_end": "2022"},
            korea,
            korea_source,
        ),
        (
            "Tổng vốn các dự án ODA đã hoàn thành với Hàn Quốc",
            55_000_000,
            FigureUnit.MONEY,
            "USD",
            True,
            {"period_start": "2007", "period_end": "2022"},
            korea,
            korea_source,
        ),
        (
            "Dự án FDI cấp mới tại TP. Huế năm 2025",
            11,
            FigureUnit.PROJECTS,
            "",
            False,
            {"period_start": "2025", "period_end": "2025"},
            None,
            diplomacy_source,
        ),
        (
            "Tổng vốn đăng ký của các dự án FDI cấp mới tại TP. Huế năm 2025",
            39_000_000,
            FigureUnit.MONEY,
            "USD",
            True,
            {
                "period_start": "2025",
                "period_end": "2025",
                "equivalent_value": 981_000_000_000,
                "equivalent_currency": "VND",
            },
            None,
            diplomacy_source,
        ),
    ]
    for subject, value, unit, currency, lower_bound, extra, country, source in figures:
        ensure(
            ReportedFigure,
            {"subject": subject},
            value=value,
            unit=unit,
            currency=currency,
            is_lower_bound=lower_bound,
            country=country,
            **{"period_start": "", "period_end": "", "equivalent_value": None, "equivalent_currency": "", **extra},
            **source,
        )
