"""What staff import from Excel into delegations: the delegations themselves (one row each, their head, host unit,
countries, partners and fields named in their cells), and their members (one row per person on a delegation, as
the admin's member lines have them: side, role, title at the time). Declarations for the import kit
(foreignaffairs.imports), which reads, previews and writes them.

Members are a kind of their own rather than a cell of the delegation's row because each carries its own side, role
and title, which a list of names in one cell cannot hold; an officer's sheet of who came with which delegation is a
sheet of its own anyway. A member's delegation is named by its Vietnamese title, with its start date in brackets
where two delegations share a title ("Đoàn tỉnh Chungcheongnam thăm Huế (04/2024)"), exactly as the preview lists
the candidates when a title alone is ambiguous.

Which delegation a row is (the natural key), first that the row fills: the ID our own list export writes in its last
column; else the Vietnamese title and the start date, which a delegation not yet scheduled may leave empty.
"""

import re
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from delegations.choices import DelegationStatus, Direction, MemberRole
from delegations.models import Delegation, DelegationMember
from foreignaffairs.imports.cells import (
    CellError,
    Choice,
    Lookups,
    ManyCountries,
    ManyReference,
    PartialDateCell,
    Reference,
    cell_text,
)
from foreignaffairs.imports.kinds import Column, ImportKind, id_column, nothing_derived, register, title_columns
from foreignaffairs.text_search import fold
from partners.choices import Side
from partners.imports import (
    NAMES_NOTE,
    fields_column,
    partner_with_country,
    partners_with_parents,
    people_with_partners,
    person_with_partner,
)
from partners.models import Country, HueUnit, Partner, Person

# The list export's headings (delegations.views.DELEGATION_COLUMNS): the same msgids, so the same words.
EXPORT_TITLE = _("Tên đoàn")
# "Đoàn tỉnh Chungcheongnam thăm Huế (04/2024)": a title, then its start date in brackets.
TITLE_AND_START = re.compile(r"^(?P<title>.+?)\s*\((?P<start>[^()]+)\)$")
PERSON_NOTE = format_lazy("{} {}", _("Họ tên một người đã có trong danh bạ."), NAMES_NOTE)


def delegation_with_start(delegation: Delegation) -> str:
    return f"{delegation.title_vi} ({delegation.starts_on})" if delegation.starts_on else delegation.title_vi


class DelegationCell(Reference):
    """A delegation by its title, or, where several share it, by its title and start date as `delegation_with_start`
    writes them."""

    def __init__(self):
        super().__init__(Delegation, describe=delegation_with_start)

    def parse(self, raw: Any, lookups: Lookups) -> Delegation:
        try:
            return super().parse(raw, lookups)
        except CellError:
            dated = TITLE_AND_START.match(cell_text(raw))
            if dated is None:
                raise
            found = {
                id(delegation): delegation
                for delegation in lookups.by_name(Delegation).get(fold(dated["title"]), [])
                if str(delegation.starts_on or "") == dated["start"].strip()
            }
            if len(found) != 1:
                raise
            return next(iter(found.values()))


DELEGATIONS = register(
    ImportKind(
        slug="delegations",
        model=Delegation,
        alternate_keys=(("id",),),
        key=("title_vi", "starts_on"),
        optional_key=("starts_on",),
        loaders={
            Delegation: lambda: Delegation.objects.select_related("head", "host_unit"),
            Partner: partners_with_parents,
            Person: people_with_partners,
        },
        prepare_bulk=nothing_derived,
        columns=(
            *title_columns(EXPORT_TITLE, _("Đoàn được nhận ra bằng tên tiếng Việt cùng ngày bắt đầu.")),
            Column("direction", Choice(Direction), aliases=("Direction",)),
            Column("status", Choice(DelegationStatus), aliases=("Status",)),
            Column("starts_on", PartialDateCell(), aliases=(_("Bắt đầu"), "Start")),
            Column("ends_on", PartialDateCell(), aliases=(_("Kết thúc"), "End")),
            Column(
                "countries",
                ManyCountries(Country),
                aliases=("Countries",),
                note=_("Một hoặc nhiều quốc gia, cách nhau bằng dấu chấm phẩy (;)."),
            ),
            Column(
                "partners",
                ManyReference(Partner, describe=partner_with_country),
                aliases=("Partners",),
                note=format_lazy(
                    "{} {}", _("Một hoặc nhiều đối tác đã có, cách nhau bằng dấu chấm phẩy (;)."), NAMES_NOTE
                ),
            ),
            Column(
                "head",
                Reference(Person, describe=person_with_partner),
                aliases=("Head",),
                note=PERSON_NOTE,
            ),
            Column("host_unit", Reference(HueUnit), aliases=("Host",)),
            fields_column(),
            Column("purpose", aliases=("Purpose",)),
            Column("programme", aliases=("Programme", "Program")),
            Column("outcomes", aliases=("Outcomes", "Results")),
            Column(
                "agreements_signed",
                ManyReference(Agreement),
                note=_("Tên hoặc số hiệu của thỏa thuận đã có, cách nhau bằng dấu chấm phẩy (;)."),
            ),
            Column("notes", aliases=("Notes",)),
            id_column(_("Để trống khi thêm mới. Tệp xuất từ danh sách đoàn có sẵn cột này.")),
        ),
    )
)

DELEGATION_MEMBERS = register(
    ImportKind(
        slug="delegation-members",
        model=DelegationMember,
        key=("delegation", "person"),
        loaders={
            DelegationMember: lambda: DelegationMember.objects.select_related("delegation", "person"),
            Person: people_with_partners,
        },
        prepare_bulk=nothing_derived,
        columns=(
            Column(
                "delegation",
                DelegationCell(),
                aliases=(_("Tên đoàn"), "Delegation"),
                note=_(
                    "Tên tiếng Việt của một đoàn đã có; nếu nhiều đoàn cùng tên, ghi thêm ngày bắt đầu trong ngoặc, "
                    "ví dụ: Đoàn tỉnh Chungcheongnam thăm Huế (04/2024)."
                ),
            ),
            Column(
                "person",
                Reference(Person, describe=person_with_partner),
                aliases=(_("Họ tên"), "Name"),
                note=PERSON_NOTE,
            ),
            Column("side", Choice(Side), aliases=("Side",)),
            Column("role", Choice(MemberRole), aliases=("Role",)),
            Column("title", aliases=(_("Chức vụ"), "Title", "Position")),
            Column("organization", aliases=("Organization",)),
        ),
    )
)
