"""The daily reminder digest: one email per officer, what it says, once a day, in a fixed number of queries."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from agreements.choices import AgreementStatus
from agreements.models import Agreement
from delegations.models import Delegation, FollowUpAction
from foreignaffairs.models import ReminderDigest
from foreignaffairs.reminders.digest import build_digests, send_reminders
from partners.models import Partner, Person

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _officer(username: str, email: str):
    return get_user_model().objects.create_user(
        username, email=email, first_name="Lan", last_name="Nguyễn Thị", is_staff=True
    )


def _agreement(officer, title: str, status: str = AgreementStatus.IN_EFFECT, **fields) -> Agreement:
    return Agreement.objects.create(
        title_vi=title, kind="cooperation", status=status, responsible_officer=officer, **fields
    )


def _in(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture
def lan(demo):
    """An officer with something in every section of the digest, and a few things that must stay out of it."""
    lan = _officer("lan", "lan@songoaivu.hue.gov.vn")
    gyeongju = Partner.objects.get(name_en="Gyeongju")
    followed = _agreement(lan, "Hợp tác với Gyeongju", reference_number="12/TTHT", expires_on=_in(5))
    followed.partners.add(gyeongju)
    _agreement(lan, "Hợp tác du lịch", expires_on=_in(20))
    _agreement(lan, "Hợp tác giáo dục", expires_on=_in(80))
    _agreement(lan, "Hợp tác y tế", expires_on=_in(120))  # beyond 90 days
    _agreement(lan, "Đã chấm dứt", status=AgreementStatus.TERMINATED, expires_on=_in(3))  # not alive
    # next_review_on follows from the signing: 12 months after it.
    _agreement(lan, "Rà soát quá hạn", signed_on="2025-10-01", open_ended=True)
    _agreement(lan, "Rà soát sắp đến", signed_on="2025-12-10", open_ended=True)
    _agreement(lan, "Rà soát còn xa", signed_on="2026-06-01", open_ended=True)

    visit = Delegation.objects.create(
        direction="inbound", title_vi="Đoàn thành phố Gyeongju thăm Huế", starts_on=_in(7).isoformat()
    )
    visit.partners.add(gyeongju)
    later = Delegation.objects.create(direction="inbound", title_vi="Đoàn tháng sau", starts_on=_in(30).isoformat())
    later.partners.add(gyeongju)
    unrelated = Delegation.objects.create(direction="outbound", title_vi="Đoàn đi Fukui", starts_on=_in(3).isoformat())
    unrelated.partners.add(Partner.objects.get(name_en__icontains="Fukui"))

    owner = Person.objects.create(full_name="Nguyễn Thị Lan", email="LAN@songoaivu.hue.gov.vn")
    FollowUpAction.objects.create(
        delegation=visit, description="Gửi thư cảm ơn đoàn Gyeongju", owner=owner, due_on=_in(-2)
    )
    FollowUpAction.objects.create(delegation=visit, description="Chưa đến hạn", owner=owner, due_on=_in(2))
    return lan


def test_it_sends_one_digest_with_every_section(lan):
    report = send_reminders(TODAY)

    assert len(report.sent) == 1
    [message] = mail.outbox
    assert message.to == ["lan@songoaivu.hue.gov.vn"]
    assert message.subject == "[Sở Ngoại vụ Huế] Nhắc việc ngày 24/11/2026: 7 việc cần theo dõi"
    assert message.body == (
        "Kính gửi Lan Nguyễn Thị,\n"
        "\n"
        "Các việc anh/chị phụ trách cần theo dõi, tính đến ngày 24/11/2026:\n"
        "\n"
        "Thỏa thuận hết hiệu lực trong 7 ngày tới\n"
        "  - [12/TTHT] Hợp tác với Gyeongju — hết hiệu lực ngày 29/11/2026 (còn 5 ngày)\n"
        "\n"
        "Thỏa thuận hết hiệu lực trong 30 ngày tới\n"
        "  - Hợp tác du lịch — hết hiệu lực ngày 14/12/2026 (còn 20 ngày)\n"
        "\n"
        "Thỏa thuận hết hiệu lực trong 90 ngày tới\n"
        "  - Hợp tác giáo dục — hết hiệu lực ngày 12/02/2027 (còn 80 ngày)\n"
        "\n"
        "Rà soát quá hạn\n"
        "  - Rà soát quá hạn — hạn rà soát 01/10/2026 (quá 54 ngày)\n"
        "\n"
        "Rà soát đến hạn trong 30 ngày tới\n"
        "  - Rà soát sắp đến — hạn rà soát 10/12/2026\n"
        "\n"
        "Đoàn bắt đầu trong 14 ngày tới\n"
        "  - Đoàn thành phố Gyeongju thăm Huế (Đoàn vào) — bắt đầu 01/12/2026\n"
        "\n"
        "Việc cần theo dõi đã quá hạn\n"
        "  - Gửi thư cảm ơn đoàn Gyeongju (đoàn: Đoàn thành phố Gyeongju thăm Huế) — hạn 22/11/2026\n"
        "\n"
        "Thư này do hệ thống quản lý đối ngoại gửi tự động mỗi ngày một lần.\n"
    )
    digest = ReminderDigest.objects.get()
    assert (digest.recipient, digest.sent_on, digest.body) == (lan, TODAY, message.body)


def test_it_writes_the_digest_as_plain_text_in_the_site_language(db):
    """Titles as typed, never HTML-escaped; several items in one section in date order; the site's language even
    when the caller has another one active (a shell or a cron job may run in English)."""
    hoa = _officer("hoa", "hoa@songoaivu.hue.gov.vn")
    _agreement(hoa, 'Hợp tác "R&D" <Huế>', reference_number="7/HT-SNgV", expires_on=_in(60))
    _agreement(hoa, "Hợp tác văn hóa", expires_on=_in(31))
    _agreement(hoa, "Hợp tác cảng Chân Mây", signed_on="2025-11", open_ended=True)

    with translation.override("en"):
        [digest] = build_digests(TODAY)
        body = digest.body(TODAY)

    assert body == (
        "Kính gửi Lan Nguyễn Thị,\n"
        "\n"
        "Các việc anh/chị phụ trách cần theo dõi, tính đến ngày 24/11/2026:\n"
        "\n"
        "Thỏa thuận hết hiệu lực trong 90 ngày tới\n"
        "  - Hợp tác văn hóa — hết hiệu lực ngày 25/12/2026 (còn 31 ngày)\n"
        '  - [7/HT-SNgV] Hợp tác "R&D" <Huế> — hết hiệu lực ngày 23/01/2027 (còn 60 ngày)\n'
        "\n"
        "Rà soát đến hạn trong 30 ngày tới\n"
        "  - Hợp tác cảng Chân Mây — hạn rà soát 11/2026\n"
        "\n"
        "Thư này do hệ thống quản lý đối ngoại gửi tự động mỗi ngày một lần.\n"
    )


def test_it_sends_no_second_digest_the_same_day(lan):
    send_reminders(TODAY)
    again = send_reminders(TODAY)

    assert len(mail.outbox) == 1
    assert (again.sent, again.already_sent) == ([], [lan])
    assert ReminderDigest.objects.count() == 1


def test_it_sends_again_the_next_day(lan):
    send_reminders(TODAY)
    send_reminders(TODAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2


def test_each_officer_gets_only_their_own(lan):
    minh = _officer("minh", "minh@songoaivu.hue.gov.vn")
    _agreement(minh, "Việc của Minh", expires_on=_in(10))

    send_reminders(TODAY)

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert set(bodies) == {"lan@songoaivu.hue.gov.vn", "minh@songoaivu.hue.gov.vn"}
    assert "Việc của Minh" in bodies["minh@songoaivu.hue.gov.vn"]
    assert "Việc của Minh" not in bodies["lan@songoaivu.hue.gov.vn"]
    assert "Gyeongju" not in bodies["minh@songoaivu.hue.gov.vn"]


def test_it_sends_nothing_to_an_officer_with_nothing_due(demo):
    quiet = _officer("quiet", "quiet@songoaivu.hue.gov.vn")
    _agreement(quiet, "Còn lâu mới hết hạn", expires_on=_in(400))

    assert send_reminders(TODAY).sent == []
    assert mail.outbox == []


def test_it_skips_an_officer_without_an_email_and_says_so(demo):
    nameless = _officer("noemail", "")
    _agreement(nameless, "Sắp hết hạn", expires_on=_in(3))

    report = send_reminders(TODAY)

    assert (report.sent, report.without_email) == ([], [nameless])
    assert not ReminderDigest.objects.exists()


# Reading every officer's digest, whatever the number of agreements, delegations and follow-ups:
#   1  agreements expiring within 90 days, with their officer
#   2  agreements past their review deadline, with their officer
#   3  agreements due for review within 30 days, with their officer
#   4  the partners of agreements in force, with each agreement's officer
#   5  those partners' links to delegations starting within 14 days, with the delegation
#   6  follow-ups past due whose owner has an email, with the owner and the delegation
#   7  commitments of agreements past due or due soon, with the owner and the agreement's officer
#   8  the users not met above: officers of those delegations, follow-up and commitment owners by email
# (5 is skipped when no agreement in force has an active officer, 8 when there is nobody to look for.)
DIGEST_QUERIES = 8


def test_it_reads_everything_in_a_fixed_number_of_queries(lan, django_assert_num_queries):
    with django_assert_num_queries(DIGEST_QUERIES):
        build_digests(TODAY)
    gyeongju = Partner.objects.get(name_en="Gyeongju")
    for number in range(10):
        agreement = _agreement(lan, f"Thêm {number}", expires_on=_in(number + 1), signed_on="2025-10-01")
        agreement.partners.add(gyeongju)
        visit = Delegation.objects.create(
            direction="inbound", title_vi=f"Đoàn thêm {number}", starts_on=_in(number + 1).isoformat()
        )
        visit.partners.add(gyeongju)
        owner = Person.objects.create(full_name=f"Người thêm {number}", email=f"them{number}@songoaivu.hue.gov.vn")
        _officer(f"them{number}", owner.email)
        FollowUpAction.objects.create(delegation=visit, description="Gửi thư", owner=owner, due_on=_in(-1))
    with django_assert_num_queries(DIGEST_QUERIES):
        digests = build_digests(TODAY)
    assert len(digests) == 11  # lan and the ten follow-up owners: the more rows, the same queries


def test_the_command_sends_the_digest_once(lan, capsys):
    call_command("send_reminders", "--today", "24/11/2026")
    call_command("send_reminders", "--today", "24/11/2026")

    assert len(mail.outbox) == 1
    output = capsys.readouterr().out
    assert "Đã gửi 1 thư nhắc việc; 0 người đã nhận thư hôm nay." in output
    assert "Đã gửi 0 thư nhắc việc; 1 người đã nhận thư hôm nay." in output
