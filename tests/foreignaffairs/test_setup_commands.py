from io import StringIO

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


def test_demo_accounts_are_one_per_role_and_a_second_run_keeps_the_password(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    first, second = StringIO(), StringIO()
    call_command("create_demo_accounts", stdout=first)
    call_command("create_demo_accounts", stdout=second)
    assert first.getvalue() == second.getvalue()
    assert "viewer, editor, reviewer, administrator" in first.getvalue()
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.order_by("username")
    assert [(user.username, [g.name for g in user.groups.all()]) for user in users] == [
        ("administrator", ["administrator"]),
        ("editor", ["editor"]),
        ("reviewer", ["reviewer"]),
        ("viewer", ["viewer"]),
    ]


def test_migrations_are_in_step_with_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_system_checks_pass(db):
    call_command("check", stdout=StringIO())
