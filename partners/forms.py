"""The forms that edit partners and people. Their rules are the models' own (Partner.clean, Person.clean), so whatever
validates a record enforces them. Each form edits the fields of its layout (`*_FIELDSETS`), which the admin shows in
the same sections: one list, so the admin page and the form tested on its own cannot drift apart.

A record added, or renamed, under a name close to one already recorded (partners.duplicates) is not saved at the
first try: the form shows the likely duplicates, each a link to its page in the admin, and a box to tick to save it
anyway; what was typed stays in the form.
"""

from typing import Any

from django import forms
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from foreignaffairs.concurrency import GuardedModelForm
from partners.duplicates import partner_duplicates, person_duplicates
from partners.models import Partner, Person

# The box ticked to save a record beside its likely duplicates. Hidden until the form finds some: the admin hides a
# row whose only field is hidden.
CONFIRM_FIELD = "confirm_duplicates"

PARTNER_FIELDSETS = (
    (
        None,
        {
            "fields": (
                "kind",
                "name_vi",
                "name_en",
                "name_native",
                CONFIRM_FIELD,
                "abbreviation",
                "country",
                "parent",
            )
        },
    ),
    (_("Quan hệ với Huế"), {"fields": ("relationship_type", "relationship_status", "relationship_since", "fields")}),
    (_("Khác"), {"fields": ("website", "notes")}),
)
PERSON_FIELDSETS = (
    (None, {"fields": ("full_name", "full_name_native", CONFIRM_FIELD, "title")}),
    (_("Thuộc về"), {"fields": ("partner", "hue_unit", "country")}),
    (_("Liên hệ"), {"fields": ("email", "phone", "languages", "notes")}),
)


class DuplicateCheckedForm(GuardedModelForm):
    """A form that looks, before saving a new record or a new name, for records already under a close name."""

    confirm_duplicates = forms.BooleanField(
        label=_("Tôi đã xem các bản ghi giống tên, vẫn lưu bản ghi mới"), required=False, widget=forms.HiddenInput
    )

    name_fields: tuple[str, ...] = ()
    likely_duplicates: list[Model]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.likely_duplicates = []

    def find_duplicates(self, names: dict[str, str]) -> list[Model]:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        adding = self.instance._state.adding
        if not (adding or set(self.name_fields) & set(self.changed_data)):
            return cleaned
        names = {name: cleaned.get(name) or "" for name in self.name_fields}
        if not any(names.values()):
            return cleaned  # a required name left blank: its own error says so
        self.likely_duplicates = self.find_duplicates(names)
        if self.likely_duplicates:
            self._show_duplicates()
            if not cleaned.get(CONFIRM_FIELD):
                count = len(self.likely_duplicates)
                message = ngettext(
                    "Đã có %(count)d bản ghi có tên gần giống. Hãy xem trước khi lưu, tránh tạo bản ghi trùng.",
                    "Đã có %(count)d bản ghi có tên gần giống. Hãy xem trước khi lưu, tránh tạo bản ghi trùng.",
                    count,
                )
                error = ValidationError(message, code="likely_duplicates", params={"count": count})
                self.add_error(CONFIRM_FIELD, error)
        return cleaned

    def _show_duplicates(self) -> None:
        """The box becomes a checkbox, and its help lists the records, each a link opening in a new tab (the page
        being filled in stays as it is). The admin writes a field's help unescaped: every name is escaped here."""
        field = self.fields[CONFIRM_FIELD]
        field.widget = forms.CheckboxInput()
        items = format_html_join("", "<li>{}</li>", ((_duplicate_link(record),) for record in self.likely_duplicates))
        field.help_text = format_html(
            '<span class="likely-duplicates-title">{}</span><ul class="likely-duplicates">{}</ul>',
            _("Các bản ghi đã có, tên gần giống:"),
            items,
        )
        # A bound field copies its field's help when first asked for, as validation did: asked again, it reads this.
        self._bound_fields_cache.pop(CONFIRM_FIELD, None)


def _duplicate_link(record: Model) -> str:
    described = _described(record)
    shown = format_html("{} — {}", record, described) if described else format_html("{}", record)
    try:
        url = reverse(admin_urlname(record._meta, "change"), args=[record.pk])
    except NoReverseMatch:
        return shown
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, shown)


def _described(record: Model) -> str:
    """What tells two records of the same name apart: a partner's country and parent, a person's organization."""
    if isinstance(record, Partner):
        return ", ".join(str(part) for part in (record.parent, record.country) if part)
    if isinstance(record, Person):
        return ", ".join(str(part) for part in (record.partner or record.hue_unit, record.country) if part)
    return ""


class PartnerForm(DuplicateCheckedForm):
    name_fields = ("name_vi", "name_en", "name_native")

    class Meta:
        model = Partner
        fields = flatten_fieldsets(PARTNER_FIELDSETS)

    def find_duplicates(self, names: dict[str, str]) -> list[Model]:
        return partner_duplicates(**names, exclude_pk=self.instance.pk)


class PersonForm(DuplicateCheckedForm):
    name_fields = ("full_name", "full_name_native")

    class Meta:
        model = Person
        fields = flatten_fieldsets(PERSON_FIELDSETS)

    def find_duplicates(self, names: dict[str, str]) -> list[Model]:
        return person_duplicates(**names, exclude_pk=self.instance.pk)
