"""Picking an agreement's responsible officer: an editor searches active staff by name through the admin's
autocomplete (as the select box's script asks it) and saves, without any access to user management."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from tests.conftest import admin_change_url
from tests.forms import SAVE, _document, page_form_data


@pytest.fixture
def people(demo, editor, viewer):
    User = get_user_model()
    # As Django's Vietnamese labels ask: "Họ" (last_name) the family name, "Tên" (first_name) the rest.
    return {
        "officer": User.objects.create_user("phucnv", first_name="Văn Phúc", last_name="Nguyễn", is_staff=True),
        "left": User.objects.create_user(
            "hoatt", first_name="Thị Hoa", last_name="Nguyễn", is_staff=True, is_active=False
        ),
        "reader": User.objects.create_user("namlv", first_name="Văn Nam", last_name="Nguyễn", is_staff=False),
        "editor": editor,
    }


@pytest.fixture
def editor_client(people):
    client = Client()
    client.force_login(people["editor"])
    return client


def ask_autocomplete(client, page, field: str, term: str):
    """What the select box of `field` on `page` asks the server when the user types `term`."""
    [select] = _document(page).xpath("//select[@name=$name]", name=field)
    query = {
        "term": term,
        "app_label": select.get("data-app-label"),
        "model_name": select.get("data-model-name"),
        "field_name": select.get("data-field-name"),
    }
    return client.get(select.get("data-ajax--url"), query)


def offered(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return [result["text"] for result in response.json()["results"]]


def test_it_lets_an_editor_pick_an_officer_by_name_and_save(editor_client, people):
    agreement = Agreement.objects.order_by("pk").first()
    page = editor_client.get(admin_change_url(agreement))

    response = ask_autocomplete(editor_client, page, "responsible_officer", "nguyen van phuc")

    assert offered(response) == ["Nguyễn Văn Phúc (phucnv)"]
    data = page_form_data(page, press=SAVE)
    data["responsible_officer"] = response.json()["results"][0]["id"]
    assert editor_client.post(admin_change_url(agreement), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.responsible_officer == people["officer"]


def test_it_offers_only_active_staff(editor_client, people):
    page = editor_client.get(admin_change_url(Agreement.objects.order_by("pk").first()))

    everyone = offered(ask_autocomplete(editor_client, page, "responsible_officer", ""))
    nguyen = offered(ask_autocomplete(editor_client, page, "responsible_officer", "Nguyễn"))

    assert "Nguyễn Văn Phúc (phucnv)" in everyone and "editor" in everyone
    assert not any("hoatt" in text or "namlv" in text or text == "viewer" for text in everyone)
    assert nguyen == ["Nguyễn Văn Phúc (phucnv)"]


def test_it_refuses_a_posted_officer_who_is_not_active_staff(editor_client, people):
    agreement = Agreement.objects.order_by("pk").first()
    data = page_form_data(editor_client.get(admin_change_url(agreement)), press=SAVE)
    for user in (people["left"], people["reader"]):
        data["responsible_officer"] = str(user.pk)
        response = editor_client.post(admin_change_url(agreement), data)
        assert response.status_code == 200
        assert [e.code for e in response.context["adminform"].form.errors.as_data()["responsible_officer"]] == [
            "invalid_choice"
        ]


def test_it_keeps_an_officer_who_has_left_on_an_unchanged_save(editor_client, people):
    agreement = Agreement.objects.order_by("pk").first()
    Agreement.objects.filter(pk=agreement.pk).update(responsible_officer=people["left"])

    data = page_form_data(editor_client.get(admin_change_url(agreement)), press=SAVE)

    assert editor_client.post(admin_change_url(agreement), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.responsible_officer == people["left"]


def test_it_still_keeps_the_editor_out_of_user_management(editor_client, people):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_change", args=[people["officer"].pk])).status_code == 403
    assert editor_client.get(reverse("admin:app_list", args=["auth"])).status_code == 404
    # Another user field, not a staff picker: Django's own rule (auth.view_user) still holds.
    query = {"app_label": "foreignaffairs", "model_name": "apitoken", "field_name": "user", "term": ""}
    assert editor_client.get(reverse("admin:autocomplete"), query).status_code == 403


def test_it_keeps_a_viewer_out_of_the_staff_picker(demo, people):
    client = Client()
    client.force_login(get_user_model().objects.get(username="viewer"))
    query = {"app_label": "agreements", "model_name": "agreement", "field_name": "responsible_officer", "term": ""}
    response = client.get(reverse("admin:autocomplete"), query)
    assert response.status_code == 302  # not staff: the admin sends them to its login page
