"""The demo data: the facts of the two source articles (shared/seeds), and nothing invented.

Where the articles are silent (signing dates of the Gyeongju, Dongnae, Namyangju and Uljin agreements, Kim
Seokki's title, the date of his visit, the Department of Tourism's partner) the fields stay blank. Every record is
found by a natural key and only written when it differs, so loading twice changes nothing and adds no history.
"""

from django.db import transaction

from agreements.choices import AgreementKind, AgreementStatus, ReviewStatus
from agreements.models import Agreement, AgreementReview
from agreements.project_choices import FigureUnit, ProjectKind, ProjectStatus
from agreements.project_models import Project, ReportedFigure
from delegations.choices import DelegationStatus, Direction, GiftDirection, MemberRole
from delegations.models import Delegation, DelegationMember, Gift
from partners.choices import CountryPriority, PartnerKind, RelationshipStatus, RelationshipType, Side
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person

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


def upsert(model, lookup: dict, **values):
    """Get the row matching `lookup`, creating it or updating only what differs from `values`."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != _normalized(model, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def _normalized(model, name: str, value):
    field = model._meta.get_field(name)
    return value if field.is_relation else field.to_python(value)


def set_related(manager, objects) -> None:
    """Set a many-to-many relation only when it differs, so a second load writes nothing."""
    if {obj.pk for obj in manager.all()} != {obj.pk for obj in objects}:
        manager.set(objects)


@transaction.atomic
def load_demo() -> dict[str, int]:
    fields = {
        code: upsert(FieldOfCooperation, {"code": code}, name_vi=vi, name_en=en, is_priority=priority, sort_order=i)
        for i, (code, vi, en, priority) in enumerate(FIELDS)
    }
    for code, priority in COUNTRY_PRIORITIES.items():
        upsert(Country, {"code": code}, priority=priority)
    korea, japan = Country.objects.get(code="KR"), Country.objects.get(code="JP")

    units = {vi: upsert(HueUnit, {"name_vi": vi}, name_en=en, abbreviation=abbr) for vi, en, abbr in UNITS}
    party, council, committee, dofa, tourism = (units[vi] for vi, _en, _abbr in UNITS)

    def locality(kind, vi, en, native, country, parent=None, **values):
        return upsert(
            Partner,
            {"country": country, "name_vi": vi},
            kind=kind,
            name_en=en,
            name_native=native,
            parent=parent,
            notes=values.pop("notes", SOURCE_KOREA),
            **values,
        )

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
    koica = upsert(
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
    upcul = upsert(
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
    set_related(koica.fields, [fields["oda"]])

    def person(name, title, **values):
        return upsert(Person, {"full_name": name}, title=title, **values)

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

    chungcheongnam_agreement = upsert(
        Agreement,
        {"title_vi": "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam"},
        title_en="Cooperation agreement between Huế City and Chungcheongnam Province",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.SIGNED,
        signed_on="2025-08",
        notes=SOURCE_KOREA + " Ký tháng 8/2025.",
    )
    set_related(chungcheongnam_agreement.partners, [chungcheongnam])

    review_purpose = "Rà soát, đánh giá hiệu quả thỏa thuận nhằm đề xuất bước hợp tác mới phù hợp bối cảnh đô thị."
    for partner, english in (
        (gyeongju, "Gyeongju"),
        (dongnae, "Dongnae (Busan)"),
        (namyangju, "Namyangju"),
        (uljin, "Uljin"),
    ):
        agreement = upsert(
            Agreement,
            {"title_vi": f"Thỏa thuận hợp tác giữa thành phố Huế và {partner.name_vi[0].lower()}{partner.name_vi[1:]}"},
            title_en=f"Cooperation agreement between Huế City and {english}",
            kind=AgreementKind.COOPERATION,
            status=AgreementStatus.UNDER_REVIEW,
            notes=SOURCE_KOREA + " Ngày ký không được nêu; thỏa thuận đang được rà soát, đánh giá hiệu quả.",
        )
        set_related(agreement.partners, [partner])
        upsert(AgreementReview, {"agreement": agreement}, status=ReviewStatus.DRAFT, purpose=review_purpose)

    minutes = upsert(
        Agreement,
        {"title_vi": "Biên bản hợp tác giữa Sở Du lịch thành phố Huế và đối tác nước ngoài"},
        title_en="Cooperation minutes between the Huế Department of Tourism and a foreign partner",
        kind=AgreementKind.MINUTES,
        status=AgreementStatus.SIGNED,
        partner_unknown=True,
        notes=SOURCE_ECONOMIC_DIPLOMACY + " Bài viết đưa tin lễ ký ngày 14/02/2026, không nêu tên đối tác.",
    )
    set_related(minutes.hue_units, [tourism])

    visit = upsert(
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
    set_related(visit.countries, [korea])
    members = [
        (kim, Side.PARTNER, MemberRole.HEAD),
        (trung, Side.HUE, MemberRole.RECEIVING_LEADER),
        (tuan, Side.HUE, MemberRole.ATTENDEE),
        (giang, Side.HUE, MemberRole.ATTENDEE),
    ]
    for member, side, role in members:
        upsert(DelegationMember, {"delegation": visit, "person": member}, side=side, role=role)
    upsert(
        Gift,
        {"delegation": visit, "description": "Quà lưu niệm"},
        direction=GiftDirection.GIVEN,
        giver=trung,
        recipient=kim,
    )

    promotion = upsert(
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
    set_related(promotion.countries, list(Country.objects.filter(code__in=["CZ", "BE", "CH", "AU"])))
    set_related(promotion.fields, [fields[code] for code in ("culture-tourism", "education-training", "health", "it")])

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
        project = upsert(
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
        set_related(project.fields, [fields[code] for code in field_codes])

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
        upsert(
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
