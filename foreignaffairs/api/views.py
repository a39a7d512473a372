"""The export endpoint: permission, parameter checking and HTTP (gzip, streaming) around foreignaffairs.api.export."""

import datetime
import re
from typing import Any, NoReturn

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import compress_sequence
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from foreignaffairs.api.auth import CanViewModels
from foreignaffairs.api.export import EXPORTED_MODELS, SCHEMA_VERSION, export_chunks

ACCEPTS_GZIP = re.compile(r"\bgzip\b")


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


class ExportView(APIView):
    """Every record of every kind as one JSON document, streamed; `updated_after` for an incremental export."""

    permission_classes = [CanViewModels]
    permission_models = EXPORTED_MODELS

    @extend_schema(
        operation_id="export",
        parameters=[
            OpenApiParameter(
                "updated_after",
                OpenApiTypes.DATETIME,
                description="Chỉ các bản ghi thay đổi sau thời điểm này (ISO 8601), cho lần xuất bổ sung.",
            )
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=f"schema_version {SCHEMA_VERSION}, generated_at, updated_after, "
                "then partners, agreements, reviews, projects, figures, delegations, countries, fields, units, people.",
            )
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        updated_after = parse_updated_after(request.query_params.get("updated_after"))
        chunks = export_chunks(updated_after)
        gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
        response = StreamingHttpResponse(
            compress_sequence(chunks) if gzip else chunks, content_type="application/json; charset=utf-8"
        )
        if gzip:
            response.headers["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response.headers["Content-Disposition"] = f'inline; filename="songoaivu-hue-{stamp}.json"'
        return response


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
