"""Projects and reported figures moved from the agreements app to their own: a database filled before the move
keeps every project, figure, link and history row after it, with the same ids, and the permissions the roles hold.

The database is taken back to before the move, filled through the models as they were then, and migrated forward.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from projects.models import Project, ReportedFigure

LAST_BEFORE_THE_MOVE = ("agreements", "0004_next_review_keeps_precision")


def migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


def latest() -> list:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_the_move(transactional_db):
    """The models as they were before the move, on a database taken back there; forward again afterwards, whatever
    the test found (the next test's flush needs today's tables)."""
    migrate([LAST_BEFORE_THE_MOVE, ("projects", None)])
    try:
        yield MigrationExecutor(connection).loader.project_state(LAST_BEFORE_THE_MOVE).apps
    finally:
        migrate(latest())


def test_the_move_keeps_every_project_figure_link_and_history_row(before_the_move):
    old = before_the_move
    OldProject = old.get_model("agreements", "Project")
    OldFigure = old.get_model("agreements", "ReportedFigure")
    Field = old.get_model("partners", "FieldOfCooperation")
    oda = Field.objects.create(code="move-oda", name_vi="ODA thử")
    project = OldProject.objects.create(kind="oda_grant", title_vi="Làng hòa bình thử", location="A Lưới")
    project.fields.add(oda)
    figure = OldFigure.objects.create(subject="Dự án FDI thử", value=17, unit="projects", source_title="Bài báo")
    now = timezone.now()
    for history_type, title in (("+", "Làng hòa bình"), ("~", "Làng hòa bình thử")):
        old.get_model("agreements", "HistoricalProject").objects.create(
            id=project.pk,
            kind="oda_grant",
            title_vi=title,
            created=now,
            last_updated=now,
            history_date=now,
            history_type=history_type,
        )
    old_type = ContentType.objects.get_or_create(app_label="agreements", model="project")[0]
    permission = Permission.objects.get_or_create(
        content_type=old_type, codename="change_project", defaults={"name": "Can change project"}
    )[0]

    migrate(latest())

    moved = Project.objects.get(pk=project.pk)
    assert (moved.title_vi, moved.location) == ("Làng hòa bình thử", "A Lưới")
    assert [field.code for field in moved.fields.all()] == ["move-oda"]
    assert ReportedFigure.objects.get(pk=figure.pk).subject == "Dự án FDI thử"
    assert [row.title_vi for row in moved.history.order_by("history_id")] == ["Làng hòa bình", "Làng hòa bình thử"]
    assert ContentType.objects.get(pk=old_type.pk).app_label == "projects"
    assert Permission.objects.get(pk=permission.pk).content_type.model_class() is Project
    # New rows continue the old numbering.
    assert Project.objects.create(kind="fdi", title_vi="Dự án mới", starts_on=datetime.date(2026, 1, 1)).pk > project.pk
