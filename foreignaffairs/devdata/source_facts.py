"""The facts of the two source articles (shared/seeds), as data: who, what, when, as the articles state them.

Nothing here is invented; what the articles leave unknown is absent. foreignaffairs.devdata.demo writes these
facts into the database.
"""

from partners.choices import CountryPriority, PartnerKind, RelationshipStatus, RelationshipType
from projects.choices import FigureUnit

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

FRIENDSHIP_UNDER_REVIEW = {
    "relationship_type": RelationshipType.FRIENDSHIP,
    "relationship_status": RelationshipStatus.UNDER_REVIEW,
}
ACTIVE_COOPERATION = {
    "relationship_type": RelationshipType.COOPERATION,
    "relationship_status": RelationshipStatus.ACTIVE,
}

# The partners the articles name, under the key the demo's other records use; a parent comes before its children.
# A partner is found by its country and Vietnamese name; its notes are the Korea article unless given.
PARTNERS = {
    "chungcheongnam": {
        "country": "KR",
        "name_vi": "Tỉnh Chungcheongnam",
        "kind": PartnerKind.PROVINCE,
        "name_en": "Chungcheongnam Province",
        "name_native": "충청남도",
        **ACTIVE_COOPERATION,
        "relationship_since": "2025-08",
    },
    "gyeongju": {
        "country": "KR",
        "name_vi": "Thành phố Gyeongju",
        "kind": PartnerKind.CITY,
        "name_en": "Gyeongju",
        "name_native": "경주시",
        **FRIENDSHIP_UNDER_REVIEW,
    },
    "busan": {
        "country": "KR",
        "name_vi": "Thành phố Busan",
        "kind": PartnerKind.CITY,
        "name_en": "Busan Metropolitan City",
        "name_native": "부산광역시",
        "notes": SOURCE_KOREA + " Được nêu như nơi có quận Dongnae.",
    },
    "dongnae": {
        "country": "KR",
        "name_vi": "Quận Dongnae",
        "kind": PartnerKind.DISTRICT,
        "name_en": "Dongnae District",
        "name_native": "동래구",
        "parent": "busan",
        **FRIENDSHIP_UNDER_REVIEW,
    },
    "namyangju": {
        "country": "KR",
        "name_vi": "Thành phố Namyangju",
        "kind": PartnerKind.CITY,
        "name_en": "Namyangju",
        "name_native": "남양주시",
        **FRIENDSHIP_UNDER_REVIEW,
    },
    "uljin": {
        "country": "KR",
        "name_vi": "Huyện Uljin",
        "kind": PartnerKind.COUNTY,
        "name_en": "Uljin County",
        "name_native": "울진군",
        **FRIENDSHIP_UNDER_REVIEW,
    },
    "fukui": {
        "country": "JP",
        "name_vi": "Tỉnh Fukui",
        "kind": PartnerKind.PREFECTURE,
        "name_en": "Fukui Prefecture",
        "name_native": "福井県",
        **ACTIVE_COOPERATION,
        "notes": SOURCE_ECONOMIC_DIPLOMACY + " Trao đổi, kết nối doanh nghiệp giữa tỉnh Fukui và TP. Huế.",
    },
    "koica": {
        "country": "KR",
        "name_vi": "Cơ quan Hợp tác Quốc tế Hàn Quốc",
        "kind": PartnerKind.GOVERNMENT_AGENCY,
        "name_en": "Korea International Cooperation Agency",
        "name_native": "한국국제협력단",
        "abbreviation": "KOICA",
        "relationship_type": RelationshipType.DEVELOPMENT_PARTNER,
        "relationship_status": RelationshipStatus.ACTIVE,
        "notes": SOURCE_KOREA + " Kênh của 3 dự án ODA không hoàn lại đang triển khai.",
        "fields": ["oda"],
    },
    "upcul": {
        "country": "JP",
        "name_vi": "Công ty cổ phần UPCUL",
        "kind": PartnerKind.COMPANY,
        "name_en": "UPCUL JSC",
        "abbreviation": "UPCUL",
        "parent": "fukui",
        "relationship_type": RelationshipType.INVESTMENT,
        "relationship_status": RelationshipStatus.ACTIVE,
        "notes": SOURCE_ECONOMIC_DIPLOMACY,
    },
}

# The four agreements the Korea article says are being reviewed "to propose new cooperation steps".
AGREEMENTS_UNDER_REVIEW = [
    ("gyeongju", "Gyeongju"),
    ("dongnae", "Dongnae (Busan)"),
    ("namyangju", "Namyangju"),
    ("uljin", "Uljin"),
]
REVIEW_PURPOSE = "Rà soát, đánh giá hiệu quả thỏa thuận nhằm đề xuất bước hợp tác mới phù hợp bối cảnh đô thị."

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

# The seeds name the sources but not where they were published; the first article carries no date.
KOREA_ARTICLE = {
    "source_title": "Bài viết về buổi tiếp ông Kim Seokki và hợp tác Huế – Hàn Quốc",
    "source_date": "",
    "notes": SOURCE_KOREA,
}
ECONOMIC_DIPLOMACY_ARTICLE = {
    "source_title": "“Cánh tay nối dài” của phát triển kinh tế",
    "source_date": "2026-02-14",
    "notes": SOURCE_ECONOMIC_DIPLOMACY,
}
# What a figure is when the article does not say otherwise: a count for Huế as a whole, at no particular time.
FIGURE_DEFAULTS = {
    "currency": "",
    "is_lower_bound": False,
    "country": None,
    "period_start": "",
    "period_end": "",
    "equivalent_value": None,
    "equivalent_currency": "",
}
# The figures as the articles give them ("over 61.6 million USD" is a lower bound), found by their subject.
REPORTED_FIGURES = [
    {
        "subject": "Dự án FDI của Hàn Quốc tại TP. Huế",
        "value": 17,
        "unit": FigureUnit.PROJECTS,
        "country": "KR",
        **KOREA_ARTICLE,
    },
    {
        "subject": "Tổng vốn đăng ký của các dự án FDI Hàn Quốc tại TP. Huế",
        "value": 61_600_000,
        "unit": FigureUnit.MONEY,
        "currency": "USD",
        "is_lower_bound": True,
        "country": "KR",
        **KOREA_ARTICLE,
    },
    {
        "subject": "Dự án ODA đã hoàn thành với Hàn Quốc",
        "value": 6,
        "unit": FigureUnit.PROJECTS,
        "period_start": "2007",
        "period_end": "2022",
        "country": "KR",
        **KOREA_ARTICLE,
    },
    {
        "subject": "Tổng vốn các dự án ODA đã hoàn thành với Hàn Quốc",
        "value": 55_000_000,
        "unit": FigureUnit.MONEY,
        "currency": "USD",
        "is_lower_bound": True,
        "period_start": "2007",
        "period_end": "2022",
        "country": "KR",
        **KOREA_ARTICLE,
    },
    {
        "subject": "Dự án FDI cấp mới tại TP. Huế năm 2025",
        "value": 11,
        "unit": FigureUnit.PROJECTS,
        "period_start": "2025",
        "period_end": "2025",
        **ECONOMIC_DIPLOMACY_ARTICLE,
    },
    {
        "subject": "Tổng vốn đăng ký của các dự án FDI cấp mới tại TP. Huế năm 2025",
        "value": 39_000_000,
        "unit": FigureUnit.MONEY,
        "currency": "USD",
        "is_lower_bound": True,
        "period_start": "2025",
        "period_end": "2025",
        "equivalent_value": 981_000_000_000,
        "equivalent_currency": "VND",
        **ECONOMIC_DIPLOMACY_ARTICLE,
    },
]
