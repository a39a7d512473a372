"""What staff import from Excel into agreements: the agreements themselves, with their partners, Huế units,
signatories and fields of cooperation named in their cells. A declaration for the import kit (foreignaffairs.imports),
which reads, previews and writes it.

Which agreement a row is (the natural key), first that the row fills:
- the ID our own list export writes in its first column: an exported sheet, edited and imported back, updates the
  agreements it came from, whatever cell was edited, the title and the reference number included;
- the reference number (Số hiệu), unique when there is one: the document's own name at the department;
- the Vietnamese title and the signing date, for the many older agreements without a number. The title alone is not
  enough: a friendship agreement with the same city is renewed under the same title years apart.

The export's columns it computes (countries, next review) are no column here: the preview lists them as ignored. Its
title column is the title in the reader's language: title_vi under the Vietnamese heading, title_en under the English
one (the Vietnamese title written there when there is no English one, which is then no change).
"""

from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements import lifecycle
from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, AgreementStatusChange
from foreignaffairs.imports.cells import (
    Choice,
    DateCell,
    Lookups,
    ManyReference,
    PartialDateCell,
    Reference,
    WholeNumber,
    YesNo,
    cell_text,
)
from foreignaffairs.imports.kinds import Column, ImportKind, id_column, register, title_columns
from foreignaffairs.text_search import fold
from partners.imports import (
    NAMES_NOTE,
    fields_column,
    partner_with_country,
    partners_with_parents,
    people_with_partners,
    person_with_partner,
)
from partners.models import Country, HueUnit, Partner, Person

# The list export's headings (agreements.views.AGREEMENT_COLUMNS): the same msgids, so the same words.
EXPORT_TITLE = _("Tên thỏa thuận")
UNKNOWN_PARTNER = _("Chưa rõ")


class Partners(ManyReference):
    """The partners of an agreement, as the export writes them: "; " between names, "Chưa rõ" (Unknown) where the
    source names none (the flag "chưa rõ đối tác" says so, its own column)."""

    def parse(self, raw, lookups: Lookups) -> tuple:
        if fold(cell_text(raw)) in _unknown_words():
            return ()
        return super().parse(raw, lookups)


def _unknown_words() -> set[str]:
    words = set()
    for language in ("vi", "en"):
        with translation.override(language):
            words.add(fold(str(UNKNOWN_PARTNER)))
    return words


def check(stored: Agreement | None, record: Agreement, linked: dict[str, tuple]) -> dict[str, list[str]]:
    """What the admin checks beyond Agreement.clean(): a status moved only as the lifecycle allows (a new agreement
    may come in with any, it is history), and a partner named unless it is marked unknown, not both."""
    problems: dict[str, list[str]] = {}
    if stored is not None and stored.status != record.status and not lifecycle.is_allowed(stored.status, record.status):
        problems["status"] = lifecycle.refusal(stored.status, record.status).messages
    # `linked` holds every many-to-many column of the kind, in the sheet or not (what the record will be linked to),
    # so the rule is checked for every row, as the admin's form checks it on every save.
    if not linked.get("partners") and not record.partner_unknown:
        problems["partners"] = [
            gettext("Chọn ít nhất một đối tác. Nếu nguồn không nêu tên đối tác, đánh dấu “chưa rõ đối tác”.")
        ]
    if linked.get("partners") and record.partner_unknown:
        problems["partner_unknown"] = [gettext("Đã chọn đối tác thì bỏ đánh dấu “chưa rõ đối tác”.")]
    return problems


def record_statuses(rows: list, user, reason: str) -> None:
    """The status timeline's lines the admin writes: a new agreement's first status, an imported move's from → to."""
    now = timezone.now()
    lines = []
    for row in rows:
        if row.stored is None:
            lines.append(lifecycle.initial_status_line(row.record, by=user, at=now))
        elif row.stored.status != row.record.status:
            lines.append(
                AgreementStatusChange(
                    agreement=row.record,
                    from_status=row.stored.status,
                    to_status=row.record.status,
                    changed_at=now,
                    changed_by=user,
                    reason=reason,
                )
            )
    AgreementStatusChange.objects.bulk_create(lines, batch_size=500)


AGREEMENTS = register(
    ImportKind(
        slug="agreements",
        model=Agreement,
        alternate_keys=(("id",), ("reference_number",)),
        key=("title_vi", "signed_on"),
        optional_key=("signed_on",),
        loaders={
            # Its responsible unit is compared with the row's: read with it, not one query per agreement updated.
            Agreement: lambda: Agreement.objects.select_related("responsible_unit"),
            Partner: partners_with_parents,
            Country: Country.objects.all,
            Person: people_with_partners,
        },
        check=check,
        after_write=record_statuses,
        prepare_bulk=Agreement.derive_next_review,
        columns=(
            Column(
                "reference_number",
                aliases=(_("Số hiệu"), "Reference", "Ref. no."),
                note=_("Có số hiệu thì thỏa thuận được nhận ra bằng số hiệu."),
            ),
            *title_columns(
                EXPORT_TITLE, _("Thỏa thuận chưa có số hiệu được nhận ra bằng tên tiếng Việt cùng ngày ký.")
            ),
            Column("kind", Choice(AgreementKind), aliases=(_("Loại văn bản"), "Kind", "Type")),
            Column("status", Choice(AgreementStatus), aliases=("Status",)),
            Column(
                "partners",
                Partners(Partner, describe=partner_with_country),
                aliases=("Partners",),
                note=format_lazy(
                    "{} {}", _("Một hoặc nhiều đối tác đã có, cách nhau bằng dấu chấm phẩy (;)."), NAMES_NOTE
                ),
            ),
            Column("partner_unknown", YesNo()),
            Column(
                "hue_units",
                ManyReference(HueUnit),
                aliases=(_("Đơn vị phía Huế"), "Huế units"),
                note=_("Một hoặc nhiều đơn vị, cách nhau bằng dấu chấm phẩy (;)."),
            ),
            Column(
                "signatories",
                ManyReference(Person, describe=person_with_partner),
                aliases=("Signatories",),
                note=_("Họ tên người ký đã có trong danh bạ, cách nhau bằng dấu chấm phẩy (;)."),
            ),
            Column("signing_place"),
            Column("signed_on", PartialDateCell(), aliases=("Signed", "Date signed")),
            Column("effective_on", DateCell(), aliases=("Effective",)),
            Column("expires_on", DateCell(), aliases=(_("Hết hiệu lực"), "Expires")),
            Column("open_ended", YesNo(), note=_("Có hoặc Không.")),
            Column("review_interval_months", WholeNumber(), aliases=("Review interval",)),
            fields_column(),
            Column("responsible_unit", Reference(HueUnit)),
            Column("summary", aliases=("Summary",)),
            Column("notes", aliases=("Notes",)),
            id_column(_("Để trống khi thêm mới. Tệp xuất từ danh sách thỏa thuận có sẵn cột này.")),
        ),
    )
)
