"""A backup made with dumpdata, loaded with loaddata into an emptied database, gives back every record and
relation, and the audit trail (history rows) with them. The README's "Backups" section uses the same flags."""

from datetime import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from agreements.models import Agreement
from delegations.models import Delegation
from partners.models import Country, HueUnit, Partner

# What a backup leaves out: rows that `migrate` recreates on any database (content types, permissions) and
# sessions, which are only logins in progress. Everything else is kept, the history tables above all.
BACKUP_EXCLUDES = ["contenttypes", "auth.permission", "sessions"]
User = get_user_model()
RECREATED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def dump_backup() -> str:
    out = StringIO()
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--all",
        *[f"--exclude={label}" for label in BACKUP_EXCLUDES],
        format="json",
        stdout=out,
    )
    return out.getvalue()


def backed_up_models() -> list:
    return [model for model in apps.get_models() if model._meta.label_lower not in RECREATED_MODELS]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in backed_up_models()}


def to_milliseconds(rows) -> list:
    """Django's JSON serializer writes times to the millisecond; a restore keeps them to that precision."""
    return sorted(
        tuple(v.replace(microsecond=v.microsecond // 1000 * 1000) if isinstance(v, datetime) else v for v in row)
        for row in rows
    )


def relations() -> dict:
    """A few relations a restore must keep, named by what they join rather than by primary keys."""
    agreements = Agreement.objects.order_by("pk").prefetch_related("partners")
    delegations = Delegation.objects.order_by("pk").prefetch_related("members__person")
    return {
        "agreement partners": {a.pk: sorted(p.name_vi for p in a.partners.all()) for a in agreements},
        "delegation members": {d.pk: sorted(m.person.full_name for m in d.members.all()) for d in delegations},
        "Dongnae's parent": Partner.objects.get(name_en__startswith="Dongnae").parent.name_en,
        "user groups": {u.username: sorted(g.name for g in u.groups.all()) for u in User.objects.all()},
        "group permissions": {
            g.name: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
        },
        "partner history": to_milliseconds(
            Partner.history.values_list("id", "history_type", "history_date", "history_user__username", "name_vi")
        ),
        "agreement history": to_milliseconds(
            Agreement.history.values_list("id", "history_type", "history_date", "history_user__username", "status")
        ),
        "country history": to_milliseconds(Country.history.values_list("id", "code", "priority", "history_date")),
    }


@pytest.fixture
def fresh_content_type_cache():
    """flush and post_migrate recreate content types with new ids, which the test's rollback then undoes; the
    in-process ContentType cache would keep the new ids and break later tests (the admin's view-on-site link)."""
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def test_it_restores_every_record_relation_and_history_row_from_a_dump(
    demo, administrator, tmp_path, fresh_content_type_cache
):
    HueUnit.objects.create(name_vi="Đơn vị tạm").delete()  # a deletion is part of the audit trail too
    counts, kept = row_counts(), relations()
    assert counts["partners.HistoricalPartner"] > 0 and counts["auth.Group"] == 4
    assert kept["Dongnae's parent"].startswith("Busan") and any(kept["delegation members"].values())
    backup = tmp_path / "backup.json"
    backup.write_text(dump_backup(), encoding="utf-8")

    # The test runs in a transaction; PostgreSQL refuses to TRUNCATE tables with deferred foreign-key checks
    # still pending, so run those checks now, as a real flush (outside a transaction) would find them done.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    assert Partner.objects.count() == 0
    assert Group.objects.count() == 4, "flush's post_migrate puts the role groups back before the restore"

    call_command("loaddata", str(backup), verbosity=0)

    assert row_counts() == counts
    assert relations() == kept
    assert HueUnit.history.filter(name_vi="Đơn vị tạm", history_type="-").exists()
    assert country_history_ids_match_countries()


def country_history_ids_match_countries() -> bool:
    """History rows keep the record's id as a plain number, and a country is loaded by its natural key (its
    code), not its id: the restored countries must still have the ids their history rows name."""
    codes = dict(Country.objects.values_list("id", "code"))
    return all(codes.get(row.id) == row.code for row in Country.history.all())
