"""Who may open the dashboards: viewers and above; anonymous users are sent to log in; others get 403."""

import pytest
from django.contrib.auth import get_user_model

from agreements.models import Agreement
from delegations.models import Delegation
from partners.models import Partner

LIST_PAGES = [
    "/dashboard/",
    "/dashboard/partners/",
    "/dashboard/agreements/",
    "/dashboard/reviews/",
    "/dashboard/delegations/",
    "/dashboard/calendar/",
]


def detail_pages():
    return [
        Partner.objects.get(name_en="Gyeongju").get_absolute_url(),
        Agreement.objects.get(title_en__contains="Gyeongju").get_absolute_url(),
        Delegation.objects.get(title_en__contains="Kim Seokki").get_absolute_url(),
    ]


def test_it_redirects_root_to_the_overview(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_it_sends_anonymous_users_to_log_in(client, demo):
    for url in LIST_PAGES + detail_pages() + ["/dashboard/agreements/?export=csv"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next=/dashboard/"), url


def test_it_refuses_a_user_without_a_role(client, demo):
    outsider = get_user_model().objects.create_user("outsider", password="x-long-password-1")
    client.force_login(outsider)
    for url in LIST_PAGES + detail_pages():
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["viewer", "editor", "reviewer", "administrator"])
def test_it_opens_every_page_for_each_role(client, demo, role_users, role):
    client.force_login(role_users[role])
    for url in LIST_PAGES + detail_pages():
        assert client.get(url).status_code == 200, url


def test_it_shows_the_edit_link_only_to_those_who_may_change(client, demo, viewer, editor):
    agreement = Agreement.objects.get(title_en__contains="Gyeongju")
    admin_url = f"/admin/agreements/agreement/{agreement.pk}/change/"
    client.force_login(viewer)
    assert admin_url not in client.get(agreement.get_absolute_url()).content.decode()
    client.force_login(editor)
    assert admin_url in client.get(agreement.get_absolute_url()).content.decode()


def test_it_answers_404_for_a_missing_record(client, viewer):
    client.force_login(viewer)
    assert client.get("/dashboard/agreements/999999/").status_code == 404
