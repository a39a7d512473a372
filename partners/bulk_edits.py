"""Bulk edits of the admin's lists (foreignaffairs.admin.bulk_edit) that concern what partners define: the fields
of cooperation, which partners, agreements, delegations and projects all carry as `fields`."""

from django.utils.translation import gettext_lazy as _

from foreignaffairs.admin.bulk_edit import AddChoices, RemoveChoices, SetValue

FIELDS_OF_COOPERATION = (
    AddChoices("add_fields", _("Thêm lĩnh vực hợp tác"), "fields"),
    RemoveChoices("remove_fields", _("Bỏ lĩnh vực hợp tác"), "fields"),
)

PARTNER_BULK_EDITS = (
    SetValue("set_relationship_status", _("Đổi tình trạng quan hệ"), "relationship_status"),
    *FIELDS_OF_COOPERATION,
)
