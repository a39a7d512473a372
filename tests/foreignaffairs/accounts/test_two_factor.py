"""Two-factor login (foreignaffairs.accounts.two_factor), walked through the pages as a person meets them: the
password, then the code page before anything else; enrolment with the QR code and the secret written out; backup
codes; editors and viewers, who may choose; an administrator's reset from the person's user page.

Every form is posted as the page renders it (the button a person presses, the hidden `next` it carries), and every
code is the one an authenticator app would show (RFC 6238, computed here with the standard library) for a secret
read on the page, or, for the people the fixtures enrolled, for their device (tests.conftest.code_for).
"""

import hashlib
import hmac
import struct
import time
from base64 import b32decode
from datetime import timedelta
from urllib.parse import urlencode, urljoin

import lxml.html
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, AgreementDocument
from foreignaffairs.accounts.two_factor import policy
from tests.conftest import PASSWORD, admin_change_url, admin_url, code_for

CODE_PAGE = reverse("two_factor:verify")
ENROL_PAGE = reverse("two_factor:enrol")
WRONG_CODE = "Mã không đúng."
WRONG_FIRST_CODE = "Mã chưa khớp."
THROTTLED = "Đã nhập sai nhiều lần. Hãy đợi một lát rồi thử lại."
API_REFUSAL = "Cần nhập mã xác thực hai lớp trên trang đăng nhập trước khi dùng API."
CONFIRM = "Xác nhận"
RESET = "Đặt lại xác thực hai lớp"


# --- What a person does on a page ---------------------------------------------------------------------------------


def _document(response):
    return lxml.html.document_fromstring(response.content, parser=lxml.html.HTMLParser(encoding="utf-8"))


def press(client, response, button: str, **typed: str):
    """Fill in the form holding the button labelled `button` and press it: what the form holds as rendered (its
    hidden `next`, the CSRF token), the fields typed into, posted where the form posts.

    tests.forms finds the admin's forms by their save button; the login and code forms have none, so a person's
    way is taken: the button they press.
    """
    path = "//form[.//button[normalize-space()=$label] or .//input[@type='submit' and @value=$label]]"
    forms = _document(response).xpath(path, label=button)
    assert len(forms) == 1, f"expected one form with the button {button!r}, found {len(forms)}"
    fields = set(forms[0].xpath(".//input[not(@type='hidden')]/@name"))
    assert set(typed) <= fields, f"the form has no field {set(typed) - fields} to type into"
    data = dict(forms[0].form_values())
    here = response.wsgi_request.get_full_path()
    return client.post(urljoin(here, forms[0].get("action") or here), {**data, **typed})


def link(response, text: str) -> str:
    """Where the link reading `text` on the page goes."""
    [href] = _document(response).xpath("//a[normalize-space()=$text]/@href", text=text)
    return href


def follow(client, response):
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"])


def sent_to_code_page(response, next_url: str) -> bool:
    return (
        response.status_code == 302 and response["Location"] == f"{CODE_PAGE}?{urlencode({'next': next_url}, safe='/')}"
    )


def log_in(client, username: str, next_url: str = "/admin/"):
    """The password on the site's login page; returns the page the person then lands on (after the redirects)."""
    login_page = client.get(f"{reverse('login')}?{urlencode({'next': next_url})}")
    response = press(client, login_page, "Đăng nhập", username=username, password=PASSWORD)
    assert response.status_code == 302, "the password was refused"
    return client.get(response["Location"], follow=True)


def log_out(client) -> None:
    client.post(reverse("logout"))


def hidden_next(response) -> str:
    [value] = _document(response).xpath("//form[.//input[@name='code']]//input[@name='next']/@value")
    return value


# --- What the person's authenticator app shows --------------------------------------------------------------------


def app_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for `secret` (RFC 6238: HMAC-SHA1 of the 30-second step, 6 digits)."""
    step = int((time.time() if at is None else at) // 30)
    digest = hmac.new(b32decode(secret), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def wrong_code(device: TOTPDevice) -> str:
    """Six digits the device accepts at no step near now: a mistyped code, never a lucky one."""
    near = {totp(device.bin_key, device.step, device.t0, device.digits, device.drift + d) for d in range(-2, 3)}
    return next(f"{number:06d}" for number in range(1_000_000) if number not in near)


def secret_on(response) -> str:
    """The secret the enrolment page writes out for a person who cannot scan, as they would type it."""
    groups = _document(response).get_element_by_id("secret-key").text_content().split()
    assert all(len(group) == 4 for group in groups[:-1]), groups
    return "".join(groups)


def backup_codes_on(response) -> list[str]:
    return [code.strip() for code in _document(response).xpath("//ol[@id='backup-codes']/li//text()") if code.strip()]


# --- Fixtures -----------------------------------------------------------------------------------------------------


@pytest.fixture(params=["reviewer", "administrator", "superuser"])
def guarded(request):
    """Each kind of person who must give a code: a reviewer, an administrator, a superuser (all enrolled)."""
    return request.getfixturevalue(request.param)


def newcomer(username: str, role: str):
    """A staff member of `role` who has never enrolled a second factor (a new account, or one just reset)."""
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=role != "viewer")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def document(db, tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    agreement = Agreement.objects.create(
        title_vi="Thỏa thuận hữu nghị Huế – Gyeongju", kind=AgreementKind.FRIENDSHIP, status=AgreementStatus.SIGNED
    )
    document = AgreementDocument(agreement=agreement, kind=AgreementDocument._meta.get_field("kind").choices[0][0])
    document.file.save("ban-ky.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return document


def throttle_wait_passes(user) -> None:
    """As if the wait django-otp asks after the last wrong code went by (a test cannot sleep for minutes).

    Even one wrong code makes the device refuse any code for a second; a person takes longer to type the next.
    """
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(
            throttling_failure_timestamp=F("throttling_failure_timestamp") - timedelta(days=1)
        )


# --- The code, asked after the password ---------------------------------------------------------------------------


def test_it_asks_for_the_code_before_every_page_then_lands_where_the_person_was_going(client, guarded, document):
    code_page = log_in(client, guarded.get_username(), next_url="/admin/")
    assert code_page.redirect_chain == [(f"{CODE_PAGE}?next=/admin/", 302)]
    assert "Nhập mã xác thực" in code_page.text

    pages = ["/admin/", "/dashboard/", reverse("document-download", args=[document.pk]), "/dashboard/partners/"]
    for url in pages:
        assert sent_to_code_page(client.get(url), url), url
    api = client.get("/api/v1/partners/")
    assert api.status_code == 403
    assert api.json() == {"detail": API_REFUSAL}

    refused = press(client, code_page, CONFIRM, code=wrong_code(guarded.otp_device))
    assert refused.status_code == 200
    assert WRONG_CODE in refused.text
    assert hidden_next(refused) == "/admin/"
    assert sent_to_code_page(client.get("/dashboard/"), "/dashboard/")

    throttle_wait_passes(guarded)
    landed = press(client, refused, CONFIRM, code=code_for(guarded.otp_device))
    assert landed.status_code == 302
    assert landed["Location"] == "/admin/"
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert client.get("/api/v1/partners/").status_code == 200


def test_the_code_page_offers_no_way_around_it(client, reviewer):
    code_page = log_in(client, "reviewer", next_url="/dashboard/")
    # Every page would lead back to the code: the header shows no navigation, only the language and logging out.
    assert not _document(code_page).xpath("//header//nav | //header//a[@href='/dashboard/partners/']")
    assert not _document(code_page).xpath(
        "//a[normalize-space()='Trang quản trị' or normalize-space()='Xác thực hai lớp']"
    )
    assert _document(code_page).xpath("//header//button[normalize-space()='Đăng xuất']")


def test_it_refuses_a_code_already_used(client, reviewer):
    code = code_for(reviewer.otp_device)
    assert press(client, log_in(client, "reviewer"), CONFIRM, code=code)["Location"] == "/admin/"
    log_out(client)

    # Someone who saw the code typed, and has the password.
    refused = press(client, log_in(client, "reviewer"), CONFIRM, code=code)
    assert WRONG_CODE in refused.text
    assert sent_to_code_page(client.get("/admin/"), "/admin/")
    throttle_wait_passes(reviewer)
    # The app's next code is still good.
    assert press(client, refused, CONFIRM, code=code_for(reviewer.otp_device))["Location"] == "/admin/"


def test_it_holds_the_throttle_after_repeated_wrong_codes_in_any_browser(client, reviewer):
    backup_code = policy.new_backup_codes(reviewer)[0]
    code_page = log_in(client, "reviewer")
    for _attempt in range(3):
        assert WRONG_CODE in press(client, code_page, CONFIRM, code=wrong_code(reviewer.otp_device)).text
        throttle_wait_passes(reviewer)
    assert WRONG_CODE in press(client, code_page, CONFIRM, code=wrong_code(reviewer.otp_device)).text

    # Four wrong codes in a row: for 8 seconds even the right code is refused, saying only why.
    refused = press(client, code_page, CONFIRM, code=code_for(reviewer.otp_device))
    assert THROTTLED in refused.text
    assert sent_to_code_page(client.get("/admin/"), "/admin/")
    # Nor does another browser, with the password, start afresh: the count is the device's.
    other = client.__class__()
    other_code_page = log_in(other, "reviewer")
    assert THROTTLED in press(other, other_code_page, CONFIRM, code=code_for(reviewer.otp_device)).text

    # Wrong authenticator codes do not count against the backup codes, kept for a lost phone.
    assert press(other, other_code_page, CONFIRM, code=backup_code)["Location"] == "/admin/"

    throttle_wait_passes(reviewer)
    assert press(client, code_page, CONFIRM, code=code_for(reviewer.otp_device))["Location"] == "/admin/"
    reviewer.otp_device.refresh_from_db()
    assert reviewer.otp_device.throttling_failure_count == 0


def test_it_logs_each_code_given_and_refused(client, reviewer, security_log):
    code_page = log_in(client, "reviewer")
    press(client, code_page, CONFIRM, code=wrong_code(reviewer.otp_device))
    throttle_wait_passes(reviewer)
    press(client, code_page, CONFIRM, code=code_for(reviewer.otp_device))
    assert [line.split(" address=")[0] for line in security_log] == [
        "login user='reviewer'",
        "two-factor-failed user='reviewer'",
        "two-factor-verified user='reviewer'",
    ]


# --- Enrolment, and backup codes ----------------------------------------------------------------------------------


def enrol(client, page) -> tuple[str, list[str]]:
    """On the enrolment page: type the app's first code, and read the backup codes shown next."""
    secret = secret_on(page)
    codes_page = follow(client, press(client, page, CONFIRM, code=app_code(secret)))
    return secret, backup_codes_on(codes_page)


def test_it_sends_a_reviewer_who_has_not_enrolled_to_enrol_then_shows_backup_codes_once(client, db):
    reviewer = newcomer("reviewer", "reviewer")
    page = log_in(client, "reviewer", next_url="/admin/")
    assert page.redirect_chain[-1] == (f"{ENROL_PAGE}?next=%2Fadmin%2F", 302)
    assert "Tài khoản này có quyền phê duyệt hoặc quản trị" in page.text
    [qr_code] = _document(page).xpath("//img[@alt='Mã QR để thêm tài khoản vào ứng dụng xác thực']/@src")
    assert qr_code.startswith("data:image/svg+xml")
    secret = secret_on(page)
    assert len(secret) == 32  # 160 bits, as RFC 4226 recommends
    assert sent_to_code_page(client.get("/dashboard/"), "/dashboard/")

    refused = press(client, page, CONFIRM, code=app_code(secret, at=time.time() - 300))
    assert refused.status_code == 200
    assert WRONG_FIRST_CODE in refused.text
    # The secret the person has just scanned stays the one asked for: a typo does not make them scan again.
    assert secret_on(refused) == secret
    assert not TOTPDevice.objects.filter(user=reviewer).exists()

    confirmed = press(client, refused, CONFIRM, code=app_code(secret))
    assert confirmed["Location"] == f"{reverse('two_factor:backup-codes')}?next=%2Fadmin%2F"
    codes_page = follow(client, confirmed)
    codes = backup_codes_on(codes_page)
    assert len(codes) == len(set(codes)) == 10
    assert client.get(link(codes_page, "Đã ghi lại, tiếp tục")).status_code == 200
    assert client.get("/dashboard/").status_code == 200

    # The codes are shown once: whoever opens the page again later sees none.
    again = client.get(reverse("two_factor:backup-codes"), follow=True)
    assert again.redirect_chain == [(reverse("two_factor:manage"), 302)]
    assert not any(code in again.text for code in codes)
    assert "Còn 10 mã dự phòng chưa dùng." in again.text


def test_it_takes_a_backup_code_once_instead_of_the_app_code(client, db):
    reviewer = newcomer("reviewer", "reviewer")
    _secret, codes = enrol(client, log_in(client, "reviewer"))
    log_out(client)

    # Read off paper: capitals and a space are the reader's, not the code's.
    typed = f"{codes[3][:4].upper()} {codes[3][4:].upper()}"
    assert press(client, log_in(client, "reviewer", "/dashboard/"), CONFIRM, code=typed)["Location"] == "/dashboard/"
    log_out(client)

    refused = press(client, log_in(client, "reviewer"), CONFIRM, code=codes[3])
    assert WRONG_CODE in refused.text
    throttle_wait_passes(reviewer)
    assert press(client, refused, CONFIRM, code=codes[4])["Location"] == "/admin/"
    assert "Còn 8 mã dự phòng chưa dùng." in client.get(reverse("two_factor:manage")).text


def test_the_code_that_confirmed_the_app_cannot_log_in(client, db):
    reviewer = newcomer("reviewer", "reviewer")
    page = log_in(client, "reviewer")
    secret = secret_on(page)
    first = app_code(secret)
    press(client, page, CONFIRM, code=first)
    log_out(client)

    code_page = log_in(client, "reviewer")
    assert WRONG_CODE in press(client, code_page, CONFIRM, code=first).text
    throttle_wait_passes(reviewer)
    # The app's next code is accepted (django-otp allows one step ahead).
    assert press(client, code_page, CONFIRM, code=app_code(secret, at=time.time() + 30))["Location"] == "/admin/"


# --- Editors and viewers ------------------------------------------------------------------------------------------


def test_it_does_not_ask_an_editor_or_a_viewer(client, editor, viewer):
    page = log_in(client, "editor", next_url="/admin/")
    assert page.status_code == 200 and page.redirect_chain == []
    log_out(client)
    page = log_in(client, "viewer", next_url="/dashboard/")
    assert page.status_code == 200 and page.redirect_chain == []
    assert client.get("/api/v1/partners/").status_code == 200


def test_an_editor_may_enrol_from_their_own_page_and_is_then_asked(client, editor):
    dashboard = log_in(client, "editor", next_url="/dashboard/")
    # Reached from the header of every page, as the admin is for staff.
    assert link(dashboard, "Trang quản trị") == "/admin/"
    own_page = client.get(link(dashboard, "Xác thực hai lớp"))
    assert "Chưa bật." in own_page.text
    assert "không bắt buộc" in own_page.text
    enrol_page = client.get(link(own_page, "Bật xác thực hai lớp"))
    assert "Sau khi bật, mỗi lần đăng nhập cần thêm một mã" in enrol_page.text
    secret, codes = enrol(client, enrol_page)
    assert len(codes) == 10
    log_out(client)

    code_page = log_in(client, "editor", next_url="/admin/")
    assert code_page.redirect_chain[-1] == (f"{CODE_PAGE}?next=/admin/", 302)
    assert sent_to_code_page(client.get("/dashboard/"), "/dashboard/")
    assert press(client, code_page, CONFIRM, code=app_code(secret, at=time.time() + 30))["Location"] == "/admin/"


# --- A password alone never replaces a device ---------------------------------------------------------------------


def test_the_password_alone_cannot_replace_an_enrolled_device(client, reviewer):
    device = reviewer.otp_device
    key = device.key
    backup_codes = policy.new_backup_codes(reviewer)
    log_in(client, "reviewer")

    for url in [ENROL_PAGE, reverse("two_factor:manage")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(f"{CODE_PAGE}?next="), url
    # Posting a code for a secret of one's own choosing, without ever seeing the enrolment page.
    forged = client.post(ENROL_PAGE, {"code": app_code("A" * 32)})
    assert forged["Location"].startswith(f"{CODE_PAGE}?next=")
    # Nor new backup codes in place of the ones the reviewer keeps.
    assert client.post(reverse("two_factor:backup-codes"))["Location"].startswith(f"{CODE_PAGE}?next=")

    assert list(TOTPDevice.objects.filter(user=reviewer).values_list("key", flat=True)) == [key]
    assert sorted(policy.backup_codes(reviewer)) == sorted(backup_codes)


# --- Reset by an administrator ------------------------------------------------------------------------------------


def test_an_administrator_resets_a_reviewer_from_the_user_page(client, administrator, reviewer, security_log):
    policy.new_backup_codes(reviewer)
    reviewer_browser = client.__class__()
    press(reviewer_browser, log_in(reviewer_browser, "reviewer"), CONFIRM, code=code_for(reviewer.otp_device))
    assert reviewer_browser.get("/admin/").status_code == 200

    client.force_login(administrator)
    user_page = client.get(admin_change_url(reviewer))
    confirmation = client.get(link(user_page, RESET))
    assert confirmation.status_code == 200
    # The day in Huế, as the page says it: from 17:00 UTC it is already tomorrow there.
    enrolled = timezone.localtime(reviewer.otp_device.created_at)
    assert f"“reviewer” đã bật xác thực hai lớp từ {enrolled:%d/%m/%Y}." in confirmation.text
    done = follow(client, press(client, confirmation, RESET))
    assert done.wsgi_request.path == admin_change_url(reviewer)
    assert "Đã đặt lại xác thực hai lớp của “reviewer”: lần đăng nhập sau, người này đăng ký lại." in done.text

    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    assert not StaticDevice.objects.filter(user=reviewer).exists()
    assert not StaticToken.objects.filter(device__user=reviewer).exists()
    entry = LogEntry.objects.get(object_id=str(reviewer.pk), user=administrator)
    assert entry.get_change_message() == RESET
    assert RESET in client.get(admin_url(type(reviewer), "history", reviewer.pk)).text
    [reset_line] = [line for line in security_log if line.startswith("two-factor-reset")]
    assert reset_line.startswith("two-factor-reset user='reviewer' by='administrator' address=")

    # The reviewer's open session is asked again at once, and has no device left to answer with.
    assert sent_to_code_page(reviewer_browser.get("/admin/"), "/admin/")
    log_out(reviewer_browser)
    page = log_in(reviewer_browser, "reviewer")
    assert page.redirect_chain[-1] == (f"{ENROL_PAGE}?next=%2Fadmin%2F", 302)
    assert len(enrol(reviewer_browser, page)[1]) == 10


def test_a_reset_of_someone_not_enrolled_says_there_was_nothing_to_reset(admin_client, db):
    person = newcomer("reviewer", "reviewer")
    confirmation = admin_client.get(link(admin_client.get(admin_change_url(person)), RESET))
    assert "“reviewer” chưa bật xác thực hai lớp." in confirmation.text
    done = follow(admin_client, press(admin_client, confirmation, RESET))
    assert "“reviewer” chưa đăng ký xác thực hai lớp; không có gì để đặt lại." in done.text


def test_an_editor_cannot_open_the_reset_page(client, editor, reviewer):
    client.force_login(editor)
    url = reverse("admin:auth_user_two_factor_reset", args=[reviewer.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=reviewer).exists()


def test_new_backup_codes_replace_the_old_and_keep_the_session_that_used_one(client, reviewer):
    old_codes = policy.new_backup_codes(reviewer)
    # The phone is lost: the reviewer logs in with a backup code, then makes new ones.
    assert press(client, log_in(client, "reviewer"), CONFIRM, code=old_codes[0])["Location"] == "/admin/"
    own_page = client.get(reverse("two_factor:manage"))
    assert "Còn 9 mã dự phòng chưa dùng." in own_page.text
    new_codes = backup_codes_on(follow(client, press(client, own_page, "Tạo mã dự phòng mới (các mã cũ hết hiệu lực)")))
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert client.get("/admin/").status_code == 200
    log_out(client)

    code_page = log_in(client, "reviewer")
    assert WRONG_CODE in press(client, code_page, CONFIRM, code=old_codes[1]).text
    throttle_wait_passes(reviewer)
    assert press(client, code_page, CONFIRM, code=new_codes[0])["Location"] == "/admin/"
