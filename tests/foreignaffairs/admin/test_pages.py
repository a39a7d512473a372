"""Every admin changelist, add and change page renders with the demo data, as a superuser."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegations.models import Delegation
from foreignaffairs.accounts.roles import DOMAIN_APPS
from partners.models import Country, Partner

DOMAIN_MODELS = [model for model in admin.site._registry if model._meta.app_label in DOMAIN_APPS]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_render(admin_client, demo, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist"), {"q": "hue"}).status_code == 200
    assert admin_client.get(_url(model, "add")).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        response = admin_client.get(_url(model, "change", obj.pk))
        assert response.status_code == 200
        assert admin_client.get(_url(model, "history", obj.pk)).status_code == 200


def test_the_admin_speaks_vietnamese_and_names_the_department(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert 'lang="vi"' in response.text
    assert "Sở Ngoại vụ thành phố Huế" in response.text


def test_admin_search_ignores_diacritics(admin_client, demo):
    response = admin_client.get(_url(Partner, "changelist"), {"q": "dongnae"})
    assert "Quận Dongnae" in response.text
    response = admin_client.get(reverse("admin:partners_person_changelist"), {"q": "nguyen dinh trung"})
    assert "Nguyễn Đình Trung" in response.text
    assert "Nguyễn Văn Phúc" not in response.text


def _changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(model, "changelist")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m._meta.label)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, demo, model):
    before = _changelist_queries(admin_client, model)
    _add_rows(model, 12)
    after = _changelist_queries(admin_client, model)
    assert after == before, f"{model._meta.label}: {before} queries with the demo data, {after} with 12 more rows"


def _add_rows(model, count: int) -> None:
    """Copies of existing rows (with their relations), so the changelist has more of what it shows."""
    korea = Country.objects.get(code="KR")
    if model is Partner:
        for i in range(count):
            partner = Partner.objects.create(kind="city", name_vi=f"Thành phố thử {i}", country=korea)
            partner.fields.set(Partner.objects.first().fields.all() or [])
        return
    if model is Delegation:
        for i in range(count):
            delegation = Delegation.objects.create(direction="inbound", title_vi=f"Đoàn thử {i}")
            delegation.countries.set([korea])
        return
    template = model.objects.first()
    if template is None or model is Country:
        return  # Every ISO country already exists; that list is as long as it gets.
    m2m = {field.name: list(getattr(template, field.name).all()) for field in model._meta.many_to_many}
    unique_text = {
        name: getattr(template, name)
        for name in ("code", "name_vi", "reference_number", "full_name")
        if isinstance(getattr(template, name, None), str)
    }
    for i in range(count):
        template.pk = template.id = None
        for name, original in unique_text.items():
            setattr(template, name, f"{original[:20]}-{i}")
        template.save()
        for name, related in m2m.items():
            getattr(template, name).set(related)
