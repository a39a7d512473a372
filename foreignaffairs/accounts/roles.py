"""The four roles, as permission sets. One definition, used by the migration that creates the groups and again
after every `migrate` (post_migrate), so that a model added later (with its permissions) reaches the roles without
a migration of its own, and a group edited by hand is put back to its definition.

viewer        reads dashboards and the JSON export (view permissions only; no admin access)
editor        adds and changes partners, agreements, delegations, documents and draft reviews; reads reference data
reviewer      an editor who also approves or returns reviews
administrator users, groups, API tokens, deletions, and reference data (countries, fields, Huế units)

Also here: who may be named responsible for a record (`staff_users`), whatever their role.
"""

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.apps.registry import Apps
from django.db.models import QuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

VIEWER, EDITOR, REVIEWER, ADMINISTRATOR = "viewer", "editor", "reviewer", "administrator"
ROLES = (VIEWER, EDITOR, REVIEWER, ADMINISTRATOR)
STAFF_ROLES = (EDITOR, REVIEWER, ADMINISTRATOR)

DOMAIN_APPS = ("partners", "agreements", "projects", "delegations", "journal")
# Records that only the lifecycle writes: editors may read them, not forge them.
SYSTEM_WRITTEN_MODELS = {"agreements.agreementstatuschange"}
# Reference data every record points to: a country added or renamed by one officer changes every list and
# report, so only administrators edit it; everyone else picks from it.
REFERENCE_MODELS = {"partners.country", "partners.fieldofcooperation", "partners.hueunit"}
ADMINISTRATOR_EXTRA_APPS = ("auth", "foreignaffairs", "axes")


def permissions_for(role: str, all_permissions: QuerySet) -> list:
    """The Permission rows `role` holds, chosen from `all_permissions` (a queryset of auth.Permission)."""
    chosen = []
    for permission in all_permissions.select_related("content_type"):
        app, model = permission.content_type.app_label, permission.content_type.model
        action = permission.codename.split("_", 1)[0]
        if model.startswith("historical"):
            # History rows are written by django-simple-history and read through the record's own permission.
            continue
        domain = app in DOMAIN_APPS
        if role == VIEWER:
            keep = domain and action == "view"
        elif role in (EDITOR, REVIEWER):
            keep = domain and (
                action == "view"
                or (action in ("add", "change") and f"{app}.{model}" not in SYSTEM_WRITTEN_MODELS | REFERENCE_MODELS)
            )
            if permission.codename == "approve_review":
                keep = role == REVIEWER
        else:
            keep = domain or app in ADMINISTRATOR_EXTRA_APPS
        if keep:
            chosen.append(permission)
    return chosen


def sync_role_groups(apps: Apps) -> None:
    """Create the four groups and give each exactly its permissions. Safe to run again."""
    from django.contrib.auth.management import create_permissions

    # On a fresh database the permissions are created only after all migrations; we need them now. A migration's
    # historical app configs have no models module, which create_permissions takes as "no models": lend one for
    # the call, and put back exactly what was there (the live registry's configs must keep theirs).
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, apps=apps)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions_for(role, Permission.objects.all()))


def sync_roles_after_migrate(sender: AppConfig, apps: Apps | None = None, **kwargs: Any) -> None:
    """post_migrate receiver: by now every installed app's permissions can be created.

    `flush` (run between transactional tests) sends post_migrate without `apps`: the installed models serve then.
    """
    if apps is None:
        from django.apps import apps
    try:
        apps.get_model("auth", "Group")
        apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return  # a partial migration state (e.g. `migrate app zero`) without the tables we write to
    sync_role_groups(apps)


def staff_users(keep_pk: int | None = None) -> QuerySet:
    """The users who can be named responsible for a record: active members of staff, in name order.

    `keep_pk` adds the user a record already names, who may have left since: saving the record unchanged must not
    fail on them.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    chosen = Q(is_active=True, is_staff=True)
    if keep_pk is not None:
        chosen |= Q(pk=keep_pk)
    return get_user_model().objects.filter(chosen).order_by("last_name", "first_name", "username")


def search_staff(term: str) -> QuerySet:
    """Active staff whose user name, first or last name contain every word of `term`, diacritics ignored.

    Folded in Python: staff are tens or hundreds of rows, and the user table has no folded search column.
    """
    from foreignaffairs.text_search import fold

    words = fold(term).split()
    candidates = staff_users().values_list("pk", "username", "first_name", "last_name")
    chosen = [pk for pk, *names in candidates if all(word in fold(" ".join(names)) for word in words)]
    return staff_users().filter(pk__in=chosen)


def staff_label(user: "AbstractUser") -> str:
    """How a member of staff is shown when picked: "Nguyễn Văn Phúc (phucnv)", or the user name alone.

    Family name first, as Vietnamese names are written (Django's get_full_name() puts the given name first:
    "Văn Phúc Nguyễn"); the account's "last name" holds the family name.
    """
    full_name = " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)
    return f"{full_name} ({user.username})" if full_name else user.username
