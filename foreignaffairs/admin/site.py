"""The admin site of the department: Django's, with two answers of its own.

- Picking a member of staff (an agreement's responsible officer) needs no access to user management. A ModelAdmin
  names such fields in `staff_user_fields`; the autocomplete then asks for the right to edit the record being
  edited instead of auth.view_user, and offers only active staff, searched by user name and names with diacritics
  ignored. Every other autocomplete is Django's own.
- A person whose password is right but whose account is not staff (a head of division who reads dashboards) is
  let in and told that the admin is for editing, with a link to the dashboards, rather than being told the
  password is wrong. A wrong password gets the same answer whether or not the account exists.
- Whoever owes a second-factor code (foreignaffairs.accounts.two_factor) is refused until they give it, and an
  administrator resets a person's second factor from that person's user page. django-otp's own device pages are
  not installed: they show every secret key and backup code to whoever may view them.

Installed through `foreignaffairs.apps.ForeignAffairsAdminConfig` in INSTALLED_APPS, so `admin.site` everywhere
is this site.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Field, Model, QuerySet
from django.db.models.base import ModelBase
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

# django-otp's apps register admin pages for their devices when the admin discovers them; not on our site.
HIDDEN_APPS = frozenset({"otp_totp", "otp_static"})


class StaffPickerAutocomplete(AutocompleteJsonView):
    """Django's autocomplete, except for a field its ModelAdmin lists in `staff_user_fields`."""

    def process_request(self, request: HttpRequest) -> tuple[str, admin.ModelAdmin, Field, str]:
        term, model_admin, source_field, to_field_name = super().process_request(request)
        self.source_admin = self.admin_site._registry.get(source_field.model)
        self.picks_staff = source_field.name in getattr(self.source_admin, "staff_user_fields", ())
        return term, model_admin, source_field, to_field_name

    def has_perm(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if self.picks_staff:
            # Whoever may fill the field in may see who can be chosen; the user admin stays closed to them.
            return self.source_admin.has_add_permission(request) or self.source_admin.has_change_permission(request)
        return super().has_perm(request, obj)

    def get_queryset(self) -> QuerySet:
        if not self.picks_staff:
            return super().get_queryset()
        from foreignaffairs.accounts.roles import search_staff

        return search_staff(self.term)

    def serialize_result(self, obj: Model, to_field_name: str) -> dict:
        result = super().serialize_result(obj, to_field_name)
        if self.picks_staff:
            from foreignaffairs.accounts.roles import staff_label

            result["text"] = staff_label(obj)
        return result


class ForeignAffairsAdminSite(admin.AdminSite):
    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        return StaffPickerAutocomplete.as_view(admin_site=self)(request)

    @property
    def login_form(self) -> type[forms.Form]:
        # Django's admin form refuses a non-staff account with "wrong user name or password", which is untrue when
        # the password is right. The plain form lets them in; admin_view then sends them back to the login page,
        # which (admin/login.html) says the account is for the dashboards and links there. Imported here: the
        # module is loaded with the app registry, before the User model exists.
        from django.contrib.auth.forms import AuthenticationForm

        return AuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        # SecondFactorMiddleware sends whoever owes a code to the code page before any admin page; this refuses
        # them too, should an admin page be reached another way.
        from foreignaffairs.accounts.two_factor.policy import owes_code

        return super().has_permission(request) and not owes_code(request)

    def register(self, model_or_iterable: ModelBase | Iterable[ModelBase], *args: Any, **kwargs: Any) -> None:
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else list(model_or_iterable)
        shown = [model for model in models if model._meta.app_label not in HIDDEN_APPS]
        if shown:
            super().register(shown, *args, **kwargs)

    def get_urls(self) -> list[URLPattern]:
        user_model = get_user_model()._meta
        reset = path(
            f"{user_model.app_label}/{user_model.model_name}/<int:pk>/two-factor/reset/",
            self.admin_view(self.reset_second_factor_view),
            name=f"{user_model.app_label}_{user_model.model_name}_two_factor_reset",
        )
        return [reset, *super().get_urls()]

    def reset_second_factor_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET: what a reset does, and a button. POST: the reset, logged and in the person's history."""
        from foreignaffairs.accounts.two_factor.policy import authenticator, reset_second_factor

        user_model = get_user_model()
        # Whoever may change an account may make its owner enrol again; the person's own password is untouched.
        if not request.user.has_perm(f"{user_model._meta.app_label}.change_{user_model._meta.model_name}"):
            raise PermissionDenied
        person = get_object_or_404(user_model, pk=pk)
        change_url = f"admin:{user_model._meta.app_label}_{user_model._meta.model_name}_change"
        if request.method == "POST":
            had = reset_second_factor(person, by=request.user, request=request)
            self._registry[user_model].log_change(request, person, _("Đặt lại xác thực hai lớp"))
            if had:
                message = _("Đã đặt lại xác thực hai lớp của “%(name)s”: lần đăng nhập sau, người này đăng ký lại.")
            else:
                message = _("“%(name)s” chưa đăng ký xác thực hai lớp; không có gì để đặt lại.")
            messages.success(request, message % {"name": person.get_username()})
            return redirect(change_url, person.pk)
        context = {
            **self.each_context(request),
            "title": _("Đặt lại xác thực hai lớp"),
            "person": person,
            "device": authenticator(person),
            "opts": user_model._meta,
            "change_url": change_url,
        }
        return TemplateResponse(request, "two_factor/admin_reset.html", context)
