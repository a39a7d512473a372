"""Submit Django admin change forms from tests the way a browser would: what the page shows, plus our edits."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms import CheckboxInput, FileField, ModelMultipleChoiceField, MultipleChoiceField


def page_form_data(response) -> dict:
    """The POST data that pressing "save" on this admin add/change page, unchanged, would send."""
    context = response.context
    data: dict = {}
    _add_form(data, context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return data


def _add_form(data: dict, form) -> None:
    for name, field in form.fields.items():
        if isinstance(field, FileField):
            continue  # An unchanged file input sends nothing; the stored file stays.
        bound = form[name]
        value = field.prepare_value(bound.value())
        if isinstance(field.widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(field, (MultipleChoiceField, ModelMultipleChoiceField)):
            data[bound.html_name] = [str(item) for item in value or ()]
            continue
        if isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(item) for item in value]
            continue
        formatted = field.widget.format_value(value)
        data[bound.html_name] = "" if formatted is None else formatted


def inline_prefix(response, model) -> str:
    """The form prefix of the inline formset editing `model` on this page."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(f"no inline for {model._meta.label} on this page")


def officer(username: str, role: str):
    """A staff member in `role`, besides the one-per-role users of conftest; log in with force_login."""
    user = get_user_model().objects.create_user(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user
