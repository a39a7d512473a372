"""Our Content-Security-Policy allows no inline style= attributes; admin pages that had one get a class from
static/admin-extra.css instead (simple_history's object history page)."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from partners.models import Partner

INLINE_STYLE = re.compile(r"<[^>]+\sstyle=", re.IGNORECASE)


@pytest.fixture
def partner(demo):
    return Partner.objects.order_by("pk").first()


def test_it_writes_no_inline_style_on_the_history_page(admin_client, partner):
    response = admin_client.get(reverse("admin:partners_partner_history", args=[partner.pk]))
    assert response.status_code == 200
    assert "history-paginator" in response.text
    assert not INLINE_STYLE.search(response.text)


@pytest.mark.parametrize("page", ["admin:index", "admin:partners_partner_changelist"])
def test_it_loads_the_extra_stylesheet_on_admin_pages(admin_client, partner, page):
    response = admin_client.get(reverse(page))
    assert response.status_code == 200
    assert "admin-extra.css" in response.text
    assert finders.find("admin-extra.css")
