"""The admin's login page: a reader's account (not staff) with the right password is told that the admin is for
editing and sent to the dashboards; a wrong password is answered the same whether or not the account exists."""

from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.forms import _document, page_form_data

NO_ACCESS = "không có quyền vào trang quản trị"


def log_in_at_admin(client, username: str, password: str):
    """Open /admin/ as a person would, fill in the login form it leads to, and submit it."""
    page = client.get(reverse("admin:index"), follow=True)
    data = page_form_data(page, form_id="login-form")
    data.update(username=username, password=password)
    return client.post(page.wsgi_request.get_full_path(), data, follow=True)


def dashboard_links(response) -> list[str]:
    return _document(response).xpath("//*[@id='no-admin-access']//a/@href")


def test_it_tells_a_reader_with_the_right_password_to_use_the_dashboards(client, viewer):
    response = log_in_at_admin(client, "viewer", PASSWORD)

    assert response.status_code == 200
    assert f"Tài khoản “viewer” {NO_ACCESS}" in response.text
    assert dashboard_links(response) == [reverse("dashboard:overview")]
    assert "Vui lòng nhập đúng" not in response.text  # not "wrong user name or password"
    assert client.get(dashboard_links(response)[0]).status_code == 200  # logged in: the link opens the overview


def test_it_tells_a_logged_in_reader_who_opens_the_admin(client, viewer):
    client.force_login(viewer)

    response = client.get(reverse("admin:agreements_agreement_changelist"), follow=True)

    assert NO_ACCESS in response.text
    assert dashboard_links(response) == [reverse("dashboard:overview")]


def test_it_gives_a_wrong_password_one_answer_whoever_it_is(viewer, editor):
    answers = {}
    for username in ("viewer", "editor", "nobody-by-this-name"):
        response = log_in_at_admin(Client(), username, "wrong password")
        assert NO_ACCESS not in response.text
        answers[username] = [
            " ".join(p.text_content().split()) for p in _document(response).xpath("//p[@class='errornote']")
        ]

    assert len(answers["viewer"]) == 1
    assert answers["viewer"] == answers["editor"] == answers["nobody-by-this-name"]


def test_it_still_lets_staff_into_the_admin(client, editor):
    response = log_in_at_admin(client, "editor", PASSWORD)

    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert NO_ACCESS not in response.text
