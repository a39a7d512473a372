"""Submit Django admin forms from tests the way a browser would: what the page's HTML holds, plus our edits.

The data is read from the rendered page (lxml's `form_values()` follows the HTML rules a browser follows:
checked boxes only, selected options, no file inputs, no disabled controls), never from Django's form objects,
so a field the page forgot to render is missing here too, exactly as it would be for a person.
"""

import lxml.html
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

SAVE = "_save"


def _document(response):
    return lxml.html.document_fromstring(response.content, parser=lxml.html.HTMLParser(encoding="utf-8"))


def page_form(response, form_id: str | None = None):
    """The form with id `form_id` on this page; by default the admin form, the one holding the "save" button."""
    path = f"//form[@id='{form_id}']" if form_id else f"//form[.//*[@name='{SAVE}']]"
    forms = _document(response).xpath(path)
    assert len(forms) == 1, f"expected one form {path} on the page, found {len(forms)}"
    return forms[0]


def page_form_data(response, press: str | tuple[str, str] | None = None, form_id: str | None = None) -> dict:
    """The POST data that this page's form sends as rendered; with `press`, the submit button pressed too: its
    name, or (name, value) where several buttons share a name. The button must be on the page.

    A name sent once maps to its value, a name sent several times (a multiple select) to the list of values.
    """
    form = page_form(response, form_id)
    textareas = {textarea.get("name") for textarea in form.xpath(".//textarea")}
    data: dict = {}
    for name, value in form.form_values():
        if name in textareas and value.startswith("\n"):
            # HTML drops the newline right after <textarea> (Django writes one); libxml2 keeps it, browsers do not.
            value = value[1:]
        if name in data:
            previous = data[name]
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[name] = value
    if press is not None:
        name, value = press if isinstance(press, tuple) else (press, None)
        buttons = form.xpath(".//*[(self::input or self::button) and @type='submit' and @name=$name]", name=name)
        [button] = [button for button in buttons if value is None or button.get("value") == value]
        data[name] = button.get("value", "")
    return data


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
