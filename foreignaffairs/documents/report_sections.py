"""The sections of the periodic foreign-affairs report, each read from the records of one period: delegations,
agreements, reviews, follow-ups, projects, reported figures, new partners (foreignaffairs.documents.report puts them
together). Every table names the dashboard list it comes from, filtered as near as that list's filters allow.
"""

import datetime
from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agreements.choices import AgreementStatus, ReviewStatus
from agreements.models import Agreement, AgreementReview, AgreementStatusChange
from delegations.choices import Direction, FollowUpStatus
from delegations.models import Delegation, FollowUpAction
from foreignaffairs.documents.report_period import Period, Span, day
from foreignaffairs.documents.tables import Section, Table, capped, more_rows
from partners.models import Partner, country_name
from projects.choices import ProjectStatus
from projects.currencies import format_currency_totals
from projects.models import Project, ReportedFigure, fold_by_currency

# Rows of a list of single records; the rest is "và N … khác" with the list's link. Delegations are the long list a
# year holds (9,000 at national scale); the others get fewer, so the PDF of a full year lays out within seconds (about
# 10 ms a row in WeasyPrint).
CAP = 200
LIST_CAP = 100
TEXT_LIMIT = 300  # characters of an outcome or a recommendation's next steps
# The moves of an agreement the report counts as its end or its renewal (the status history, agreements.lifecycle).
ENDINGS = (AgreementStatus.RENEWED, AgreementStatus.AMENDED, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED)


class Links:
    """The dashboard lists a table comes from, filtered with their own FilterSets' parameters."""

    def __init__(self, period: Period, site_url: str):
        self.period, self.site_url = period, site_url.rstrip("/")

    def list_url(self, name: str, **params: object) -> str:
        query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
        return f"{self.site_url}{reverse(name)}{'?' if query else ''}{query}"

    def delegations(self, **params: object) -> str:
        # A year is exactly `starts_in`; a half or a range the two bounds (which also list dates too vague to place).
        if self.period.span is Span.YEAR:
            dates = {"starts_in": self.period.start.year}
        else:
            dates = {"starts_after": day(self.period.start), "starts_before": day(self.period.end)}
        return self.list_url("dashboard:delegation-list", **params, **dates, sort="starts")

    def agreements(self, **params: object) -> str:
        return self.list_url("dashboard:agreement-list", **params)

    def signed_agreements(self) -> str:
        return self.agreements(signed_after=day(self.period.start), signed_before=day(self.period.end), sort="signed")


def _cut(text: str) -> str:
    return Truncator(" ".join((text or "").split())).chars(TEXT_LIMIT)


def _date(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.datetime):
        return day(timezone.localdate(value))
    if isinstance(value, datetime.date):
        return day(value)
    return str(value)


def delegations_section(period: Period, links: Links) -> Section:
    in_period = Delegation.objects.filter(period.partial_date_q("starts_on")).order_by()
    by_month = defaultdict(Counter)
    for row in in_period.values("direction", month=Substr("starts_on", 1, 7)).annotate(n=Count("direction")):
        by_month[row["month"]][row["direction"]] += row["n"]
    directions = Counter()
    for counts in by_month.values():
        directions.update(counts)
    rows, total = capped(
        Delegation.objects.filter(period.partial_date_q("starts_on"))
        .select_related("head")
        .prefetch_related("countries")
        .order_by("starts_on", "pk"),
        CAP,
    )
    inbound, outbound = directions[Direction.INBOUND], directions[Direction.OUTBOUND]
    return Section(
        _("Đoàn ra, đoàn vào"),
        summary=[
            _("Trong kỳ có %(total)s đoàn: %(inbound)s đoàn vào, %(outbound)s đoàn ra.")
            % {"total": inbound + outbound, "inbound": inbound, "outbound": outbound}
        ],
        tables=[
            _by_country_table(in_period, links),
            _by_month_table(period, by_month, links),
            Table(
                _("Danh sách đoàn"),
                [_("Đoàn"), _("Loại đoàn"), _("Thời gian"), _("Quốc gia"), _("Trưởng đoàn"), _("Kết quả")],
                [
                    [
                        delegation.title,
                        delegation.get_direction_display(),
                        _date(delegation.starts_on) + (f" – {delegation.ends_on}" if delegation.ends_on else ""),
                        ", ".join(country.name for country in delegation.countries.all()) or "—",
                        delegation.head.full_name if delegation.head else "—",
                        _cut(delegation.outcomes) or "—",
                    ]
                    for delegation in rows
                ],
                links.delegations(),
                **more_rows(total, len(rows), _("đoàn")),
                empty=_("Không có đoàn nào trong kỳ."),
            ),
        ],
    )


def _by_country_table(in_period: QuerySet, links: Links) -> Table:
    """Each country with the delegations that went there or came from there: the countries named on a delegation and
    those of the partners it met, as the list's `country` filter reads them. Two queries' rows in one UNION."""
    named = in_period.values_list("pk", "direction", "countries__code")
    met = in_period.values_list("pk", "direction", "partners__country__code")
    codes_of, direction_of = defaultdict(set), {}
    for pk, direction, code in named.union(met):
        direction_of[pk] = direction
        if code:
            codes_of[pk].add(code)
    per_country = defaultdict(Counter)
    for pk, direction in direction_of.items():
        for code in codes_of.get(pk) or {""}:
            per_country[code][direction] += 1
    ordered = sorted(per_country.items(), key=lambda item: (-item[1].total(), item[0] == "", country_name(item[0])))
    return Table(
        _("Đoàn theo quốc gia"),
        [_("Quốc gia"), _("Mã"), _("Đoàn vào"), _("Đoàn ra"), _("Tổng")],
        [
            [
                country_name(code) if code else _("Chưa ghi quốc gia"),
                code or "—",
                str(counts[Direction.INBOUND]),
                str(counts[Direction.OUTBOUND]),
                str(counts.total()),
            ]
            for code, counts in ordered
        ],
        links.delegations(),
        note=_(
            "Một đoàn đến (hoặc từ) nhiều nước được tính ở mỗi nước. Lọc danh sách theo một nước: thêm "
            "&country=<mã> vào đường dẫn."
        ),
        numeric=(2, 3, 4),
        empty=_("Không có đoàn nào trong kỳ."),
    )


def _by_month_table(period: Period, by_month: dict, links: Links) -> Table:
    rows, inbound, outbound = [], 0, 0
    for year, month in period.months():
        counts = by_month.get(f"{year:04d}-{month:02d}", Counter())
        rows.append([f"{month:02d}/{year:04d}", *_direction_cells(counts)])
        inbound, outbound = inbound + counts[Direction.INBOUND], outbound + counts[Direction.OUTBOUND]
    # A start known only to the year is in the period only when the whole year is; it has no month to go under.
    unplaced = Counter()
    for key, counts in by_month.items():
        if len(key) == 4:
            unplaced.update(counts)
    if unplaced:
        rows.append([_("Chưa rõ tháng"), *_direction_cells(unplaced)])
        inbound, outbound = inbound + unplaced[Direction.INBOUND], outbound + unplaced[Direction.OUTBOUND]
    return Table(
        _("Đoàn theo tháng"),
        [_("Tháng"), _("Đoàn vào"), _("Đoàn ra"), _("Tổng")],
        rows,
        links.delegations(),
        note=_("Theo tháng bắt đầu. Lọc danh sách theo một tháng: starts_in=mm/yyyy."),
        total_row=[_("Cộng"), str(inbound), str(outbound), str(inbound + outbound)],
        numeric=(1, 2, 3),
    )


def _direction_cells(counts: Counter) -> list[str]:
    inbound, outbound = counts[Direction.INBOUND], counts[Direction.OUTBOUND]
    return [str(inbound), str(outbound), str(inbound + outbound)]


def agreements_section(period: Period, links: Links) -> Section:
    signed, signed_total = capped(
        Agreement.objects.filter(period.partial_date_q("signed_on"))
        .prefetch_related("partners")
        .order_by("signed_on", "pk"),
        LIST_CAP,
    )
    # The moves of the status history made in the period; the first line of a record says how it was entered, not
    # when anything happened, and is left out.
    moves = AgreementStatusChange.objects.filter(period.date_q("changed_at__date"), to_status__in=ENDINGS).exclude(
        from_status=""
    )
    kinds = dict(moves.order_by().values_list("to_status").annotate(n=Count("pk")))
    ended, ended_total = capped(moves.select_related("agreement").order_by("changed_at", "pk"), LIST_CAP)
    summary = [_("Ký mới trong kỳ: %(n)s văn bản.") % {"n": signed_total}]
    summary += [f"{AgreementStatus(status).label}: {kinds.get(status, 0)}." for status in ENDINGS]
    return Section(
        _("Thỏa thuận hợp tác"),
        summary=summary,
        tables=[
            Table(
                _("Thỏa thuận ký trong kỳ"),
                [_("Thỏa thuận"), _("Loại văn bản"), _("Ngày ký"), _("Đối tác"), _("Trạng thái")],
                [
                    [
                        agreement.title,
                        agreement.get_kind_display(),
                        _date(agreement.signed_on),
                        ", ".join(partner.name for partner in agreement.partners.all()) or "—",
                        agreement.get_status_display(),
                    ]
                    for agreement in signed
                ],
                links.signed_agreements(),
                **more_rows(signed_total, len(signed), _("thỏa thuận")),
                empty=_("Không có thỏa thuận nào ký trong kỳ."),
            ),
            Table(
                _("Thỏa thuận gia hạn, sửa đổi, hết hiệu lực, chấm dứt trong kỳ"),
                [_("Thỏa thuận"), _("Chuyển sang"), _("Ngày"), _("Lý do")],
                [
                    [move.agreement.title, move.get_to_status_display(), _date(move.changed_at), _cut(move.reason)]
                    for move in ended
                ],
                links.agreements(sort="-status"),
                note=_(
                    "Theo lịch sử trạng thái của từng thỏa thuận. Danh sách lọc theo trạng thái hiện tại, ví dụ "
                    "status=expired, không lọc theo ngày chuyển."
                ),
                **more_rows(ended_total, len(ended), _("thỏa thuận")),
                empty=_("Không có thỏa thuận nào gia hạn, sửa đổi, hết hiệu lực hay chấm dứt trong kỳ."),
            ),
        ],
    )


def reviews_section(period: Period, links: Links) -> Section:
    approved = AgreementReview.objects.filter(period.date_q("decided_at__date"), status=ReviewStatus.APPROVED)
    recommendations = dict(approved.order_by().values_list("recommendation").annotate(n=Count("pk")))
    rows, total = capped(approved.select_related("agreement").order_by("decided_at", "pk"), LIST_CAP)
    more = more_rows(total, len(rows), _("kết quả rà soát"))
    summary = [_("Rà soát được phê duyệt trong kỳ: %(n)s.") % {"n": total}]
    summary += [
        _("Kiến nghị “%(recommendation)s”: %(count)s.") % {"recommendation": label, "count": recommendations[value]}
        for value, label in AgreementReview._meta.get_field("recommendation").choices
        if recommendations.get(value)
    ]
    return Section(
        _("Rà soát, đánh giá hiệu quả thỏa thuận"),
        summary=summary,
        tables=[
            Table(
                _("Kết quả rà soát được phê duyệt trong kỳ"),
                [_("Thỏa thuận"), _("Phê duyệt ngày"), _("Đánh giá"), _("Kiến nghị"), _("Bước tiếp theo")],
                [
                    [
                        review.agreement.title,
                        _date(review.decided_at),
                        review.get_rating_display() or "—",
                        review.get_recommendation_display() or "—",
                        _cut(review.next_steps) or "—",
                    ]
                    for review in rows
                ],
                links.list_url("dashboard:review-list", status=ReviewStatus.APPROVED, sort="-period_end"),
                note=_("Danh sách lọc theo trạng thái “đã phê duyệt”; ngày phê duyệt ghi trong từng rà soát."),
                **more,
                empty=_("Không có rà soát nào được phê duyệt trong kỳ."),
            )
        ],
    )


def _follow_up_table(title: str, queryset: QuerySet, links: Links, empty: str) -> Table:
    rows, total = capped(
        queryset.select_related("delegation", "owner", "owner_unit").order_by("due_on", "delegation_id", "pk"), LIST_CAP
    )
    more = more_rows(total, len(rows), _("việc"))
    return Table(
        title,
        [_("Việc cần làm"), _("Đoàn"), _("Phụ trách"), _("Hạn"), _("Hoàn thành")],
        [
            [
                _cut(action.description),
                action.delegation.title,
                (action.owner.full_name if action.owner else "")
                or (action.owner_unit.name if action.owner_unit else "—"),
                _date(action.due_on),
                _date(action.completed_on),
            ]
            for action in rows
        ],
        links.delegations(),
        note=_("Việc cần theo dõi ghi ở trang của từng đoàn; trang tổng hợp không có danh sách riêng."),
        **more,
        empty=empty,
    )


def follow_ups_section(period: Period, links: Links) -> Section:
    done = FollowUpAction.objects.filter(period.date_q("completed_on"), status=FollowUpStatus.DONE)
    # Outstanding when the report is made: still open, and due by the period's end or from a delegation of the period.
    outstanding = FollowUpAction.objects.filter(status=FollowUpStatus.OPEN).filter(
        Q(due_on__lte=period.end) | period.partial_date_q("delegation__starts_on")
    )
    done_table = _follow_up_table(
        _("Việc đã hoàn thành trong kỳ"), done, links, _("Không có việc nào hoàn thành trong kỳ.")
    )
    open_table = _follow_up_table(
        _("Việc còn đang thực hiện"), outstanding, links, _("Không có việc nào còn tồn đọng.")
    )
    return Section(
        _("Việc cần theo dõi sau các đoàn"),
        summary=[
            _(
                "Đã hoàn thành trong kỳ: %(done)s việc; còn đang thực hiện (đến hạn trong kỳ trở về trước, hoặc của "
                "đoàn trong kỳ): %(open)s việc."
            )
            % {"done": len(done_table.rows) + done_table.more, "open": len(open_table.rows) + open_table.more}
        ],
        tables=[done_table, open_table],
    )


def _project_tables(title: str, queryset: QuerySet, links: Links, params: dict, empty: str) -> list[Table]:
    totals = format_currency_totals(
        fold_by_currency(
            queryset.order_by()
            .values("committed_currency", "disbursed_currency")
            .annotate(committed=Sum("committed_amount"), disbursed=Sum("disbursed_amount"))
        )
    )
    rows, total = capped(queryset.select_related("partner", "channel").order_by("starts_on", "pk"), LIST_CAP)
    more = more_rows(total, len(rows), _("dự án"))
    url = links.list_url("dashboard:project-list", **params)
    return [
        Table(
            title,
            [
                _("Dự án"),
                _("Loại dự án"),
                _("Nhà tài trợ / nhà đầu tư"),
                _("Bắt đầu"),
                _("Kết thúc"),
                _("Vốn cam kết / đăng ký"),
                _("Vốn đã giải ngân"),
            ],
            [
                [
                    project.title,
                    project.get_kind_display(),
                    ", ".join(dict.fromkeys(p.name for p in (project.partner, project.channel) if p)) or "—",
                    _date(project.starts_on),
                    _date(project.ends_on),
                    project.committed or "—",
                    project.disbursed or "—",
                ]
                for project in rows
            ],
            url,
            note=_("Danh sách dự án không lọc theo ngày; sắp xếp theo ngày để đối chiếu."),
            **more,
            empty=empty,
        ),
        Table(
            _("%(title)s: vốn theo loại tiền") % {"title": title},
            [_("Tiền tệ"), _("Vốn cam kết / đăng ký"), _("Vốn đã giải ngân")],
            [[row["currency"], row["committed"], row["disbursed"]] for row in totals],
            url,
            note=_("Cộng riêng từng loại tiền; chỉ gồm các dự án có ghi số vốn."),
            numeric=(1, 2),
            empty=_("Không có dự án nào ghi số vốn."),
        ),
    ]


def projects_section(period: Period, links: Links) -> Section:
    started = Project.objects.filter(period.partial_date_q("starts_on"))
    completed = Project.objects.filter(period.partial_date_q("ends_on"), status=ProjectStatus.COMPLETED)
    return Section(
        _("Dự án hợp tác"),
        tables=[
            *_project_tables(
                _("Dự án bắt đầu trong kỳ"),
                started,
                links,
                {"sort": "starts"},
                _("Không có dự án nào bắt đầu trong kỳ."),
            ),
            *_project_tables(
                _("Dự án hoàn thành trong kỳ"),
                completed,
                links,
                {"status": ProjectStatus.COMPLETED, "sort": "ends"},
                _("Không có dự án nào hoàn thành trong kỳ."),
            ),
        ],
    )


def figures_section(period: Period, links: Links) -> Section:
    """Figures whose own period (or "as of" date) lies in the report's period, as their sources state them."""
    start, end = period.partial_date_q("period_start"), period.partial_date_q("period_end")
    in_period = (start & end) | (start & Q(period_end="")) | (Q(period_start="") & end) | period.partial_date_q("as_of")
    rows, total = capped(
        ReportedFigure.objects.filter(in_period).select_related("country").order_by("period_start", "subject", "pk"),
        LIST_CAP,
    )
    more = more_rows(total, len(rows), _("số liệu"))
    return Section(
        _("Số liệu theo nguồn đã công bố"),
        tables=[
            Table(
                _("Số liệu của kỳ"),
                [_("Nội dung thống kê"), _("Số liệu"), _("Kỳ"), _("Nguồn")],
                [
                    [
                        figure.subject + (f" ({figure.country.name})" if figure.country else ""),
                        figure.stated_value,
                        _figure_period(figure),
                        figure.source_title
                        + (f", {figure.source_date}" if figure.source_date else "")
                        + (f"; {figure.source_published_in}" if figure.source_published_in else "")
                        + (f" <{figure.source_url}>" if figure.source_url else ""),
                    ]
                    for figure in rows
                ],
                links.list_url("dashboard:overview"),
                note=_("Con số do nguồn nêu, giữ nguyên như nguồn viết; trang Tổng quan liệt kê các số liệu này."),
                **more,
                empty=_("Không có số liệu nào của kỳ."),
            )
        ],
    )


def _figure_period(figure: ReportedFigure) -> str:
    if figure.as_of:
        return _("tính đến %(day)s") % {"day": figure.as_of}
    if figure.period_start == figure.period_end:
        return str(figure.period_start)
    return f"{figure.period_start or '…'} – {figure.period_end or '…'}"


def partners_section(period: Period, links: Links) -> Section:
    rows, total = capped(
        Partner.objects.filter(period.partial_date_q("relationship_since"))
        .select_related("country")
        .order_by("relationship_since", "name_vi", "pk"),
        LIST_CAP,
    )
    more = more_rows(total, len(rows), _("đối tác"))
    return Section(
        _("Đối tác mới"),
        summary=[_("Đối tác bắt đầu quan hệ trong kỳ: %(n)s.") % {"n": total}],
        tables=[
            Table(
                _("Đối tác bắt đầu quan hệ trong kỳ"),
                [_("Đối tác"), _("Quốc gia"), _("Loại đối tác"), _("Tình trạng quan hệ"), _("Quan hệ từ")],
                [
                    [
                        partner.name,
                        partner.country.name,
                        partner.get_kind_display(),
                        partner.get_relationship_status_display() or "—",
                        _date(partner.relationship_since),
                    ]
                    for partner in rows
                ],
                links.list_url("dashboard:partner-list", sort="-since"),
                note=_("Danh sách đối tác sắp xếp theo ngày bắt đầu quan hệ, mới nhất trước."),
                **more,
                empty=_("Không có đối tác mới trong kỳ."),
            )
        ],
    )
