"""Who may open what: every named URL of the site, for each role, allowed or refused.

The URL resolver is walked, so a page added anywhere is found here. A URL name with no rule below FAILS the test:
a new page cannot slip through without someone deciding who may see it. Adding a page is one line in PAGES; a
new model's admin pages are one line in ADMIN_MODELS (its changelist/add/change/delete/history pages follow).

Refused means 403 or 401 (the API), or a redirect to a login page (anonymous users; non-staff users in the
admin). Allowed means any other answer below 500: a page, a redirect elsewhere, or a form refusing bad input.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from agreements.models import Agreement, AgreementDocument, AgreementReview
from delegations.models import Delegation, FollowUpAction
from foreignaffairs.api.auth import hash_key
from foreignaffairs.journal.models import JournalAttachment, JournalEntry
from foreignaffairs.models import APIToken, CalendarFeedToken
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person
from projects.models import Project, ReportedFigure
from tests.conftest import admin_change_url, write_export_snapshot
from tests.forms import page_form_data

ANONYMOUS, VIEWER, EDITOR, REVIEWER, ADMINISTRATOR = "anonymous", "viewer", "editor", "reviewer", "administrator"
ROLES = (ANONYMOUS, VIEWER, EDITOR, REVIEWER, ADMINISTRATOR)

EVERYONE = frozenset(ROLES)
LOGGED_IN = frozenset({VIEWER, EDITOR, REVIEWER, ADMINISTRATOR})
STAFF = frozenset({EDITOR, REVIEWER, ADMINISTRATOR})
ADMINS = frozenset({ADMINISTRATOR})
NOBODY = frozenset()


@dataclass(frozen=True)
class Page:
    allowed: frozenset
    kwargs: Callable[[], dict] = dict  # the URL's arguments, looked up when the test runs (the demo data is there)
    method: str = "get"
    query: dict = field(default_factory=dict)
    refused_as_404: bool = False  # the admin hides an app a user may not see instead of refusing it
    path: str = ""  # a fixed address, for a pattern reverse() cannot build (a catch-all)


def pk_of(model) -> Callable[[], dict]:
    return lambda: {"pk": model.objects.order_by("pk").first().pk}


def calendar_address_of(username: str) -> str:
    """A fresh key of `username`'s calendar feed, made as their own page makes it."""
    key = secrets.token_urlsafe(32)
    user = get_user_model().objects.get(username=username)
    CalendarFeedToken.objects.update_or_create(user=user, defaults={"key_hash": hash_key(key)})
    return key


# Pages outside the admin's per-model pages: one line each.
PAGES: dict[str, Page] = {
    # The admin's own pages
    "admin:index": Page(STAFF),
    # The load balancer's probe: no login, no data (foreignaffairs.ops.health).
    "healthz": Page(EVERYONE),
    # A redirect to the projects' new admin address, which then decides who may see it.
    "admin-projects-moved": Page(EVERYONE, path="/admin/agreements/project/"),
    "admin:login": Page(EVERYONE),
    "admin:logout": Page(EVERYONE, method="post"),
    "admin:password_change": Page(STAFF),
    "admin:password_change_done": Page(STAFF),
    "admin:jsi18n": Page(STAFF),
    "admin:autocomplete": Page(
        STAFF, query={"app_label": "agreements", "model_name": "agreement", "field_name": "partners"}
    ),
    "admin:view_on_site": Page(
        STAFF,
        kwargs=lambda: {
            "content_type_id": ContentType.objects.get_for_model(Partner).pk,
            "object_id": Partner.objects.order_by("pk").first().pk,
        },
    ),
    # Log in, out, passwords, language
    "login": Page(EVERYONE),
    "logout": Page(EVERYONE, method="post"),
    "password_change": Page(LOGGED_IN),
    "password_change_done": Page(LOGGED_IN),
    "password_reset": Page(EVERYONE),
    "password_reset_done": Page(EVERYONE),
    "password_reset_confirm": Page(EVERYONE, kwargs=lambda: {"uidb64": "MQ", "token": "not-a-real-token"}),
    "password_reset_complete": Page(EVERYONE),
    "set_language": Page(EVERYONE, method="post"),
    # The second factor (foreignaffairs.accounts.two_factor): everyone logged in has their own pages; a verified
    # session asking for the code or the backup codes again is sent on.
    "two_factor:manage": Page(LOGGED_IN),
    "two_factor:verify": Page(LOGGED_IN),
    "two_factor:enrol": Page(LOGGED_IN),
    "two_factor:backup-codes": Page(LOGGED_IN),
    # Documents, only to those who may view agreements
    "document-download": Page(LOGGED_IN, kwargs=pk_of(AgreementDocument)),
    "journal-attachment": Page(LOGGED_IN, kwargs=pk_of(JournalAttachment)),
    # Viewers read the journal; those who edit records add to it.
    "journal-add": Page(STAFF, kwargs=lambda: {"subject": "partner", "pk": Partner.objects.order_by("pk").first().pk}),
    # Dashboards
    "dashboard:overview": Page(LOGGED_IN),
    "dashboard:partner-list": Page(LOGGED_IN),
    "dashboard:partner-detail": Page(LOGGED_IN, kwargs=pk_of(Partner)),
    "dashboard:partner-briefing": Page(LOGGED_IN, kwargs=pk_of(Partner)),
    "dashboard:person-list": Page(LOGGED_IN),
    "dashboard:person-detail": Page(LOGGED_IN, kwargs=pk_of(Person)),
    "dashboard:agreement-list": Page(LOGGED_IN),
    "dashboard:agreement-detail": Page(LOGGED_IN, kwargs=pk_of(Agreement)),
    "dashboard:review-list": Page(LOGGED_IN),
    "dashboard:project-list": Page(LOGGED_IN),
    "dashboard:project-detail": Page(LOGGED_IN, kwargs=pk_of(Project)),
    "dashboard:delegation-list": Page(LOGGED_IN),
    "dashboard:delegation-detail": Page(LOGGED_IN, kwargs=pk_of(Delegation)),
    "dashboard:calendar": Page(LOGGED_IN),
    # Everyone logged in makes their own calendar address; the feed answers whoever holds one, with no session.
    "dashboard:calendar-subscription": Page(LOGGED_IN),
    "dashboard:calendar-feed": Page(EVERYONE, kwargs=lambda: {"key": calendar_address_of(VIEWER)}),
    # One search box: everyone logged in searches the kinds they may view (none: refused).
    "dashboard:search": Page(LOGGED_IN, query={"q": "hue"}),
    "dashboard:report": Page(LOGGED_IN),
    # The read-only API
    "api:partner-list": Page(LOGGED_IN),
    "api:partner-detail": Page(LOGGED_IN, kwargs=pk_of(Partner)),
    "api:country-list": Page(LOGGED_IN),
    "api:country-detail": Page(LOGGED_IN, kwargs=pk_of(Country)),
    "api:field-list": Page(LOGGED_IN),
    "api:field-detail": Page(LOGGED_IN, kwargs=pk_of(FieldOfCooperation)),
    "api:unit-list": Page(LOGGED_IN),
    "api:unit-detail": Page(LOGGED_IN, kwargs=pk_of(HueUnit)),
    "api:person-list": Page(LOGGED_IN),
    "api:person-detail": Page(LOGGED_IN, kwargs=pk_of(Person)),
    "api:agreement-list": Page(LOGGED_IN),
    "api:agreement-detail": Page(LOGGED_IN, kwargs=pk_of(Agreement)),
    "api:review-list": Page(LOGGED_IN),
    "api:review-detail": Page(LOGGED_IN, kwargs=pk_of(AgreementReview)),
    "api:project-list": Page(LOGGED_IN),
    "api:project-detail": Page(LOGGED_IN, kwargs=pk_of(Project)),
    "api:figure-list": Page(LOGGED_IN),
    "api:figure-detail": Page(LOGGED_IN, kwargs=pk_of(ReportedFigure)),
    "api:delegation-list": Page(LOGGED_IN),
    "api:delegation-detail": Page(LOGGED_IN, kwargs=pk_of(Delegation)),
    "api:export": Page(LOGGED_IN),
    "api:search": Page(LOGGED_IN, query={"q": "hue"}),
    # The schema describes the endpoints, not the data; other systems' developers read it before they have a key.
    "api:schema": Page(EVERYONE),
    "api:docs": Page(EVERYONE),
    "api:unknown": Page(NOBODY, path="/api/v1/no-such-endpoint/", refused_as_404=True),
}

# The admin pages of one model, by what the model is. A model's extra admin pages (a restore button, …) are
# named here too, so that they need a decision like everything else.
DOMAIN = {
    "changelist": STAFF,
    "add": STAFF,
    "change": STAFF,
    "history": STAFF,
    "simple_history": STAFF,
    "deleted": STAFF,
    "delete": ADMINS,
    "restore": ADMINS,
}
# Reference data (countries, fields of cooperation, Huế units): every member of staff reads it and picks from it;
# only administrators add or change it (foreignaffairs.accounts.roles.REFERENCE_MODELS). The change page answers
# the others read-only, and refuses their POST (test_it_lets_only_administrators_change_reference_data).
REFERENCE = {**DOMAIN, "add": ADMINS}
ADMINISTRATION = {"changelist": ADMINS, "add": ADMINS, "change": ADMINS, "history": ADMINS, "delete": ADMINS}
LOGIN_LOG = {**ADMINISTRATION, "add": NOBODY}  # django-axes' records are written by logins, never by hand

ADMIN_MODELS: dict[str, dict[str, frozenset]] = {
    "partners.country": REFERENCE,
    "partners.fieldofcooperation": REFERENCE,
    "partners.hueunit": REFERENCE,
    # Importing from Excel adds and changes records: whoever may do both (foreignaffairs.imports.admin).
    "partners.partner": {**DOMAIN, "import": STAFF, "import_template": STAFF},
    "partners.person": {**DOMAIN, "import": STAFF, "import_template": STAFF},
    "agreements.agreement": {**DOMAIN, "import": STAFF, "import_template": STAFF},
    "agreements.agreementreview": DOMAIN,
    "projects.project": {**DOMAIN, "import": STAFF, "import_template": STAFF},
    "projects.reportedfigure": DOMAIN,
    "delegations.delegation": {**DOMAIN, "import": STAFF, "import_template": STAFF},
    "delegations.delegationmember": {**DOMAIN, "import": STAFF, "import_template": STAFF},
    "delegations.followupaction": DOMAIN,
    "journal.journalentry": DOMAIN,
    "auth.user": {**ADMINISTRATION, "password_change": ADMINS, "two_factor_reset": ADMINS},
    "auth.group": ADMINISTRATION,
    "foreignaffairs.apitoken": ADMINISTRATION,
    "axes.accessattempt": LOGIN_LOG,
    "axes.accesslog": LOGIN_LOG,
    "axes.accessfailurelog": LOGIN_LOG,
}
ADMIN_APPS: dict[str, frozenset] = {
    "partners": STAFF,
    "agreements": STAFF,
    "delegations": STAFF,
    "journal": STAFF,
    "auth": ADMINS,
    "axes": ADMINS,
    "foreignaffairs": ADMINS,
}
# Admin pages that take a POST and change something: asked with POST, like the browser's button does.
POST_ONLY_VIEWS = {"restore"}
# Routes without a name: the root redirect and the admin's own fall-backs (a redirect, a catch-all 404).
UNNAMED_ROUTES = re.compile(r"^$|^admin/\w+/\w+/<path:object_id>/$|^admin/\(\?P<url>\.\*\)\$$")


def named_routes(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route) of every URL pattern, walking included URLconfs."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from named_routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern)


def admin_model_page(name: str):
    """(model label, view) if `name` is one of the admin's per-model pages, else None."""
    if not name.startswith("admin:"):
        return None
    for model in admin.site._registry:
        stem = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(stem):
            return model._meta.label_lower, name.removeprefix(stem)
    return None


def rule_for(name: str) -> Page:
    if name in PAGES:
        return PAGES[name]
    model_page = admin_model_page(name)
    if model_page is None:
        raise LookupError(f"no rule for URL {name!r}: add a line to PAGES in {__name__}")
    label, view = model_page
    if label not in ADMIN_MODELS:
        raise LookupError(f"no rule for the admin pages of {label}: add a line to ADMIN_MODELS in {__name__}")
    if view not in ADMIN_MODELS[label]:
        raise LookupError(f"no rule for the admin page {name!r}: add {view!r} to {label} in ADMIN_MODELS")
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    return Page(
        ADMIN_MODELS[label][view],
        kwargs=lambda: admin_view_args(model, view),
        method="post" if view in POST_ONLY_VIEWS else "get",
    )


def admin_view_args(model, view: str) -> dict:
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} to open its {view} page with; create one in the fixture"
    if view in ("changelist", "add", "deleted", "import", "import_template"):
        return {}
    if view == "simple_history":
        return {"args": [obj.pk, obj.history.order_by("history_id").first().history_id]}
    if view == "restore":
        # A deletion record of a record that still exists: restore answers "nothing to restore", changing nothing.
        record = obj.history.order_by("history_id").first()
        record.history_id, record.history_type = None, "-"
        record.save()
        return {"args": [record.history_id]}
    return {"args": [obj.pk]}


def every_url_name() -> list[str]:
    return sorted({name for name, _route in named_routes() if name})


def requests_for(name: str) -> list[tuple[str, Page, dict]]:
    """One or more (URL name, rule, reverse() arguments) for `name`; the admin's app index has one per app."""
    if name == "admin:app_list":
        return [
            (name, Page(allowed, refused_as_404=True), {"kwargs": {"app_label": app}})
            for app, allowed in ADMIN_APPS.items()
        ]
    rule = rule_for(name)
    return [(name, rule, None)]


@pytest.fixture
def site(demo, role_users, settings, tmp_path):
    """The demo data, one user per role, and one record of each kind the admin lists (a document, a token, …)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    agreement = Agreement.objects.order_by("pk").first()
    document = AgreementDocument(agreement=agreement, kind=AgreementDocument._meta.get_field("kind").choices[0][0])
    document.file.save("ban-ky.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    delegation = Delegation.objects.order_by("pk").first()
    FollowUpAction.objects.create(delegation=delegation, description="Gửi thư cảm ơn")
    note = JournalEntry.objects.create(delegation=delegation, occurred_on="2025-08", kind="call", summary="Hẹn lịch")
    JournalAttachment(entry=note).file.save("thu.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    APIToken.objects.create(user=role_users[ADMINISTRATOR], name="Cổng thông tin", key_hash="0" * 64, prefix="abc")
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessAttempt.objects.create(username="x", ip_address="203.0.113.1", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="203.0.113.1")
    AccessFailureLog.objects.create(username="x", ip_address="203.0.113.1")
    write_export_snapshot()  # the full export is the snapshot the timer writes; without one it answers 503
    assert Group.objects.filter(name=VIEWER).exists()
    return role_users


def test_it_has_a_rule_for_every_url():
    missing = []
    for name in every_url_name():
        try:
            requests_for(name)
        except LookupError as error:
            missing.append(str(error))
    unnamed = {route for name, route in named_routes() if not name and not UNNAMED_ROUTES.match(route)}
    assert missing == [] and unnamed == set(), "\n".join(missing + [f"unnamed route {r!r}" for r in unnamed])


def test_it_names_only_urls_that_exist():
    names = set(every_url_name())
    assert set(PAGES) - names == set(), "rules for pages that no longer exist: remove them"


@pytest.mark.parametrize("name", every_url_name())
def test_it_allows_or_refuses_each_role_as_the_table_says(site, name):
    problems = []
    for url_name, rule, reverse_args in requests_for(name):
        for role in ROLES:
            client = Client()
            if role != ANONYMOUS:
                client.force_login(site[role])
            url = rule.path or reverse(url_name, **(reverse_args or _reverse_arguments(rule)))
            response = getattr(client, rule.method)(url, rule.query)
            outcome = classify(response, rule)
            expected = "allowed" if role in rule.allowed else "refused"
            public_redirect = rule.allowed == EVERYONE and response.status_code == 302
            if outcome != expected and not public_redirect:
                problems.append(f"{role:<13} {rule.method.upper()} {url}: {expected}, got {response.status_code}")
    assert problems == [], "\n".join(problems)


def _reverse_arguments(rule: Page) -> dict:
    arguments = rule.kwargs()
    if "args" in arguments:
        return arguments
    return {"kwargs": arguments} if arguments else {}


def classify(response, rule: Page) -> str:
    status = response.status_code
    if status in (401, 403):
        return "refused"
    if status in (301, 302):
        target = urlsplit(response["Location"]).path
        return "refused" if target in (reverse("login"), reverse("admin:login")) else "allowed"
    if status == 404 and rule.refused_as_404:
        return "refused"
    if status >= 400 and status not in (400, 405):
        return f"error {status}"
    return "allowed"


@pytest.mark.parametrize("model", [Country, FieldOfCooperation, HueUnit], ids=lambda model: model.__name__)
def test_it_lets_only_administrators_change_reference_data(site, model):
    obj = model._default_manager.order_by("pk").first()
    url = admin_change_url(obj)
    administrator = Client()
    administrator.force_login(site[ADMINISTRATOR])
    as_rendered = page_form_data(administrator.get(url), press="_save")
    outcomes = {}
    for role in (VIEWER, EDITOR, REVIEWER, ADMINISTRATOR):
        user = site[role]
        client = Client()
        client.force_login(user)
        page = client.get(url)
        outcomes[role] = (
            user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"),
            any(
                user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
                for action in ("add", "change")
            ),
            'name="_save"' in page.text,
            client.post(url, as_rendered).status_code,
        )
    # (may view, may add or change, sees a save button, answer to a posted change)
    assert outcomes == {
        VIEWER: (True, False, False, 302),  # not staff: sent to the admin's login page
        EDITOR: (True, False, False, 403),
        REVIEWER: (True, False, False, 403),
        ADMINISTRATOR: (True, True, True, 302),
    }
