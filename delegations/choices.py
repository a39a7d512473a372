from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Đoàn vào")
    OUTBOUND = "outbound", _("Đoàn ra")


class DelegationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    APPROVED = "approved", _("Đã phê duyệt")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    COMPLETED = "completed", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


class MemberRole(models.TextChoices):
    HEAD = "head", _("Trưởng đoàn")
    MEMBER = "member", _("Thành viên")
    RECEIVING_LEADER = "receiving_leader", _("Lãnh đạo chủ trì đón tiếp")
    ATTENDEE = "attendee", _("Cùng dự")
    INTERPRETER = "interpreter", _("Phiên dịch")
    LIAISON = "liaison", _("Liên lạc, tháp tùng")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã xong")
    CANCELLED = "cancelled", _("Đã hủy")


class GiftDirection(models.TextChoices):
    GIVEN = "given", _("Phía Huế tặng")
    RECEIVED = "received", _("Phía Huế nhận")
