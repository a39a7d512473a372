"""The migrations that brought related search texts fill them for the rows already there: a database filled before
them, migrated forward, finds an agreement by its partner's name and a delegation by who received it at once, with
no command to run."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from agreements.filtersets import AgreementFilterSet
from delegations.filtersets import DelegationFilterSet
from partners.filtersets import PartnerFilterSet
from partners.models import Partner
from tests.conftest import restore_reference_data

BEFORE_RELATED_TEXT = [
    ("partners", "0004_country_search_names"),
    ("agreements", "0006_documents_named_by_content"),
    ("delegations", "0002_list_indexes"),
    ("projects", "0001_moved_from_agreements"),
    ("foreignaffairs", "0003_trigram_search_indexes"),
]


def migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


def latest() -> list:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_related_text(transactional_db):
    """The models as they were before related search texts, on a database taken back there; forward again
    afterwards, whatever the test found (the next test's flush needs today's tables)."""
    restore_reference_data()  # the ISO countries, which an earlier transactional test's flush removed
    migrate(BEFORE_RELATED_TEXT)
    try:
        yield MigrationExecutor(connection).loader.project_state(BEFORE_RELATED_TEXT).apps
    finally:
        migrate(latest())


def test_the_migrations_fill_the_related_texts_of_the_rows_already_there(before_related_text):
    old = before_related_text
    korea = old.get_model("partners", "Country").objects.get(code="KR")
    # As the code of the time saved them: names folded into search_text, nothing about what they link.
    dongnae = old.get_model("partners", "Partner").objects.create(
        kind="district", name_vi="Quận Dongnae", name_en="Dongnae District", country=korea, search_text="quan dongnae"
    )
    agreement = old.get_model("agreements", "Agreement").objects.create(
        title_vi="Thỏa thuận hợp tác", kind="cooperation", search_text="thoa thuan hop tac"
    )
    old.get_model("agreements", "AgreementPartner").objects.create(agreement=agreement, partner=dongnae)
    trung = old.get_model("partners", "Person").objects.create(
        full_name="Nguyễn Đình Trung", search_text="nguyen dinh trung"
    )
    visit = old.get_model("delegations", "Delegation").objects.create(
        direction="inbound", title_vi="Đoàn thăm Huế", search_text="doan tham hue"
    )
    old.get_model("delegations", "DelegationMember").objects.create(
        delegation=visit, person=trung, side="hue", role="receiving_leader"
    )

    migrate(latest())

    def found(filterset_class, query):
        return set(filterset_class({"q": query}).qs.values_list("pk", flat=True))

    assert found(AgreementFilterSet, "dongnae district") == {agreement.pk}
    assert found(DelegationFilterSet, "nguyen dinh trung") == {visit.pk}
    assert found(DelegationFilterSet, "nguyendinhtrung") == {visit.pk}  # own texts folded again, run together too
    assert found(PartnerFilterSet, "quandongnae") == {dongnae.pk}
    assert Partner.objects.get(pk=dongnae.pk).search_text == (
        "quan dongnae | quandongnae | dongnae district | dongnaedistrict"
    )
