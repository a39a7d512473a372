"""A reviewer approves a review an officer submitted; re-running `load_demo` (as `make run` does) keeps it approved."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from agreements import review_workflow
from agreements.choices import EffectivenessRating, Recommendation
from agreements.models import AgreementReview
from tests.journeys.conftest import log_in, status_field

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

REVIEW = "Rà soát Thỏa thuận hợp tác giữa thành phố Huế và thành phố Gyeongju"


@pytest.fixture
def submitted_review(site):
    """The demo's Gyeongju review, completed and submitted by the editor."""
    review = AgreementReview.objects.get(agreement__title_vi__contains="Gyeongju")
    review.activities = "Trao đổi đoàn văn hóa, du lịch giữa hai thành phố."
    review.rating = EffectivenessRating.EFFECTIVE
    review.findings = "Hai bên duy trì trao đổi đoàn; cần thêm hoạt động trong bối cảnh đô thị mới."
    review.recommendation = Recommendation.CONTINUE
    review.save()
    review_workflow.submit(review, site.users["editor"])
    return review


def test_it_approves_a_submitted_review_that_a_demo_reload_leaves_approved(site, submitted_review, page, camera):
    page.goto(f"{site.url}/admin/")
    log_in(page, "reviewer")
    page.get_by_role("link", name="Rà soát, đánh giá hiệu quả", exact=True).first.click()
    page.locator("#result_list").get_by_role("link", name=REVIEW).click()
    expect(status_field(page)).to_have_text("Đã trình")
    camera("review-submitted")

    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Đã phê duyệt")
    expect(status_field(page)).to_have_text("Đã phê duyệt")
    camera("review-approved")

    # `make run` loads the demo again on every start.
    call_command("load_demo", verbosity=0)
    page.reload()
    expect(status_field(page)).to_have_text("Đã phê duyệt")
    camera("review-after-load-demo")

    # Approved with "continue", the agreement is back in effect; the reload left that alone too.
    page.locator(".form-row.field-agreement").get_by_role("link").click()
    expect(status_field(page)).to_have_text("Đang có hiệu lực")
    camera("agreement-after-load-demo")
