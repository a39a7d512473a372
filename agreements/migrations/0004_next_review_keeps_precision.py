"""An agreement's next review date keeps the precision of the date it is counted from.

Signed "08/2025" and reviewed every 12 months, an agreement is due "08/2026"; the old date column made that
01/08/2026, a day nobody chose, and called the review overdue from 02/08. The column becomes a partial date (ISO
text, as signed_on), beside it the last day it may stand for (`next_review_deadline`), which "overdue" and "due
within" compare with today.

The type change goes through a nullable text column first, so that every stored date survives as its ISO text
on SQLite and PostgreSQL alike; then every agreement's date is computed again from its signing and approved
reviews, the way Agreement.save() does.
"""

from django.db import migrations, models

import foreignaffairs.partial_dates

HELP_NEXT = (
    "Tính từ lần rà soát được phê duyệt gần nhất, hoặc từ ngày ký nếu chưa rà soát lần nào; biết đến đâu ghi đến "
    "đó: ký tháng 08/2025, rà soát 12 tháng một lần thì hạn là 08/2026."
)
HELP_DEADLINE = (
    "Ngày cuối cùng của hạn rà soát: hết tháng khi hạn chỉ rõ tháng, hết năm khi chỉ rõ năm. Qua ngày này thỏa "
    "thuận mới bị coi là quá hạn rà soát."
)
BATCH = 2000


def recompute_next_reviews(apps, schema_editor):
    from agreements.models import next_review_from
    Agreement = apps.get_model("agreements", "Agreement")
    HistoricalAgreement = apps.get_model("agreements", "HistoricalAgreement")
    AgreementReview = apps.get_model("agreements", "AgreementReview")
    HistoricalAgreement.objects.filter(next_review_on__isnull=True).update(next_review_on="")

    # The latest approval per agreement, read once: ordered so that the last row of each agreement wins.
    approvals = {}
    for agreement_id, next_on, decided_at in (
        AgreementReview.objects.filter(status="approved", decided_at__isnull=False)
        .order_by("agreement_id", "decided_at", "pk")
        .values_list("agreement_id", "next_review_on", "decided_at")
    ):
        approvals[agreement_id] = (next_on, decided_at)
    # An approval with no time on record (data loaded in bulk) still counts when it is the only one.
    for agreement_id, next_on in (
        AgreementReview.objects.filter(status="approved", decided_at__isnull=True)
        .order_by("agreement_id", "pk")
        .values_list("agreement_id", "next_review_on")
    ):
        approvals.setdefault(agreement_id, (next_on, None))

    changed = []
    for agreement in Agreement.objects.only("pk", "signed_on", "review_interval_months").iterator(chunk_size=BATCH):
        # signed_on is a PartialDateField in this state too: already a PartialDate, or None when unknown.
        signed = agreement.signed_on
        approved_next, approved_at = approvals.get(agreement.pk, (None, None))
        next_review = next_review_from(
            signed, agreement.review_interval_months, approved_next=approved_next, approved_at=approved_at
        )
        agreement.next_review_on = next_review.isoformat() if next_review else ""
        agreement.next_review_deadline = next_review.latest() if next_review else None
        changed.append(agreement)
        if len(changed) == BATCH:
            Agreement.objects.bulk_update(changed, ["next_review_on", "next_review_deadline"])
            changed = []
    Agreement.objects.bulk_update(changed, ["next_review_on", "next_review_deadline"])


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0003_list_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="agreement", name="agreement_status_review_idx"),
        migrations.AddField(
            model_name="agreement",
            name="next_review_deadline",
            field=models.DateField(
                blank=True,
                db_index=True,
                editable=False,
                help_text=HELP_DEADLINE,
                null=True,
                verbose_name="hạn rà soát chậm nhất",
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="next_review_deadline",
            field=models.DateField(
                blank=True,
                db_index=True,
                editable=False,
                help_text=HELP_DEADLINE,
                null=True,
                verbose_name="hạn rà soát chậm nhất",
            ),
        ),
        migrations.AlterField(
            model_name="agreement",
            name="next_review_on",
            field=models.CharField(max_length=10, null=True, editable=False),
        ),
        migrations.AlterField(
            model_name="historicalagreement",
            name="next_review_on",
            field=models.CharField(max_length=10, null=True, editable=False),
        ),
        migrations.RunPython(recompute_next_reviews, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="agreement",
            name="next_review_on",
            field=foreignaffairs.partial_dates.PartialDateField(
                blank=True, default="", editable=False, help_text=HELP_NEXT, verbose_name="hạn rà soát tiếp theo"
            ),
        ),
        migrations.AlterField(
            model_name="historicalagreement",
            name="next_review_on",
            field=foreignaffairs.partial_dates.PartialDateField(
                blank=True, default="", editable=False, help_text=HELP_NEXT, verbose_name="hạn rà soát tiếp theo"
            ),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                fields=["status", "next_review_deadline", "expires_on", "signed_on", "next_review_on"],
                name="agreement_status_review_idx",
            ),
        ),
    ]
