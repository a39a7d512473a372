"""Pages of API lists: a capped size; a page number that cannot be one is a 400, a page past the last a 404.

The two are different mistakes. `?page=abc` or `?page=0` is a malformed request, answered 400 naming the
parameter like any bad filter. `?page=7` of a list that has 3 pages is well formed but asks for something that is
not there, as `/partners/999999/` does: 404, as DRF answers, with the message in Vietnamese saying how many pages
there are. An empty `?page=` is page 1 and an empty `?page_size=` the default size, as every empty parameter
means "not given" (foreignaffairs.api.schema).
"""

from typing import TYPE_CHECKING

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

if TYPE_CHECKING:
    # rest_framework.generics reads the pagination setting, which names this module.
    from rest_framework.views import APIView


class PageNotFound(NotFound):
    """A page past the last. Its message says which pages there are (foreignaffairs.api.errors keeps it)."""


class CappedPageNumberPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    page_query_description = gettext_lazy(
        "Số trang, từ 1; “last” là trang cuối. Trang sau trang cuối được trả lời 404, nói danh sách có bao nhiêu trang."
    )
    page_size_query_description = gettext_lazy("Số bản ghi mỗi trang, từ 1 đến 200; mặc định 50.")

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

    def page_number(self, raw: str, paginator: Paginator) -> int:
        """The page asked for, as a number; a 400 when `raw` cannot be a page, a 404 when it is past the last."""
        if raw in self.last_page_strings:
            return paginator.num_pages
        try:
            number = int(raw)
        except ValueError:
            number = 0
        if number < 1:
            message = _("Số trang phải là số nguyên dương (đã nhập “%(page)s”).") % {"page": raw}
            raise ValidationError({self.page_query_param: [message]})
        if number > paginator.num_pages:
            message = _("Trang %(page)d không có: danh sách chỉ có %(pages)d trang.")
            raise PageNotFound(message % {"page": number, "pages": paginator.num_pages})
        return number

    def paginate_queryset(self, queryset: QuerySet, request: Request, view: "APIView | None" = None) -> list:
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        self.page = paginator.page(self.page_number(request.query_params.get(self.page_query_param) or "1", paginator))
        return list(self.page)

    def get_schema_operation_parameters(self, view: "APIView") -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                last = {"type": "string", "enum": list(self.last_page_strings)}
                parameter["schema"] = {"anyOf": [{"type": "integer", "minimum": 1}, last]}
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters
