"""Every admin change form saves when posted back exactly as rendered: every registered model, every row, as the
administrator and as an editor (where the editor may change it).

A form that renders one field fewer than it expects (the stale-edit guard's hidden field, say) refuses every save
of an unchanged record; only a test that posts what the HTML holds can see that.
"""

import datetime

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db.models import Q
from django.test import Client, RequestFactory
from django.utils import timezone

from agreements.models import Agreement, AgreementDocument
from delegations.models import Delegation, FollowUpAction, ItineraryItem
from foreignaffairs.concurrency import STALE_EDIT_MESSAGE
from foreignaffairs.models import APIToken
from partners.choices import CountryPriority
from partners.models import Country
from tests.conftest import admin_change_url
from tests.forms import SAVE, page_form_data

STALE = str(STALE_EDIT_MESSAGE).split("%", 1)[0]  # "Bản ghi này đã được "


@pytest.fixture
def every_kind_of_row(demo, role_users, settings, tmp_path):
    """The demo data, plus a row of each kind the demo has none of, so that every form and inline is rendered."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    agreement = Agreement.objects.filter(reviews__isnull=False).order_by("pk").first()
    document = AgreementDocument(agreement=agreement, kind="signed_original", title="Bản ký")
    document.file.save("ban-ky.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    delegation = Delegation.objects.filter(members__isnull=False).order_by("pk").first()
    FollowUpAction.objects.create(
        delegation=delegation, description="Gửi thư cảm ơn", due_on=datetime.date(2027, 1, 15)
    )
    ItineraryItem.objects.create(
        delegation=delegation, activity="Hội kiến", place="Huế", starts_at=timezone.now().replace(microsecond=0)
    )
    APIToken.objects.create(user=role_users["administrator"], name="Cổng thông tin", key_hash="0" * 64, prefix="abc")
    return role_users


def may_change(model_admin, user, obj) -> bool:
    request = RequestFactory().get("/")
    request.user = user
    return model_admin.has_change_permission(request, obj)


def rows_of(model):
    """Every row, but of the 249 ISO countries (one form, one shape) only those the demo uses or ranks, and one more."""
    rows = model._default_manager.order_by("pk")
    if model is Country:
        in_use = Q(partners__isnull=False) | ~Q(priority=CountryPriority.NORMAL) | Q(pk=rows.first().pk)
        rows = rows.filter(in_use).distinct()
    return rows


@pytest.mark.parametrize("role", ["administrator", "editor"])
def test_it_saves_every_change_form_posted_back_unchanged(every_kind_of_row, role):
    user = every_kind_of_row[role]
    client = Client()
    client.force_login(user)
    refused, saved = [], 0
    for model, model_admin in admin.site._registry.items():
        for obj in rows_of(model):
            if not may_change(model_admin, user, obj):
                continue
            page = client.get(admin_change_url(obj))
            assert page.status_code == 200, admin_change_url(obj)
            response = client.post(admin_change_url(obj), page_form_data(page, press=SAVE))
            if response.status_code != 302:
                refused.append(f"{model._meta.label} {obj.pk}: {_errors(response)}")
            saved += 1
    assert refused == [], "\n".join(refused)
    assert saved > 30


def _errors(response) -> str:
    if STALE in response.content.decode():
        return "refused as stale"
    context = response.context
    inline_errors = [inline.formset.errors for inline in context["inline_admin_formsets"]]
    return f"{context['adminform'].form.errors.as_data()} {inline_errors}"
