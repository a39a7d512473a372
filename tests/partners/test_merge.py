"""Merging two records of one partner or one person (partners.merge), from the admin's list as an administrator does
it: tick both, pick "Gộp hai bản ghi trùng nhau", choose on the next page the one that stays."""

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement
from delegations.choices import DelegationStatus, Direction, MemberRole
from delegations.models import Delegation, DelegationMember, FollowUpAction
from foreignaffairs.search.matching import search_filter
from partners.choices import Side
from partners.merge import merge
from partners.models import Country, FieldOfCooperation, Partner, Person
from projects.choices import ProjectKind
from projects.models import Project
from tests.conftest import admin_change_url, admin_url
from tests.forms import page_form_data
from tests.pages import document

ACTION = "merge_selected"


def merge_page(client, model, records):
    """The list with both records ticked and the merge picked, "Thực hiện" pressed: the confirmation page."""
    listing = client.get(admin_url(model, "changelist"))
    assert ACTION in document(listing).xpath('//select[@name="action"]/option/@value')
    data = page_form_data(listing, press=("index", "0"), form_id="changelist-form")
    data.update({"_selected_action": [str(record.pk) for record in records], "action": ACTION})
    return client.post(admin_url(model, "changelist"), data)


def confirm(client, model, page, kept):
    data = page_form_data(page, form_id="merge-form")
    data["keep"] = str(kept.pk)
    return client.post(admin_url(model, "changelist"), data)


@pytest.fixture
def administrating(client, demo, administrator):
    client.force_login(administrator)
    return client


def agreement(title: str, **links) -> Agreement:
    made = Agreement.objects.create(title_vi=title, kind=AgreementKind.COOPERATION, status=AgreementStatus.SIGNED)
    for name, records in links.items():
        getattr(made, name).set(records)
    return made


def delegation(title: str, **fields) -> Delegation:
    return Delegation.objects.create(
        title_vi=title, direction=Direction.INBOUND, status=DelegationStatus.PROPOSED, **fields
    )


def test_merging_two_partners_moves_every_link_to_the_one_that_stays_and_keeps_both_histories(
    administrating, administrator
):
    korea = Country.objects.get(code="KR")
    kept = Partner.objects.get(name_vi="Tỉnh Chungcheongnam")
    merged = Partner.objects.create(
        kind="province", name_vi="Tinh Chungcheong Nam", country=korea, website="https://www.chungnam.go.kr"
    )
    tourism, health = FieldOfCooperation.objects.filter(code__in=["culture-tourism", "health"]).order_by("code")
    kept.fields.add(tourism)
    merged.fields.set([tourism, health])
    own = agreement("Biên bản hợp tác văn hóa", partners=[merged])
    both = Agreement.objects.get(partners=kept)  # the demo's August 2025 agreement: both become its parties
    both.partners.add(merged)
    visit = delegation("Đoàn tỉnh Chungcheongnam thăm Huế")
    visit.partners.set([merged])
    project = Project.objects.create(kind=ProjectKind.ODA_GRANT, title_vi="Dự án thử", partner=merged, channel=merged)
    child = Partner.objects.create(kind="city", name_vi="Thành phố Cheonan", country=korea, parent=merged)
    contact = Person.objects.create(full_name="Kim Cheol-su", partner=merged)
    merged_history = list(merged.history.values_list("history_id", flat=True))

    page = merge_page(administrating, Partner, [kept, merged])
    assert page.status_code == 200
    headers = [th.text_content() for th in document(page).xpath("//table[@class='merge-records-table']//thead//th")]
    assert "Tỉnh Chungcheongnam" in headers[1] and "Tinh Chungcheong Nam" in headers[2]
    rows = {
        tr.xpath("./th")[0].text_content().strip(): [td.text_content().strip() for td in tr.xpath("./td")]
        for tr in document(page).xpath("//table[@class='merge-records-table']//tbody/tr")
    }
    assert rows["Thỏa thuận"] == ["1", "2"] and rows["Lĩnh vực hợp tác"] == ["1", "2"]
    # The health summary is computed from the links, not one of them: rebuilt after the merge, never shown.
    assert not [label for label in rows if "mức độ hoạt động" in label.lower() or "contact" in label.lower()]
    done = confirm(administrating, Partner, page, kept)

    assert done.status_code == 302 and done["Location"] == admin_change_url(kept)
    assert not Partner.objects.filter(pk=merged.pk).exists()
    kept.refresh_from_db()
    project.refresh_from_db()
    assert list(own.partners.all()) == [kept]
    assert list(both.partners.all()) == [kept], "a link both had is kept once"
    assert list(visit.partners.all()) == [kept]
    assert (project.partner, project.channel) == (kept, kept)
    assert Partner.objects.get(pk=child.pk).parent == kept
    assert Person.objects.get(pk=contact.pk).partner == kept
    assert set(kept.fields.all()) == {tourism, health}
    assert kept.website == "https://www.chungnam.go.kr", "a field the kept record left blank is filled in"
    # Both histories: the merged record's rows are all there, and its deletion says where it went.
    deletion = Partner.history.filter(id=merged.pk).latest()
    assert set(Partner.history.filter(id=merged.pk).values_list("history_id", flat=True)) == {
        *merged_history,
        deletion.history_id,
    }
    assert (deletion.history_type, deletion.history_user, deletion.history_change_reason) == (
        "-",
        administrator,
        f"Đã gộp vào #{kept.pk} “Tỉnh Chungcheongnam”",
    )
    assert kept.history.latest().history_change_reason == f"Đã gộp #{merged.pk} “Tinh Chungcheong Nam” vào bản ghi này"
    assert project.history.latest().history_change_reason.startswith(f"Gộp #{merged.pk} “Tinh Chungcheong Nam”")
    log = LogEntry.objects.filter(object_id=str(kept.pk), action_flag=CHANGE).latest("action_time")
    assert "Đã gộp “Tinh Chungcheong Nam” vào “Tỉnh Chungcheongnam”" in log.get_change_message()
    assert LogEntry.objects.filter(object_id=str(merged.pk), action_flag=DELETION).exists()
    # What links the kept record is found by its names now.
    assert own in search_filter(Agreement.objects.all(), "chungcheongnam province")


def test_merging_two_people_moves_their_signatures_memberships_and_follow_ups(administrating):
    kept = Person.objects.get(full_name="Nguyễn Đình Trung")
    merged = Person.objects.create(full_name="Nguyen Dinh Trung", email="trung@hue.gov.vn")
    signed = agreement("Thỏa thuận ký bởi bản ghi trùng", signatories=[merged])
    both_signed = agreement("Thỏa thuận cả hai cùng ký", signatories=[kept, merged])
    visit = Delegation.objects.get(members__person=kept)  # Kim Seokki's visit: he received it
    DelegationMember.objects.create(delegation=visit, person=merged, side=Side.HUE, role=MemberRole.ATTENDEE)
    headed = delegation("Đoàn do bản ghi trùng dẫn đầu", head=merged)
    attended = delegation("Đoàn bản ghi trùng tham dự")
    member = DelegationMember.objects.create(delegation=attended, person=merged, side=Side.HUE)
    follow_up = FollowUpAction.objects.create(delegation=visit, description="Gửi thư cảm ơn", owner=merged)

    page = merge_page(administrating, Person, [merged, kept])
    done = confirm(administrating, Person, page, kept)

    assert done.status_code == 302
    assert not Person.objects.filter(pk=merged.pk).exists()
    assert list(signed.signatories.all()) == [kept] and list(both_signed.signatories.all()) == [kept]
    assert list(visit.members.filter(person=kept).values_list("role", flat=True)) == [MemberRole.RECEIVING_LEADER]
    assert visit.members.count() == 4, "the merged record's row in a delegation the kept one is in is dropped"
    assert Delegation.objects.get(pk=headed.pk).head == kept
    member.refresh_from_db()
    assert member.person == kept and member.history.latest().history_type == "~"
    assert FollowUpAction.objects.get(pk=follow_up.pk).owner == kept
    assert Person.objects.get(pk=kept.pk).email == "trung@hue.gov.vn"


def test_only_administrators_may_merge(client, demo, editor):
    client.force_login(editor)
    records = [Person.objects.get(full_name="Nguyễn Đình Trung"), Person.objects.create(full_name="Nguyen Dinh Trung")]
    listing = client.get(admin_url(Person, "changelist"))
    assert ACTION not in document(listing).xpath('//select[@name="action"]/option/@value')
    # What a page an administrator opened would post, sent by the editor.
    data = page_form_data(listing, form_id="changelist-form")
    data.update({"_selected_action": [str(record.pk) for record in records], "action": ACTION, "index": "0"})
    data.update({"apply": "yes"})
    data["keep"] = str(records[0].pk)

    client.post(admin_url(Person, "changelist"), data)

    assert Person.objects.filter(pk__in=[record.pk for record in records]).count() == 2


def test_a_merge_makes_as_many_queries_for_many_links_as_for_one(demo, administrator):
    korea = Country.objects.get(code="KR")

    def queries(links: int) -> int:
        kept, merged = (
            Partner.objects.create(kind="city", name_vi=f"Thành phố {name} {links}", country=korea)
            for name in ("Giữ", "Gộp")
        )
        for i in range(links):
            agreement(f"Thỏa thuận {links}-{i}", partners=[merged])
            Project.objects.create(kind=ProjectKind.FDI, title_vi=f"Dự án {links}-{i}", partner=merged)
            Person.objects.create(full_name=f"Người {links}-{i}", partner=merged)
        with CaptureQueriesContext(connection) as captured:
            merge(kept, merged, administrator)
        assert kept.contacts.count() == links
        return len(captured)

    assert queries(1) == queries(6)
