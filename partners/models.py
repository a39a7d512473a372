"""Who Huế cooperates with: countries, partner localities and organizations, people, and Huế's own units."""

import functools
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country as ISOCountry
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from foreignaffairs.models import BilingualNameMixin, SearchableModel
from foreignaffairs.partial_dates import PartialDateField
from foreignaffairs.text_search import build_search_text
from partners.choices import CountryPriority, PartnerKind, RelationshipStatus, RelationshipType


@functools.lru_cache(maxsize=1024)
def _country_name_in(code: str, language: str) -> str:
    from django_countries import countries

    with translation.override(language):
        return str(countries.name(code))


def country_name(code: str | ISOCountry) -> str:
    """The country's name in the active language.

    Kept per code and language: django-countries works the name out anew on every look-up (a dozen gettext calls),
    which a list of 50 agreements with their partners' countries felt.
    """
    return _country_name_in(str(code), get_language() or settings.LANGUAGE_CODE)


def country_names(code: str) -> tuple[str, str]:
    """The country's name in Vietnamese and in English, from django-countries' translations."""
    return _country_name_in(code, "vi"), _country_name_in(code, "en")


# The names people say, where the official name (locale/vi, as the Ministry writes it) is another word:
# "Úc" for Ô-xtơ-rây-li-a, "Ý" for I-ta-li-a, "Mỹ" for Hoa Kỳ.
EVERYDAY_NAMES = {
    "AU": "Úc",
    "IT": "Ý",
    "US": "Mỹ",
    "KP": "Bắc Triều Tiên",
    "GB": "Anh",
    "MM": "Miến Điện",
    "TH": "Thái",
    "PH": "Phi",
    "SA": "Ả Rập Saudi",
}


def country_search_text(code: str) -> str:
    """What finds a country: its Vietnamese and English names, its everyday name and its code ("han quoc",
    "korea", "kr"); a transliteration also written as one word ("campuchia" finds Cam-pu-chia)."""
    vietnamese, english = country_names(code)
    joined = vietnamese.replace("-", "") if "-" in vietnamese else ""
    return build_search_text([vietnamese, english, EVERYDAY_NAMES.get(code, ""), joined, code])


class CountryManager(models.Manager):
    def get_by_natural_key(self, code: str) -> "Country":
        # The other half of Country.natural_key: dumpdata/loaddata backups refer to a country by its ISO code.
        return self.get(code=code)


class Country(SearchableModel):
    """A country Huế works with, and how high it stands in the city's foreign policy.

    The names come from django-countries (ISO 3166, translated into Vietnamese and English), so only the code
    is stored; every ISO country exists as a row, created by a migration.
    """

    code = CountryField(_("quốc gia"), unique=True)
    priority = models.CharField(
        _("mức ưu tiên"),
        max_length=16,
        choices=CountryPriority.choices,
        default=CountryPriority.NORMAL,
        help_text=_("Đối tác chiến lược, đối tác ưu tiên hay thông thường trong định hướng đối ngoại của thành phố."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = CountryManager()
    history = HistoricalRecords(excluded_fields=["search_text", "related_search_text"])

    class Meta:
        verbose_name = _("quốc gia")
        verbose_name_plural = pgettext_lazy("plural", "quốc gia")
        ordering = ["code"]

    def __str__(self) -> str:
        return country_name(self.code)

    def natural_key(self) -> tuple[str]:
        return (str(self.code),)

    def compute_search_text(self) -> str:
        return country_search_text(str(self.code))

    @property
    def name(self) -> str:
        return country_name(self.code)


class FieldOfCooperation(BilingualNameMixin, SearchableModel):
    """A field of cooperation (culture–tourism, ODA, smart city, …): one shared list for every record."""

    search_fields = ("name_vi", "name_en", "code")

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=200, unique=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    is_priority = models.BooleanField(
        _("lĩnh vực ưu tiên"),
        default=False,
        help_text=_("Đánh dấu các lĩnh vực thành phố ưu tiên thúc đẩy hợp tác."),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords(excluded_fields=["search_text", "related_search_text"])

    class Meta:
        verbose_name = _("lĩnh vực hợp tác")
        verbose_name_plural = pgettext_lazy("plural", "lĩnh vực hợp tác")
        ordering = ["sort_order", "name_vi"]

    def __str__(self) -> str:
        return self.name


class HueUnit(BilingualNameMixin, SearchableModel):
    """A Huế-side body that signs agreements or hosts delegations (People's Committee, a department, …)."""

    search_fields = ("name_vi", "name_en", "abbreviation")

    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255, unique=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    abbreviation = models.CharField(_("tên viết tắt"), max_length=40, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords(excluded_fields=["search_text", "related_search_text"])

    class Meta:
        verbose_name = _("đơn vị phía Huế")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị phía Huế")
        ordering = ["name_vi"]

    def __str__(self) -> str:
        return self.name


class PartnerQuerySet(models.QuerySet):
    def for_listing(self) -> Self:
        """What a list of partners shows, fetched in a fixed number of queries whatever the row count."""
        return self.select_related("country", "parent").prefetch_related("fields")


class Partner(BilingualNameMixin, SearchableModel):
    """A locality abroad (province, prefecture, city, district) or an organization Huế cooperates with."""

    search_fields = ("name_vi", "name_en", "name_native", "abbreviation")
    # "busan" finds Dongnae, a contact's name finds the partner.
    related_search_paths = ("parent", "contacts")

    kind = models.CharField(_("loại đối tác"), max_length=32, choices=PartnerKind.choices)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255, help_text=_("Ví dụ: Tỉnh Chungcheongnam."))
    name_en = models.CharField(
        _("tên tiếng Anh"), max_length=255, blank=True, help_text=_("Ví dụ: Chungcheongnam Province.")
    )
    name_native = models.CharField(
        _("tên bản ngữ"),
        max_length=255,
        blank=True,
        help_text=_("Tên bằng chữ viết của nước đối tác, ví dụ: 충청남도, 福井県."),
    )
    abbreviation = models.CharField(_("tên viết tắt"), max_length=40, blank=True, help_text=_("Ví dụ: KOICA."))
    country = models.ForeignKey(Country, verbose_name=_("quốc gia"), on_delete=models.PROTECT, related_name="partners")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Đối tác cấp trên, ví dụ: quận Dongnae thuộc thành phố Busan."),
    )
    relationship_type = models.CharField(_("loại quan hệ"), max_length=32, choices=RelationshipType.choices, blank=True)
    relationship_status = models.CharField(
        _("tình trạng quan hệ"), max_length=16, choices=RelationshipStatus.choices, blank=True
    )
    relationship_since = PartialDateField(
        _("quan hệ từ"),
        help_text=_("Ngày, tháng hoặc năm bắt đầu quan hệ (dd/mm/yyyy, mm/yyyy hoặc yyyy); để trống nếu chưa rõ."),
    )
    fields = models.ManyToManyField(
        FieldOfCooperation, verbose_name=_("lĩnh vực hợp tác"), blank=True, related_name="partners"
    )
    website = models.URLField(_("trang web"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = PartnerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "related_search_text"])

    class Meta:
        verbose_name = _("đối tác")
        verbose_name_plural = pgettext_lazy("plural", "đối tác")
        ordering = ["name_vi"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name_vi"],
                name="partner_unique_name_per_country",
                violation_error_message=_("Đã có đối tác cùng tên tiếng Việt ở quốc gia này."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dashboard:partner-detail", args=[self.pk])

    @property
    def is_locality(self) -> bool:
        return self.kind in PartnerKind.localities()

    def clean(self) -> None:
        super().clean()
        if not self.parent_id:
            return
        errors = []
        parent = self.parent
        # A locality lies inside a locality of its own country; an organization may sit anywhere (an embassy).
        if self.country_id and self.is_locality and parent.is_locality and parent.country_id != self.country_id:
            errors.append(
                ValidationError(
                    _("“%(parent)s” thuộc %(parent_country)s, còn đối tác này thuộc %(country)s."),
                    code="locality_in_foreign_locality",
                    params={"parent": parent, "parent_country": parent.country, "country": self.country},
                )
            )
        if self.pk and self._is_ancestor_of(parent):
            errors.append(
                ValidationError(
                    _("Không thể chọn “%(parent)s”: đối tác sẽ nằm trong chính nó."),
                    code="partner_cycle",
                    params={"parent": parent},
                )
            )
        if errors:
            raise ValidationError({"parent": errors})

    def _is_ancestor_of(self, partner: "Partner") -> bool:
        """Whether this partner is `partner` or one of the partners it lies within (a loop already stored ends it)."""
        ancestor, seen = partner, set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.pk:
                return True
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return False


class PersonQuerySet(models.QuerySet):
    def for_listing(self) -> Self:
        return self.select_related("partner", "hue_unit", "country")


class Person(SearchableModel):
    """Someone who recurs in the records: a Huế leader, an officer, a contact at a partner. Kept once, linked."""

    search_fields = ("full_name", "full_name_native", "title", "email")
    # The organization: "upcul" finds Sugiyama Mitsuki, "uy ban nhan dan" the People's Committee's leaders.
    related_search_paths = ("partner", "hue_unit")

    full_name = models.CharField(
        _("họ và tên"), max_length=255, help_text=_("Viết như trong văn bản tiếng Việt, ví dụ: Nguyễn Đình Trung.")
    )
    full_name_native = models.CharField(_("họ tên bản ngữ"), max_length=255, blank=True)
    title = models.CharField(
        _("chức vụ"), max_length=255, blank=True, help_text=_("Chức vụ hiện tại, ví dụ: Bí thư Thành ủy.")
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("thuộc đối tác"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        help_text=_("Để trống với người phía Huế."),
    )
    hue_unit = models.ForeignKey(
        HueUnit,
        verbose_name=_("thuộc đơn vị phía Huế"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("quốc gia"), on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    languages = models.CharField(
        _("ngôn ngữ"),
        max_length=255,
        blank=True,
        help_text=_("Các ngôn ngữ người này dùng, ví dụ: tiếng Hàn, tiếng Anh."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "related_search_text"])

    class Meta:
        verbose_name = _("nhân sự")
        verbose_name_plural = pgettext_lazy("plural", "nhân sự")
        ordering = ["full_name"]
        indexes = [models.Index(fields=["full_name"], name="person_full_name_idx")]  # the default order

    def __str__(self) -> str:
        return f"{self.full_name} ({self.title})" if self.title else self.full_name

    def get_absolute_url(self) -> str:
        return reverse("dashboard:person-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.partner_id and self.hue_unit_id:
            raise ValidationError(
                _("Một người thuộc phía đối tác hoặc phía Huế, không thể thuộc cả hai."), code="person_two_sides"
            )
