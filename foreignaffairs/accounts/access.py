"""Who may open a dashboard page: a logged-in user holding the view permission of what the page shows.

One decision, made here, so no view checks access its own way: anonymous users are sent to log in; logged-in
users without the permission get 403 (sending them to log in again would loop).
"""

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def view_permission(model: type[Model]) -> str:
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def change_permission(model: type[Model]) -> str:
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


def can_view(user: "AbstractBaseUser | AnonymousUser", *models: type[Model]) -> bool:
    return user.is_authenticated and user.has_perms([view_permission(model) for model in models])


def dashboard_page(*models: type[Model]) -> Callable:
    """Decorate a view: it runs only for a logged-in user allowed to view every one of `models`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can_view(request.user, *models):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorator


def can_edit_link(user: "AbstractBaseUser | AnonymousUser", obj: Model) -> str | None:
    """The admin change page of `obj`, for a user allowed to change it; None for everyone else."""
    if not user.has_perm(change_permission(type(obj))):
        return None
    return reverse(admin_urlname(obj._meta, "change"), args=[obj.pk])
