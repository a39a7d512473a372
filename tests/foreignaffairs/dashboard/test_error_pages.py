"""The 400, 403, 404 and 500 pages (and a refused form): the site's layout, the user's language, a way home.

This module is also the URLconf of its tests: the site's own URLs and error handlers, plus views that fail the
ways a real request can (the database gone, an exception in our code, in a page or under /api/).
"""

import json

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse

from foreignaffairs import urls as site_urls
from partners.models import Partner

HEADINGS = {
    400: "Yêu cầu không hợp lệ",
    403: "Anh/chị không có quyền xem trang này",
    404: "Không tìm thấy trang",
    500: "Hệ thống gặp lỗi",
}


def _count_partners(request):
    return HttpResponse(str(Partner.objects.count()))


def _fail_after_loading_the_user(request):
    request.user.get_username()
    connection.execute_wrappers.append(_database_down)
    raise RuntimeError("a bug in a page")


def _fail_in_the_api(request):
    raise RuntimeError("a bug in an endpoint")


urlpatterns = [
    path("tests/count-partners/", _count_partners),
    path("tests/fail-after-loading-the-user/", _fail_after_loading_the_user),
    path("api/tests/fail/", _fail_in_the_api),
    *site_urls.urlpatterns,
]
# The site's handlers, or Django's (what a URLconf naming none gets).
handler400 = getattr(site_urls, "handler400", "django.views.defaults.bad_request")
handler403 = getattr(site_urls, "handler403", "django.views.defaults.permission_denied")
handler404 = getattr(site_urls, "handler404", "django.views.defaults.page_not_found")
handler500 = getattr(site_urls, "handler500", "django.views.defaults.server_error")


def _database_down(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


@pytest.fixture
def failing_client(client, db):
    """A client that receives the 500 page, as a browser would, instead of the exception. The database comes
    back before the test's transaction is rolled back."""
    client.raise_request_exception = False
    yield client
    while _database_down in connection.execute_wrappers:
        connection.execute_wrappers.remove(_database_down)


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def no_role(db):
    return get_user_model().objects.create_user(username="khach", password="x")


def _page(response):
    return lxml.html.document_fromstring(response.content, parser=lxml.html.HTMLParser(encoding="utf-8"))


def _heading(response) -> str:
    [heading] = _page(response).xpath("//main//h1")
    return heading.text_content().strip()


def _home_link(response) -> tuple[str, str]:
    [link] = _page(response).xpath("//main//p[@class='error-home']/a")
    return link.get("href"), link.text_content().strip()


def _assert_site_layout(response, *, language: str, navigation: bool) -> None:
    page = _page(response)
    assert page.get("lang") == language
    assert page.xpath("//header[@class='site-header']//a[@href=$url]", url=reverse("dashboard:overview"))
    assert page.xpath("//form[@action=$url]//select[@name='language']", url=reverse("set_language"))
    assert page.xpath("//form[@action=$url]//input[@name='csrfmiddlewaretoken']/@value", url=reverse("set_language"))
    assert bool(page.xpath("//nav//a[@href=$url]", url=reverse("dashboard:partner-list"))) is navigation


def test_it_shows_404_in_the_site_layout_with_the_way_to_the_overview(logged_in):
    response = logged_in.get(reverse("dashboard:partner-detail", args=[999999]))
    assert response.status_code == 404
    assert _heading(response) == HEADINGS[404]
    assert _home_link(response) == (reverse("dashboard:overview"), "Về trang tổng quan")
    _assert_site_layout(response, language="vi", navigation=True)


def test_it_offers_an_anonymous_visitor_the_login_page_on_404(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert _heading(response) == HEADINGS[404]
    assert _home_link(response) == (reverse("login"), "Đăng nhập")
    _assert_site_layout(response, language="vi", navigation=False)


def test_it_shows_404_for_an_unknown_admin_page(client, editor):
    client.force_login(editor)
    response = client.get("/admin/khong-co/trang-nay/")
    assert response.status_code == 404
    assert _heading(response) == HEADINGS[404]


def test_it_shows_403_from_the_dashboard(client, no_role):
    client.force_login(no_role)
    response = client.get(reverse("dashboard:overview"))
    assert response.status_code == 403
    assert _heading(response) == HEADINGS[403]
    assert _home_link(response) == (reverse("dashboard:overview"), "Về trang tổng quan")
    _assert_site_layout(response, language="vi", navigation=True)


def test_it_shows_403_from_the_admin(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    assert _heading(response) == HEADINGS[403]
    _assert_site_layout(response, language="vi", navigation=True)


def test_it_shows_400_for_a_request_it_cannot_accept(client, db):
    response = client.get("/dashboard/", HTTP_HOST="may-chu-la.example")
    assert response.status_code == 400
    assert _heading(response) == HEADINGS[400]
    _assert_site_layout(response, language="vi", navigation=False)


@pytest.mark.urls(__name__)
def test_it_shows_500_when_the_database_is_down(failing_client, viewer):
    failing_client.force_login(viewer)
    connection.execute_wrappers.append(_database_down)
    response = failing_client.get("/tests/count-partners/")
    assert response.status_code == 500
    assert _heading(response) == HEADINGS[500]
    # Nobody could be looked up, so the way home is the overview, which sends an anonymous visitor to log in.
    assert _home_link(response) == (reverse("dashboard:overview"), "Về trang tổng quan")
    _assert_site_layout(response, language="vi", navigation=False)


@pytest.mark.urls(__name__)
def test_it_shows_500_with_the_navigation_of_a_user_already_loaded(failing_client, viewer):
    failing_client.force_login(viewer)
    response = failing_client.get("/tests/fail-after-loading-the-user/")
    assert response.status_code == 500
    assert _heading(response) == HEADINGS[500]
    _assert_site_layout(response, language="vi", navigation=True)
    assert "viewer" in _page(response).xpath("string(//span[@class='user-name'])")


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/", 404), ("/api/v1/khong-co/", 404), ("/api/v1/partners/999999/", 404), ("/api/tests/fail/", 500)],
)
@pytest.mark.urls(__name__)
def test_the_api_keeps_answering_its_errors_in_json(failing_client, viewer, url, status):
    failing_client.force_login(viewer)
    response = failing_client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["detail"]


def test_it_explains_a_refused_form_and_links_to_the_login_page(db, settings):
    settings.DEBUG = False
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("login"), {"username": "viewer", "password": "sai"})
    assert response.status_code == 403
    assert _heading(response) == "Không gửi được biểu mẫu"
    assert _home_link(response) == (reverse("login"), "Đăng nhập")
    _assert_site_layout(response, language="vi", navigation=False)


# English: the catalogue is regenerated at the end of the work, so these check the page, not its wording.


def test_it_shows_404_in_english_to_an_english_reader(english, viewer):
    english.force_login(viewer)
    response = english.get(reverse("dashboard:partner-detail", args=[999999]))
    assert response.status_code == 404
    assert _home_link(response)[0] == reverse("dashboard:overview")
    _assert_site_layout(response, language="en", navigation=True)


def test_it_shows_403_in_english_to_an_english_reader(english, no_role):
    english.force_login(no_role)
    response = english.get(reverse("dashboard:overview"))
    assert response.status_code == 403
    assert _home_link(response)[0] == reverse("dashboard:overview")
    _assert_site_layout(response, language="en", navigation=True)


def test_it_shows_400_in_english_to_an_english_reader(english, db):
    response = english.get("/dashboard/", HTTP_HOST="may-chu-la.example")
    assert response.status_code == 400
    assert _home_link(response)[0] == reverse("login")
    _assert_site_layout(response, language="en", navigation=False)


@pytest.mark.urls(__name__)
def test_it_shows_500_in_english_to_an_english_reader(english, failing_client, viewer):
    english.force_login(viewer)
    connection.execute_wrappers.append(_database_down)
    response = english.get("/tests/count-partners/")
    assert response.status_code == 500
    assert _home_link(response)[0] == reverse("dashboard:overview")
    _assert_site_layout(response, language="en", navigation=False)
