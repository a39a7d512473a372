"""/api/v1/search/?q=: the header's search box for programs. Every kind of record the caller may view, searched
at once, each kind's best matches first with their rank, its count, and its own list filtered by the same `q`.

The kinds, the matching, the ranking and the counts are the search page's (foreignaffairs.dashboard.search_kinds):
at most seven queries per kind, whatever the number of matches.

What `q` accepts is stated in the schema as a pattern, and checked here by the same pattern, so that the schema and
the answers agree: at least one character that can be searched (not only spaces, invisible marks or the "|"
that separates names in the search text), and no NUL; anything else is a 400 naming `q`. No `q`, or an empty one
(the same request, as for every parameter of the API), searches nothing: an answer without groups. A `q` that
passes and still holds no word to match (a lone rare mark) is answered with every group empty.
"""

import re

from django.core.validators import ProhibitNullCharactersValidator
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from foreignaffairs.dashboard.search_kinds import KINDS, SearchGroup, kinds_for, search_everything

# Characters no search is made of: spaces and controls, invisible format marks (zero-width, direction marks, the
# byte-order mark), combining diacritics on their own, and the bar. BMP escapes only, read alike by Python and
# by JavaScript, which is what a client's validator runs.
_NOTHING_TO_SEARCH = (
    "\\u0000-\\u0020\\u007c\\u007f-\\u00a0\\u00ad\\u0300-\\u036f\\u061c\\u1680\\u180e\\u2000-\\u200f"
    "\\u2028-\\u202f\\u205f-\\u206f\\u3000\\ufe00-\\ufe0f\\ufeff"
)
SEARCHABLE = re.compile(f"[^{_NOTHING_TO_SEARCH}]")
Q_PATTERN = f"^[^\\u0000]*[^{_NOTHING_TO_SEARCH}][^\\u0000]*$"


def checked_query(raw: str | None) -> str:
    """`q` as given ("" when absent or empty, which the API reads alike), or a ValidationError naming it."""
    if not raw:
        return ""
    if "\x00" in raw:
        raise ValidationError({"q": [str(ProhibitNullCharactersValidator.message)]})
    if not SEARCHABLE.search(raw):
        raise ValidationError(
            {"q": [_("Từ khóa chỉ có dấu cách, ký tự ẩn hoặc dấu “|”, không có chữ hay số nào để tìm.")]}
        )
    return raw


class SearchResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(help_text=gettext_lazy("Tên hoặc tiêu đề của bản ghi, theo ngôn ngữ của yêu cầu."))
    url = serializers.URLField(help_text=gettext_lazy("Địa chỉ API của bản ghi."))
    rank = serializers.IntegerField(
        help_text=gettext_lazy(
            "Độ khớp, càng lớn càng khớp: từ 100 trở lên khi mọi từ có trong tên của chính bản ghi, dưới 100 khi có "
            "từ chỉ khớp qua bản ghi liên quan; khớp trọn từ được cộng thêm."
        )
    )


class SearchGroupSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[kind.key for kind in KINDS])
    label = serializers.CharField(help_text=gettext_lazy("Tên của nhóm, theo ngôn ngữ của yêu cầu."))
    count = serializers.IntegerField(help_text=gettext_lazy("Số bản ghi khớp trong nhóm, đếm đến 1000."))
    capped = serializers.BooleanField(
        help_text=gettext_lazy("Có hơn `count` bản ghi khớp (chỉ đếm đến 1000); `all_results` liệt kê tất cả.")
    )
    # TOP_ROWS of them.
    results = SearchResultSerializer(many=True, help_text=gettext_lazy("Tối đa 5 bản ghi khớp nhất, khớp nhất trước."))
    all_results = serializers.URLField(
        help_text=gettext_lazy("Danh sách API của nhóm, lọc bằng cùng từ khóa: toàn bộ kết quả, phân trang.")
    )


class SearchAnswerSerializer(serializers.Serializer):
    q = serializers.CharField()
    groups = SearchGroupSerializer(
        many=True, help_text=gettext_lazy("Một nhóm cho mỗi loại bản ghi người gọi được xem, theo thứ tự cố định.")
    )


class CanViewAnyKind(BasePermission):
    """The view permission of at least one kind searched; the answer holds only the kinds the caller may view."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(kinds_for(request.user))


def _group(request: Request, group: SearchGroup, query: str) -> dict:
    basename = group.kind.api_basename
    return {
        "kind": group.kind.key,
        "label": str(group.kind.heading),
        "count": group.count,
        "capped": group.capped,
        "results": [
            {
                "id": row.pk,
                "label": str(row),
                "url": request.build_absolute_uri(reverse(f"api:{basename}-detail", args=[row.pk])),
                "rank": row.search_rank,
            }
            for row in group.rows
        ],
        "all_results": request.build_absolute_uri(f"{reverse(f'api:{basename}-list')}?{urlencode({'q': query})}"),
    }


class SearchView(APIView):
    """Partners, people, agreements, reviews, delegations and projects found by one query."""

    permission_classes = [CanViewAnyKind]

    @extend_schema(
        operation_id="search",
        description=gettext_lazy(
            "Tìm trong mọi loại bản ghi người gọi được xem, như ô Tìm kiếm ở đầu trang tổng hợp: không phân biệt "
            "dấu và chữ hoa, mọi từ phải có trong bản ghi hoặc trong các bản ghi liên quan (đối tác, người, quốc "
            "gia, …). Mỗi nhóm: số bản ghi khớp, vài bản ghi khớp nhất (khớp tên của chính bản ghi trước khớp qua "
            "bản ghi liên quan, khớp trọn từ trước khớp một phần, mới trước cũ) và danh sách đầy đủ."
        ),
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                pattern=Q_PATTERN,
                description=gettext_lazy(
                    "Từ khóa, ví dụ `nguyen dinh trung`, `koica`, `충청남도`. Phải có ít nhất một chữ, số hoặc dấu "
                    "(không chỉ dấu cách, ký tự ẩn hay dấu |), không có ký tự NUL. Không có từ khóa: không tìm gì, "
                    "`groups` rỗng."
                ),
            )
        ],
        responses={200: SearchAnswerSerializer},
    )
    def get(self, request: Request) -> Response:
        query = checked_query(request.query_params.get("q"))
        groups = search_everything(kinds_for(request.user), query) if query else []
        answer = {"q": query, "groups": [_group(request, group, query) for group in groups]}
        return Response(SearchAnswerSerializer(answer).data)
