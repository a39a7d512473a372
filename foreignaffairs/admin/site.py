"""The admin site of the department: Django's, with two answers of its own.

- Picking a member of staff (an agreement's responsible officer) needs no access to user management. A ModelAdmin
  names such fields in `staff_user_fields`; the autocomplete then asks for the right to edit the record being
  edited instead of auth.view_user, and offers only active staff, searched by user name and names with diacritics
  ignored. Every other autocomplete is Django's own.
- A person whose password is right but whose account is not staff (a head of division who reads dashboards) is
  let in and told that the admin is for editing, with a link to the dashboards, rather than being told the
  password is wrong. A wrong password gets the same answer whether or not the account exists.

Installed through `foreignaffairs.apps.ForeignAffairsAdminConfig` in INSTALLED_APPS, so `admin.site` everywhere
is this site.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Field, Model, QuerySet
from django.http import HttpRequest, HttpResponse


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
