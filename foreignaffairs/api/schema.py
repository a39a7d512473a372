"""The OpenAPI schema: the error answers every endpoint can give, and what each query parameter accepts.

The rule the API keeps, and the schema states, for every query parameter:
- Empty is not given. `?status=` is the same request as no `status` at all (the dashboard's filter form sends
  its untouched fields so): every query parameter is marked `allowEmptyValue` and says so in its description.
- A value from a fixed list (a kind, a status, a country code, a sort column) outside it is a 400 naming the
  parameter; so is a value that cannot be what the parameter takes (a date that is none, `?partner=abc`).
- A well-formed reference to a record that matches none (`?partner=0`, a deleted partner's id, an unknown field
  code) filters to an empty list: 200.
- A page past the last is a 404 (foreignaffairs.api.pagination), as a record that does not exist is.
Schemathesis checks the API against these statements (tests/foreignaffairs/api/test_schema.py).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

EMPTY_IS_NOT_GIVEN = _("Để trống thì coi như không có tham số này.")


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
PAGE_NOT_FOUND = _("Không có trang này: số trang lớn hơn số trang của danh sách")


class APIAutoSchema(AutoSchema):
    def _is_paged_list(self) -> bool:
        return self._is_list_view() and self._get_paginator() is not None

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code, description in ERROR_ANSWERS.items():
            if code == "404" and self.path.rstrip("/").endswith("}"):
                pass
            elif code == "404" and self._is_paged_list():
                description = PAGE_NOT_FOUND
            elif code == "404":
                continue
            responses.setdefault(code, self._get_response_for_code(ErrorSerializer, code, direction=direction))
            responses[code]["description"] = str(description)
        return responses

    def _get_parameters(self) -> list[dict[str, Any]]:
        parameters = super()._get_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class else {}
        for parameter in parameters:
            if parameter["in"] != "query":
                continue
            words = [parameter.get("description")]
            query_filter = filters.get(parameter["name"])
            # A filter may say more than drf-spectacular can guess from its class (foreignaffairs.lists.filters).
            if hasattr(query_filter, "openapi_schema"):
                refinement = query_filter.openapi_schema()
                words = [words[0] or query_filter.label, refinement.pop("description", None)]
                parameter["schema"] = {**parameter["schema"], **refinement}
            parameter["allowEmptyValue"] = True
            parameter["description"] = "\n\n".join(str(word) for word in [*words, EMPTY_IS_NOT_GIVEN] if word)
        return parameters
