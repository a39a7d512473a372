"""`create_demo_accounts`: one account per role, a password kept in var/, and nothing someone changed undone."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command


def _demo_accounts(stdout=None) -> str:
    out = stdout or StringIO()
    call_command("create_demo_accounts", stdout=out)
    return out.getvalue()


def _printed_password(output: str) -> str:
    [line] = [line for line in output.splitlines() if line.startswith("Password (mật khẩu): ")]
    return line.removeprefix("Password (mật khẩu): ")


def _roles() -> list[tuple[str, list[str], bool]]:
    users = get_user_model().objects.order_by("username").prefetch_related("groups")
    return [(user.username, [group.name for group in user.groups.all()], user.is_staff) for user in users]


def test_it_creates_one_account_per_role_and_a_second_run_keeps_the_password(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    first, second = _demo_accounts(), _demo_accounts()
    assert _printed_password(first) == _printed_password(second)
    assert _roles() == [
        ("administrator", ["administrator"], True),
        ("editor", ["editor"], True),
        ("reviewer", ["reviewer"], True),
        ("viewer", ["viewer"], False),
    ]
    password = _printed_password(first)
    assert all(user.check_password(password) for user in get_user_model().objects.all())


def test_it_prints_each_account_with_its_role_and_where_it_works(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    lines = _demo_accounts().splitlines()
    for role, where in (("viewer", "/dashboard/"), ("editor", "/admin/"), ("reviewer", "/admin/")):
        [line] = [line for line in lines if line.split()[:1] == [role]]
        assert where in line
    assert any(line.split()[:1] == ["administrator"] for line in lines)
    # Whoever starts the system first learns before logging in that two of the accounts need a phone.
    assert any("authenticator app" in line for line in lines)


def test_it_keeps_a_password_and_a_role_someone_changed(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    password = _printed_password(_demo_accounts())
    viewer = get_user_model().objects.get(username="viewer")
    viewer.set_password("mat-khau-rieng-cua-chi-Lan")
    viewer.save()
    editor = get_user_model().objects.get(username="editor")
    editor.groups.set([Group.objects.get(name="reviewer")])

    output = _demo_accounts()

    viewer.refresh_from_db()
    assert viewer.check_password("mat-khau-rieng-cua-chi-Lan")
    assert not viewer.check_password(password)
    assert [group.name for group in editor.groups.all()] == ["reviewer"]
    assert "keep their password and role" in output


def test_it_creates_a_missing_account_with_the_kept_password(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    password = _printed_password(_demo_accounts())
    get_user_model().objects.filter(username="reviewer").delete()

    _demo_accounts()

    reviewer = get_user_model().objects.get(username="reviewer")
    assert reviewer.check_password(password)
    assert [group.name for group in reviewer.groups.all()] == ["reviewer"]


def test_it_resets_the_accounts_when_the_password_file_is_new_so_the_printed_password_works(db, settings, tmp_path):
    # A database kept while var/ was removed (PostgreSQL, `make clean`): the password printed must be the one
    # that logs in.
    settings.VAR_DIR = tmp_path
    _demo_accounts()
    (tmp_path / "demo-password.txt").unlink()
    get_user_model().objects.get(username="editor").groups.clear()

    password = _printed_password(_demo_accounts())

    assert all(user.check_password(password) for user in get_user_model().objects.all())
    assert ("editor", ["editor"], True) in _roles()
