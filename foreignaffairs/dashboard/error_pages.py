"""The pages a person sees when a request fails (400, 403, 404, 500, and a refused form): the site's layout, in
their language, saying what happened and linking home. Under /api/ the same failures answer in JSON, in the
API's one error shape (foreignaffairs.api.errors), since programs read those answers, not people.

Wired by handler400/403/404/500 in foreignaffairs.urls. A form refused for its CSRF token gets 403_csrf.html,
which Django's own CSRF failure view renders with the request when the template exists.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views.decorators.csrf import requires_csrf_token

API_PREFIX = "/api/"


def _api_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _for_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _page(request: HttpRequest, template: str, status: int, **context: object) -> HttpResponse:
    # A requires_csrf_token view's RequestContext: the header's language switch posts with a valid token.
    return render(request, template, context, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _for_api(request):
        return _api_error(400, gettext("Yêu cầu không hợp lệ."))
    return _page(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _for_api(request):
        return _api_error(403, gettext("Bạn không có quyền xem loại dữ liệu này."))
    # Our own refusals say why in Vietnamese (agreements.review_workflow); Django's own carry no message.
    return _page(request, "403.html", 403, reason=str(exception))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _for_api(request):
        return _api_error(404, gettext("Không có bản ghi này."))
    return _page(request, "404.html", 404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered with no context processor and no query: the database may be what failed.

    The user is shown only if the request had already loaded it; loading it now would ask the database.
    """
    if _for_api(request):
        return _api_error(500, gettext("Hệ thống gặp lỗi."))
    # AuthenticationMiddleware keeps the user it loaded here; absent, the failure came before anyone asked.
    user = request.__dict__.get("_cached_user")
    context = {"request": request, "user": user, "csrf_token": get_token(request)}
    return HttpResponse(render_to_string("500.html", context), status=500)
