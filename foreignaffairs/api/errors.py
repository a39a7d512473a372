"""One shape for every API error, so a client reads the parameter and the problem without guessing.

400 {"detail": "…", "errors": {"country": ["…"], "page": ["…"]}}
401/403/404 {"detail": "…"}
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

NOT_FOUND = gettext_lazy("Không có bản ghi này.")
# DRF's own messages are in English; staff and partner systems read Vietnamese.
PLAIN_MESSAGES = {
    exceptions.NotAuthenticated: gettext_lazy(
        "Cần đăng nhập, hoặc gửi khóa API trong tiêu đề Authorization: Bearer <khóa>."
    ),
    exceptions.PermissionDenied: gettext_lazy("Bạn không có quyền xem loại dữ liệu này."),
    exceptions.NotFound: NOT_FOUND,
    Http404: NOT_FOUND,
}


def _as_messages(value: object) -> list[str]:
    if isinstance(value, dict):
        return [f"{key}: {message}" for key, inner in value.items() for message in _as_messages(inner)]
    if isinstance(value, list | tuple):
        return [message for item in value for message in _as_messages(item)]
    return [str(value)]


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            errors = {str(name): _as_messages(value) for name, value in detail.items()}
        else:
            errors = {"non_field_errors": _as_messages(detail)}
        names = ", ".join(errors)
        response.data = {"detail": _("Tham số không hợp lệ: %(names)s.") % {"names": names}, "errors": errors}
    else:
        response.data = {"detail": str(PLAIN_MESSAGES.get(type(exc), getattr(exc, "detail", exc)))}
    return response
