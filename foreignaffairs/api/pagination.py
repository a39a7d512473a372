"""Pages of API lists: a capped size, and a clear 400 (not DRF's 404) for a page that does not exist."""

from typing import TYPE_CHECKING

from django.core.paginator import InvalidPage, PageNotAnInteger
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

if TYPE_CHECKING:
    # rest_framework.generics reads the pagination setting, which names this module.
    from rest_framework.views import APIView


class CappedPageNumberPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            message = _("Cỡ trang phải là số nguyên từ 1 đến %(max)d (đã nhập “%(value)s”).")
            raise ValidationError({self.page_size_query_param: [message % {"max": self.max_page_size, "value": raw}]})
        return size

    def paginate_queryset(self, queryset: QuerySet, request: Request, view: "APIView | None" = None) -> list:
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        raw = request.query_params.get(self.page_query_param) or "1"
        try:
            self.page = paginator.page(paginator.num_pages if raw in self.last_page_strings else raw)
        except PageNotAnInteger:
            message = _("Số trang phải là số nguyên dương (đã nhập “%(page)s”).") % {"page": raw}
            raise ValidationError({self.page_query_param: [message]}) from None
        except InvalidPage:
            message = _("Trang “%(page)s” không tồn tại: chỉ có %(pages)d trang.")
            raise ValidationError(
                {self.page_query_param: [message % {"page": raw, "pages": paginator.num_pages}]}
            ) from None
        return list(self.page)

    def get_schema_operation_parameters(self, view: "APIView") -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters
