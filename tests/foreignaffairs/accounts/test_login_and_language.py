"""The login page and the language switch."""

from tests.conftest import PASSWORD


def test_it_logs_a_viewer_in_and_back_to_the_page_asked_for(client, viewer):
    page = client.get("/accounts/login/?next=/dashboard/partners/")
    assert page.status_code == 200
    assert 'for="id_username"' in page.content.decode()
    response = client.post(
        "/accounts/login/", {"username": "viewer", "password": PASSWORD, "next": "/dashboard/partners/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/partners/"


def test_it_switches_to_english_and_back(client, viewer):
    client.force_login(viewer)
    assert '<html lang="vi">' in client.get("/dashboard/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/dashboard/"})
    page = client.get("/dashboard/").content.decode()
    assert '<html lang="en">' in page
    client.post("/i18n/setlang/", {"language": "vi", "next": "/dashboard/"})
    assert '<html lang="vi">' in client.get("/dashboard/").content.decode()


def test_it_loads_no_inline_script_or_style(client, viewer):
    client.force_login(viewer)
    page = client.get("/dashboard/").content.decode()
    assert "<script>" not in page and "<style" not in page and " style=" not in page
