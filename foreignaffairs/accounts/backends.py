"""Django's ModelBackend, reading a user's permissions in one query instead of two.

ModelBackend asks once for the permissions given to the user and once for those of the user's groups, on every
request that checks one. Every dashboard page and admin page checks, and our roles are groups: one query with
both joins gives the same set, and the query budget of a page (15, the session and user included) is better
spent on what the page shows.
"""

from typing import TYPE_CHECKING

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Model, Q

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


class ModelBackendOneQuery(ModelBackend):
    def get_all_permissions(self, user_obj: "AbstractBaseUser | AnonymousUser", obj: Model | None = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                # Two subqueries on the link tables rather than two joins, which would repeat each permission
                # once per member of every group holding it.
                user_model = type(user_obj)
                groups_query = user_model._meta.get_field("groups").related_query_name()
                given = user_model.user_permissions.through.objects.filter(**{user_model._meta.model_name: user_obj})
                through_groups = Permission.group_set.through.objects.filter(**{f"group__{groups_query}": user_obj})
                permissions = permissions.filter(
                    Q(pk__in=given.values("permission_id")) | Q(pk__in=through_groups.values("permission_id"))
                )
            pairs = permissions.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in pairs}
        return user_obj._perm_cache
