"""The export endpoint: permission, parameter checking and HTTP around the export.

The full export is the newest snapshot file (foreignaffairs.api.snapshot), sent by nginx or the operating system;
an `updated_after` delta is small and streamed live from foreignaffairs.api.export.
"""

import datetime
import re
from typing import Any, NoReturn
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import compress_sequence
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from foreignaffairs.api import snapshot
from foreignaffairs.api.auth import CanViewModels
from foreignaffairs.api.export import EXPORTED_MODELS, SCHEMA_VERSION, export_chunks
from foreignaffairs.lists.listing import json_default

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
JSON = "application/json; charset=utf-8"
GENERATED_AT_HEADER = "X-Export-Generated-At"


def parse_updated_after(raw: str | None) -> datetime.datetime | None:
    """An ISO 8601 date or date-time; a naive one is read in Huế's time zone. Raise ValidationError otherwise."""
    if raw is None or raw.strip() == "":
        return None
    raw = raw.strip()
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            moment = datetime.datetime.combine(day, datetime.time()) if day else None
        if moment is not None:
            moment = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
            # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 text may still carry.
            moment = moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        raise ValidationError(
            {
                "updated_after": [
                    _("“%(value)s” không phải là thời điểm ISO 8601, ví dụ 2026-02-14T08:00:00+07:00 hoặc 2026-02-14.")
                    % {"value": raw}
                ]
            }
        )
    return moment


class ExportNotReady(APIException):
    """No snapshot yet: only between installing and the first `build_export`, which `make serve` runs first."""

    status_code = 503
    default_detail = gettext_lazy("Bản xuất toàn bộ đang được chuẩn bị. Vui lòng thử lại sau một phút.")
    default_code = "export_not_ready"
    # DRF's exception handler turns `wait` into the Retry-After header. A snapshot of the demo data takes well
    # under a second; at scale 10, a few minutes.
    wait = 60


def _accepts_gzip(request: Request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def _download_name(moment: datetime.datetime) -> str:
    return f'inline; filename="songoaivu-hue-{timezone.localtime(moment).strftime("%Y%m%d-%H%M")}.json"'


def _send_snapshot(request: Request) -> HttpResponseBase:
    latest = snapshot.latest()
    if latest is None:
        raise ExportNotReady()
    if settings.EXPORT_ACCEL_REDIRECT:
        # nginx sends the file (README: Production) and the worker is free at once; nginx also chooses gzip or
        # not for the client (gzip_static always, gunzip on), so the name it is given is the JSON's.
        response = HttpResponse(content_type=JSON)
        location = settings.EXPORT_ACCEL_REDIRECT.rstrip("/") + "/" + quote(latest.path.name.removesuffix(".gz"))
        response["X-Accel-Redirect"] = location
    elif _accepts_gzip(request):
        # Sent as it lies on disk: gunicorn hands the open file to sendfile(), no Python per byte.
        response = FileResponse(latest.path.open("rb"), content_type=JSON)
        response["Content-Encoding"] = "gzip"
    else:
        # Rare (curl without --compressed, some scripts): decompressed while it is sent, in steps.
        response = StreamingHttpResponse(latest.decompressed(), content_type=JSON)
    response[GENERATED_AT_HEADER] = json_default(latest.generated_at)
    response["Content-Disposition"] = _download_name(latest.generated_at)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _stream_delta(request: Request, updated_after: datetime.datetime) -> StreamingHttpResponse:
    generated_at = timezone.now()
    chunks = export_chunks(updated_after, generated_at)
    gzip = _accepts_gzip(request)
    response = StreamingHttpResponse(compress_sequence(chunks) if gzip else chunks, content_type=JSON)
    if gzip:
        response.headers["Content-Encoding"] = "gzip"
    response[GENERATED_AT_HEADER] = json_default(generated_at)
    response["Content-Disposition"] = _download_name(generated_at)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


class ExportView(APIView):
    """Every record of every kind as one JSON document: the newest snapshot, or `updated_after`'s changes live."""

    permission_classes = [CanViewModels]
    permission_models = EXPORTED_MODELS

    @extend_schema(
        operation_id="export",
        description=(
            "Không có `updated_after`: bản xuất toàn bộ mới nhất, do một tác vụ nền ghi ra tệp (mỗi 15 phút); "
            "`generated_at` của tài liệu (và tiêu đề X-Export-Generated-At) là lúc bản đó được tạo. Muốn có dữ "
            "liệu mới hơn, gọi tiếp ngay `?updated_after=<generated_at>`. Có `updated_after`: chỉ các thay đổi, "
            "tạo ngay khi gọi."
        ),
        parameters=[
            OpenApiParameter(
                "updated_after",
                OpenApiTypes.DATETIME,
                description="Chỉ các bản ghi thay đổi sau thời điểm này (ISO 8601), cho lần xuất bổ sung.",
            ),
            OpenApiParameter(
                GENERATED_AT_HEADER,
                OpenApiTypes.DATETIME,
                location=OpenApiParameter.HEADER,
                response=[200],
                description="Lúc tài liệu được tạo, bằng `generated_at` trong tài liệu.",
            ),
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=f"schema_version {SCHEMA_VERSION}, generated_at, updated_after, "
                "then partners, agreements, reviews, projects, figures, delegations, countries, fields, units, people.",
            ),
            503: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Bản xuất toàn bộ chưa được tạo lần nào; thử lại sau số giây trong Retry-After.",
            ),
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        updated_after = parse_updated_after(request.query_params.get("updated_after"))
        if updated_after is None:
            return _send_snapshot(request)
        return _stream_delta(request, updated_after)


class UnknownAPIPathView(APIView):
    """Any other path under /api/: a JSON 404 like the rest of the API, not the site's HTML page."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotFound()


class APIDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), with nothing inline for the CSP to block."""

    template_name = "api/swagger_ui.html"
