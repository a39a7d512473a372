"""The people list and a person's page on the dashboard: who someone is and every part they play in the records,
each part only for a reader who may view its kind; reached from the header's link and the list, never a 404."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from delegations.models import Delegation
from partners.models import Person
from tests.conftest import count_queries
from tests.pages import document, result_count
from tests.search import row_links

PEOPLE = reverse("dashboard:person-list")


def test_the_header_leads_to_the_people_list_which_searches_sorts_and_exports(logged_in, demo):
    overview = document(logged_in.get(reverse("dashboard:overview")))
    [link] = overview.xpath('//nav//a[normalize-space()="Nhân sự"]/@href')
    listing = logged_in.get(link)
    assert result_count(listing) == Person.objects.count()
    found = logged_in.get(link, {"q": "dinh trung"})
    trung = Person.objects.get(full_name="Nguyễn Đình Trung")
    assert result_count(found) == 1 and row_links(found) == {trung.get_absolute_url()}
    csv = logged_in.get(link, {"q": "dinh trung", "export": "csv"})
    assert "Nguyễn Đình Trung" in b"".join(csv.streaming_content).decode("utf-8-sig")


def test_a_persons_page_names_the_visit_they_received_and_in_what_role(logged_in, demo):
    trung = Person.objects.get(full_name="Nguyễn Đình Trung")
    page = document(logged_in.get(trung.get_absolute_url()))
    assert page.xpath("string(//h1)").strip() == "Nguyễn Đình Trung"
    visit = Delegation.objects.get(title_vi="Ông Kim Seokki thăm và làm việc tại Huế")
    parts = [
        " ".join(item.text_content().split())
        for item in page.xpath('//section[@aria-labelledby="delegations-heading"]//li')
    ]
    assert parts == [f"{visit.title_vi} — Lãnh đạo chủ trì đón tiếp (Phía Huế)"]
    assert page.xpath('//section[@aria-labelledby="delegations-heading"]//a/@href') == [visit.get_absolute_url()]


def test_the_head_named_on_a_delegation_is_shown_as_its_head(logged_in, demo):
    kim = Person.objects.get(full_name="Kim Seokki")
    page = document(logged_in.get(kim.get_absolute_url()))
    [part] = page.xpath('//section[@aria-labelledby="delegations-heading"]//li')
    assert "Trưởng đoàn" in part.text_content()


def test_a_reader_without_the_delegations_permission_sees_the_person_without_them(client, demo):
    reader = get_user_model().objects.create_user("people-only")
    reader.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(reader)
    trung = Person.objects.get(full_name="Nguyễn Đình Trung")
    response = client.get(trung.get_absolute_url())
    assert response.status_code == 200
    assert not document(response).xpath('//section[@aria-labelledby="delegations-heading"]')
    assert client.get(reverse("dashboard:partner-list")).status_code == 403


def test_an_unknown_person_is_a_404_and_a_visitor_is_sent_to_log_in(logged_in, demo):
    assert logged_in.get(reverse("dashboard:person-detail", args=[10**9])).status_code == 404
    assert Client().get(PEOPLE).status_code == 302


def test_a_persons_page_makes_the_same_queries_for_one_visit_as_for_many(logged_in, demo):
    trung = Person.objects.get(full_name="Nguyễn Đình Trung")
    url = trung.get_absolute_url()
    one = count_queries(logged_in, url)
    visit = Delegation.objects.get(title_vi="Ông Kim Seokki thăm và làm việc tại Huế")
    for number in range(5):
        other = Delegation.objects.create(direction=visit.direction, title_vi=f"Đoàn thử {number}", head=trung)
        other.partners.set(visit.partners.all())
    assert count_queries(logged_in, url) == one
