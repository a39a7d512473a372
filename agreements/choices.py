from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    FRIENDSHIP = "friendship", _("Thỏa thuận hữu nghị")
    COOPERATION = "cooperation", _("Thỏa thuận hợp tác / Bản ghi nhớ (MOU)")
    LETTER_OF_INTENT = "letter_of_intent", _("Thư ý định")
    MINUTES = "minutes", _("Biên bản hợp tác")
    ACTION_PLAN = "action_plan", _("Kế hoạch hành động")


class AgreementStatus(models.TextChoices):
    DRAFTING = "drafting", _("Đang soạn thảo")
    NEGOTIATING = "negotiating", _("Đang đàm phán")
    SIGNED = "signed", _("Đã ký")
    IN_EFFECT = "in_effect", _("Đang có hiệu lực")
    UNDER_REVIEW = "under_review", _("Đang rà soát")
    RENEWED = "renewed", _("Đã gia hạn")
    AMENDED = "amended", _("Đã sửa đổi")
    EXPIRED = "expired", _("Hết hiệu lực")
    TERMINATED = "terminated", _("Đã chấm dứt")

    @classmethod
    def alive(cls) -> list[str]:
        """The statuses of an agreement that still binds the parties."""
        return [cls.SIGNED, cls.IN_EFFECT, cls.UNDER_REVIEW]


class PredecessorRelation(models.TextChoices):
    RENEWS = "renews", _("Gia hạn")
    AMENDS = "amends", _("Sửa đổi, bổ sung")


class DocumentKind(models.TextChoices):
    SIGNED_ORIGINAL = "signed_original", _("Bản ký gốc")
    TRANSLATION = "translation", _("Bản dịch")
    ANNEX = "annex", _("Phụ lục")
    OTHER = "other", _("Khác")


class DocumentLanguage(models.TextChoices):
    VI = "vi", _("Tiếng Việt")
    EN = "en", _("Tiếng Anh")
    KO = "ko", _("Tiếng Hàn")
    JA = "ja", _("Tiếng Nhật")
    FR = "fr", _("Tiếng Pháp")
    MULTI = "multi", _("Song ngữ / đa ngữ")
    OTHER = "other", _("Khác")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã trình")
    APPROVED = "approved", _("Đã phê duyệt")
    RETURNED = "returned", _("Trả lại")


class EffectivenessRating(models.TextChoices):
    VERY_EFFECTIVE = "very_effective", _("Rất hiệu quả")
    EFFECTIVE = "effective", _("Hiệu quả")
    PARTLY_EFFECTIVE = "partly_effective", _("Hiệu quả một phần")
    INEFFECTIVE = "ineffective", _("Không hiệu quả")


class Recommendation(models.TextChoices):
    CONTINUE = "continue", _("Tiếp tục thực hiện")
    RENEW = "renew", _("Gia hạn")
    AMEND = "amend", _("Sửa đổi, bổ sung")
    EXPAND = "expand", _("Mở rộng sang lĩnh vực mới")
    SUSPEND = "suspend", _("Tạm dừng")
    TERMINATE = "terminate", _("Chấm dứt")


class ObligationStatus(models.TextChoices):
    # The codes of delegations' FollowUpStatus, so that the two read alike wherever both are listed.
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")
