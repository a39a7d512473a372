"""What staff import from Excel into projects: ODA and FDI projects with their donor or investor, the channel the
money comes through, the Huế unit in charge and the money per currency, exactly as the source reports it. A
declaration for the import kit (foreignaffairs.imports), which reads, previews and writes it.

Which project a row is (the natural key), first that the row fills: the ID our own list export writes in its last
column (an exported sheet, edited and imported back, updates the projects it came from, whatever cell was edited);
else the Vietnamese title and the start date, which a project known only by its title may leave empty.

An amount is a number ("61.600.000" typed with Vietnamese separators, or a number cell) and its currency an ISO 4217
code in the next column, as the export writes them: amounts in two currencies are never added up or converted.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from foreignaffairs.imports.cells import (
    Cell,
    Choice,
    Lookups,
    Number,
    PartialDateCell,
    Reference,
    cell_text,
)
from foreignaffairs.imports.kinds import Column, ImportKind, id_column, nothing_derived, register, title_columns
from partners.imports import NAMES_NOTE, fields_column, partner_with_country, partners_with_parents
from partners.models import Country, HueUnit, Partner
from projects.choices import ProjectKind, ProjectStatus
from projects.models import Project

# The list export's headings (projects.views.PROJECT_COLUMNS): the same msgids, so the same words.
EXPORT_TITLE = _("Tên dự án")


class Currency(Cell):
    """An ISO 4217 code as typed ("usd" is USD); the model's validator refuses what is no code, naming it."""

    def parse(self, raw: Any, lookups: Lookups) -> str:
        return cell_text(raw).upper()


def agreement_with_date(agreement: Agreement) -> str:
    return f"{agreement.title_vi} ({agreement.signed_on})" if agreement.signed_on else agreement.title_vi


PROJECTS = register(
    ImportKind(
        slug="projects",
        model=Project,
        alternate_keys=(("id",),),
        key=("title_vi", "starts_on"),
        optional_key=("starts_on",),
        loaders={
            Project: lambda: Project.objects.select_related("partner", "channel", "hue_unit", "agreement"),
            Partner: partners_with_parents,
            Country: Country.objects.all,
        },
        prepare_bulk=nothing_derived,
        columns=(
            *title_columns(EXPORT_TITLE, _("Dự án được nhận ra bằng tên tiếng Việt cùng ngày bắt đầu.")),
            Column("kind", Choice(ProjectKind), aliases=("Kind", "Type")),
            Column("status", Choice(ProjectStatus), aliases=("Status",)),
            Column(
                "partner",
                Reference(Partner, describe=partner_with_country),
                aliases=("Donor", "Investor"),
                note=NAMES_NOTE,
            ),
            Column("channel", Reference(Partner, describe=partner_with_country), note=NAMES_NOTE),
            Column("hue_unit", Reference(HueUnit), aliases=(_("Đơn vị phía Huế"),)),
            Column("location", aliases=(_("Địa điểm"), "Location")),
            fields_column(),
            Column(
                "agreement",
                Reference(Agreement, describe=agreement_with_date),
                note=_("Tên hoặc số hiệu của một thỏa thuận đã có."),
            ),
            Column("starts_on", PartialDateCell(), aliases=("Start", "Starts")),
            Column("ends_on", PartialDateCell(), aliases=("End", "Ends")),
            Column(
                "committed_amount",
                Number(),
                note=_("Một số, đúng như nguồn nêu, không quy đổi: 61.600.000 hoặc 1.234,5."),
            ),
            Column("committed_currency", Currency()),
            Column("disbursed_amount", Number(), note=_("Một số, đúng như nguồn nêu, không quy đổi.")),
            Column("disbursed_currency", Currency()),
            Column("summary", aliases=("Summary",)),
            Column("notes", aliases=("Notes",)),
            id_column(_("Để trống khi thêm mới. Tệp xuất từ danh sách dự án có sẵn cột này.")),
        ),
    )
)
