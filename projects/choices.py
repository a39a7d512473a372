from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    ODA_GRANT = "oda_grant", _("ODA không hoàn lại")
    ODA_LOAN = "oda_loan", _("ODA vốn vay")
    FDI = "fdi", _("Đầu tư trực tiếp nước ngoài (FDI)")
    NGO_AID = "ngo_aid", _("Viện trợ phi chính phủ")
    VOLUNTEER = "volunteer", _("Chương trình tình nguyện viên")
    TECHNOLOGY_TRANSFER = "technology_transfer", _("Chuyển giao công nghệ")


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    APPROVED = "approved", _("Đã phê duyệt / cấp phép")
    IN_PROGRESS = "in_progress", _("Đang triển khai")
    COMPLETED = "completed", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


class FigureUnit(models.TextChoices):
    PROJECTS = "projects", _("Số dự án")
    MONEY = "money", _("Số tiền")
