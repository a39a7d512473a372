"""The four role groups, so every database has them. Re-run sync_role_groups in a new migration when models
or roles change (foreignaffairs.accounts.roles is the one definition)."""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from foreignaffairs.accounts.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0002_iso_countries"),
        ("agreements", "0001_initial"),
        ("delegations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
