"""Projects are found by the names around them, the same by the FilterSet, on the dashboard list, in the API and in
the admin (tests.search): by their funder, their funding channel ("koica" finds the three ODA grants KOICA
channels), the agreement they carry out and their Huế unit. Reported figures by their country."""

import pytest

from agreements.models import Agreement
from partners.models import HueUnit
from projects.filtersets import ProjectFilterSet, ReportedFigureFilterSet
from projects.models import Project, ReportedFigure
from tests.search import Kind, found_everywhere

PROJECTS = Kind(ProjectFilterSet, "/api/v1/projects/", Project, "dashboard:project-list")
FIGURES = Kind(ReportedFigureFilterSet, "/api/v1/figures/", ReportedFigure)


@pytest.mark.parametrize(
    "query", ["koica", "KOICA", "korea international cooperation agency", "한국국제협력단", "co quan hop tac quoc te"]
)
def test_it_finds_the_three_oda_grants_by_the_agency_that_channels_them(admin_client, demo, query):
    grants = set(Project.objects.filter(channel__abbreviation="KOICA").values_list("pk", flat=True))
    assert len(grants) == 3
    assert found_everywhere(admin_client, PROJECTS, query) == grants


def test_it_finds_a_project_by_the_agreement_it_carries_out_and_its_hue_unit(admin_client, demo):
    peace_village = Project.objects.get(title_en="Vietnam–Korea Peace Village")
    peace_village.agreement = Agreement.objects.get(partners__name_en="Chungcheongnam Province")
    peace_village.hue_unit = HueUnit.objects.get(abbreviation="DoFA")
    peace_village.save()

    assert found_everywhere(admin_client, PROJECTS, "chungcheongnam") == {peace_village.pk}
    assert found_everywhere(admin_client, PROJECTS, "so ngoai vu") == {peace_village.pk}
    # Its own words and its relations' together: "a luoi" is where it is, "koica" who channels it.
    assert found_everywhere(admin_client, PROJECTS, "koica a luoi chungcheongnam") == {peace_village.pk}


def test_it_finds_reported_figures_by_their_country(db, demo):
    korean = set(ReportedFigure.objects.filter(country__code="KR").values_list("pk", flat=True))
    filterset = ReportedFigureFilterSet({"q": "han quoc"})
    assert set(filterset.qs.values_list("pk", flat=True)) == korean
