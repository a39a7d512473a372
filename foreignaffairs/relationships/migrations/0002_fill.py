"""Every partner's health summary, from the records already there (the same refresh each write runs later)."""

from django.db import migrations


def fill(apps, schema_editor) -> None:
    from foreignaffairs.relationships import summary

    summary.refresh(get_model=apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("relationships", "0001_initial"),
        ("agreements", "0008_obligations"),
        ("delegations", "0003_related_search_text"),
        ("projects", "0002_related_search_text"),
        ("journal", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
