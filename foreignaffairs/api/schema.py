"""The OpenAPI schema, with the error answers every endpoint can give (see foreignaffairs.api.errors)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Lỗi là gì, bằng lời."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Với lỗi 400: tên tham số sai và lý do."),
    )


ERROR_ANSWERS = {
    "400": _("Tham số không hợp lệ"),
    "401": _("Chưa xác thực hoặc khóa API không dùng được"),
    "403": _("Không có quyền xem loại dữ liệu này"),
    "404": _("Không có bản ghi này"),
}


class APIAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERROR_ANSWERS.items():
            if code == "404" and not self.path.rstrip("/").endswith("}"):
                continue
            responses.setdefault(code, self._get_response_for_code(ErrorSerializer, code, direction=direction))
            responses[code]["description"] = str(description)
        return responses
