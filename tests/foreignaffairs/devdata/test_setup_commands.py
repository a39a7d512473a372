import shutil
import subprocess
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from agreements.models import Agreement, AgreementReview
from delegations.models import Delegation, DelegationMember
from partners.models import Partner, Person


def _counts():
    models = (Partner, Person, Agreement, AgreementReview, Delegation, DelegationMember)
    return {model.__name__: (model.objects.count(), model.history.count()) for model in models}


def test_load_demo_twice_gives_the_same_counts_and_no_new_history(db):
    call_command("load_demo", stdout=StringIO())
    first = _counts()
    call_command("load_demo", stdout=StringIO())
    assert _counts() == first
    assert first["Partner"][0] == 9
    assert first["Agreement"][0] == 6
    assert first["AgreementReview"][0] == 4


def test_the_demo_leaves_unknown_facts_blank(demo):
    gyeongju = Agreement.objects.get(partners__name_en="Gyeongju")
    assert gyeongju.signed_on is None
    assert gyeongju.status == "under_review"
    assert gyeongju.reviews.get().status == "draft"
    chungcheongnam = Agreement.objects.get(partners__name_en="Chungcheongnam Province")
    assert str(chungcheongnam.signed_on) == "08/2025"
    visit = Delegation.objects.get(head__full_name="Kim Seokki")
    assert visit.starts_on is None
    assert Person.objects.get(full_name="Kim Seokki").title == ""
    minutes = Agreement.objects.get(kind="minutes")
    assert minutes.partner_unknown and not minutes.partners.exists()


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


def test_demo_accounts_are_one_per_role_and_a_second_run_keeps_the_password(db, settings, tmp_path):
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


def test_a_new_password_file_resets_the_accounts_so_the_printed_password_works(db, settings, tmp_path):
    # A database kept while var/ was removed (PostgreSQL, `make clean`): the password printed must be the one
    # that logs in.
    settings.VAR_DIR = tmp_path
    _demo_accounts()
    (tmp_path / "demo-password.txt").unlink()
    get_user_model().objects.get(username="editor").groups.clear()

    password = _printed_password(_demo_accounts())

    assert all(user.check_password(password) for user in get_user_model().objects.all())
    assert ("editor", ["editor"], True) in _roles()


def test_migrations_are_in_step_with_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_system_checks_pass(db):
    call_command("check", stdout=StringIO())


def test_make_run_prints_both_addresses_before_serving(settings):
    # `make -n` lists the recipe without running it: what `make run` prints, in the order it prints it.
    recipe = subprocess.run(  # noqa: S603 (our own Makefile, listed, not run)
        [shutil.which("make"), "--no-print-directory", "-n", "run", "PORT=8123"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    serve = next(i for i, line in enumerate(recipe) if "runserver 127.0.0.1:8123" in line)
    printed = "\n".join(line for line in recipe[:serve] if line.startswith("echo "))
    assert "http://127.0.0.1:8123/admin/" in printed
    assert "http://127.0.0.1:8123/dashboard/" in printed
    assert any("create_demo_accounts" in line for line in recipe[:serve])
