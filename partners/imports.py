"""What staff import from Excel into partners: partners (with the partner each lies within) and people (a partner's
contacts). Declarations for the import kit (foreignaffairs.imports), which reads, previews and writes them.

A partner is found by its Vietnamese name, country and kind; a person by full name and partner. Names are matched
with diacritics and case ignored, so a sheet typed without diacritics updates the records it names rather than
adding look-alikes.
"""

from django.utils.translation import gettext_lazy as _

from foreignaffairs.imports.cells import Choice, CountryCell, ManyReference, PartialDateCell, Reference
from foreignaffairs.imports.kinds import Column, ImportKind, id_column, register
from partners.choices import PartnerKind, RelationshipStatus, RelationshipType
from partners.models import Country, FieldOfCooperation, Partner, Person


def partners_with_parents() -> list[Partner]:
    """Every partner with its country, each parent being the loaded partner itself: the chain of partners a rule
    walks (Partner.clean refuses a partner inside itself) is then read without a query per step."""
    partners = list(Partner.objects.select_related("country"))
    by_pk = {partner.pk: partner for partner in partners}
    parent = Partner._meta.get_field("parent")
    for partner in partners:
        parent.set_cached_value(partner, by_pk.get(partner.parent_id))
    return partners


def partner_with_country(partner: Partner) -> str:
    """Two namesakes told apart: "Thành phố Busan (Hàn Quốc)"."""
    return f"{partner.name_vi} ({partner.country})" if partner.country_id else partner.name_vi


def person_with_partner(person: Person) -> str:
    """Two namesakes told apart: "Kim Min-su (Tỉnh Chungcheongnam)"."""
    return f"{person.full_name} ({person.partner.name_vi})" if person.partner_id else person.full_name


def people_with_partners():
    return Person.objects.select_related("partner")


def fields_column() -> Column:
    """A record's fields of cooperation, as the lists export them: several names in one cell."""
    return Column(
        "fields",
        ManyReference(FieldOfCooperation),
        aliases=(_("Lĩnh vực"), "Fields"),
        note=_("Một hoặc nhiều lĩnh vực, cách nhau bằng dấu chấm phẩy (;)."),
    )


# The list export's heading (partners.views.PARTNER_COLUMNS): the same msgid, so the same words. The name under it is
# the reader's: name_vi under the Vietnamese heading, name_en under the English one.
EXPORT_NAME = _("Tên đối tác")
LOADERS = {Partner: partners_with_parents, Country: Country.objects.all}
NAMES_NOTE = _("Gõ có dấu hay không dấu đều được.")

PARTNERS = register(
    ImportKind(
        slug="partners",
        model=Partner,
        # The ID our list export writes in its last column finds the partner first: a sheet exported in English has
        # the English names under "Partner name", and no Vietnamese name to find the partner by.
        alternate_keys=(("id",),),
        key=("name_vi", "country", "kind"),
        loaders=LOADERS,
        columns=(
            Column(
                "name_vi",
                aliases=("Tên", "Name"),
                aliases_vi=(EXPORT_NAME,),
                note=_("Cùng quốc gia và loại: một đối tác."),
            ),
            Column("name_en", aliases=("English name",), aliases_en=(EXPORT_NAME,), falls_back_to="name_vi"),
            Column("name_native", aliases=("Native name",)),
            Column("abbreviation"),
            Column("kind", Choice(PartnerKind), aliases=("Loại", "Kind", "Type")),
            Column("country", CountryCell(Country), note=NAMES_NOTE),
            Column(
                "parent",
                Reference(Partner, describe=partner_with_country),
                aliases=("Đối tác cấp trên", _("Thuộc"), "Parent", "Parent partner"),
                note=_("Tên một đối tác đã có, hoặc ở một dòng phía trên của tệp. Gõ có dấu hay không dấu đều được."),
            ),
            Column("relationship_type", Choice(RelationshipType)),
            Column("relationship_status", Choice(RelationshipStatus), aliases=("Tình trạng", "Status")),
            Column("relationship_since", PartialDateCell()),
            fields_column(),
            Column("website"),
            Column("notes"),
            id_column(_("Để trống khi thêm mới. Tệp xuất từ danh sách đối tác có sẵn cột này.")),
        ),
    )
)

PEOPLE = register(
    ImportKind(
        slug="people",
        model=Person,
        key=("full_name", "partner"),
        loaders={**LOADERS, Person: Person.objects.select_related("partner", "country").all},
        columns=(
            Column("full_name", aliases=("Họ tên", "Tên", "Name")),
            Column("full_name_native", aliases=("Native name",)),
            Column("title", aliases=("Title", "Position")),
            Column(
                "partner",
                Reference(Partner, describe=partner_with_country),
                aliases=("Đối tác", "Partner", "Organization"),
                note=NAMES_NOTE,
            ),
            Column("country", CountryCell(Country), note=NAMES_NOTE),
            Column("email", aliases=("Email", "E-mail")),
            Column("phone", aliases=("Phone", "Số điện thoại")),
            Column("languages"),
            Column("notes"),
        ),
    )
)
