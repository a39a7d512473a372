from django.db import models
from django.utils.translation import gettext_lazy as _


class CountryPriority(models.TextChoices):
    STRATEGIC = "strategic", _("Đối tác chiến lược")
    PRIORITY = "priority", _("Đối tác ưu tiên (truyền thống, tiềm năng)")
    NORMAL = "normal", _("Thông thường")


class PartnerKind(models.TextChoices):
    # Localities
    PROVINCE = "province", _("Tỉnh / bang / vùng")
    PREFECTURE = "prefecture", _("Tỉnh (Nhật Bản)")
    CITY = "city", _("Thành phố")
    DISTRICT = "district", _("Quận / huyện")
    COUNTY = "county", _("Quận / huyện (gun)")
    OTHER_LOCALITY = "other_locality", _("Địa phương khác")
    # Organizations
    GOVERNMENT_AGENCY = "government_agency", _("Cơ quan chính phủ")
    COMPANY = "company", _("Doanh nghiệp")
    NGO = "ngo", _("Tổ chức phi chính phủ")
    UNIVERSITY = "university", _("Trường đại học / viện")
    INTERNATIONAL_ORGANIZATION = "international_organization", _("Tổ chức quốc tế")
    DIPLOMATIC_MISSION = "diplomatic_mission", _("Cơ quan đại diện ngoại giao")

    @classmethod
    def localities(cls) -> list[str]:
        return [cls.PROVINCE, cls.PREFECTURE, cls.CITY, cls.DISTRICT, cls.COUNTY, cls.OTHER_LOCALITY]


class RelationshipType(models.TextChoices):
    FRIENDSHIP = "friendship", _("Hữu nghị")
    COOPERATION = "cooperation", _("Hợp tác")
    DEVELOPMENT_PARTNER = "development_partner", _("Đối tác phát triển (ODA, viện trợ)")
    INVESTMENT = "investment", _("Đầu tư, kinh doanh")
    OTHER = "other", _("Khác")


class RelationshipStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    UNDER_REVIEW = "under_review", _("Đang rà soát")
    DORMANT = "dormant", _("Tạm ngưng")
    PROPOSED = "proposed", _("Đề xuất")


class Side(models.TextChoices):
    HUE = "hue", _("Phía Huế")
    PARTNER = "partner", _("Phía đối tác")
