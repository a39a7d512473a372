import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import Agreement
from partners.forms import PartnerForm
from partners.models import Country, Partner, Person


def _form_data(partner: Partner, **changes):
    data = {
        "kind": partner.kind,
        "name_vi": partner.name_vi,
        "name_en": partner.name_en,
        "name_native": partner.name_native,
        "abbreviation": partner.abbreviation,
        "country": partner.country_id,
        "parent": partner.parent_id or "",
        "relationship_type": partner.relationship_type,
        "relationship_status": partner.relationship_status,
        "relationship_since": str(partner.relationship_since or ""),
        "fields": [field.pk for field in partner.fields.all()],
        "website": partner.website,
        "notes": partner.notes,
        "loaded_last_updated": partner.last_updated.isoformat(),
    }
    data.update(changes)
    return data


def test_it_refuses_a_partner_that_would_contain_itself(demo):
    busan = Partner.objects.get(name_en="Busan Metropolitan City")
    dongnae = Partner.objects.get(name_en="Dongnae District")
    form = PartnerForm(_form_data(busan, parent=dongnae.pk), instance=busan)
    assert not form.is_valid()
    assert form.errors["parent"] == ["Không thể chọn “Quận Dongnae”: đối tác sẽ nằm trong chính nó."]
    assert Partner.objects.get(pk=busan.pk).parent_id is None


def test_it_refuses_a_partner_as_its_own_parent(demo):
    busan = Partner.objects.get(name_en="Busan Metropolitan City")
    form = PartnerForm(_form_data(busan, parent=busan.pk), instance=busan)
    assert not form.is_valid()
    assert "parent" in form.errors


def test_it_refuses_a_locality_inside_a_locality_of_another_country(demo):
    fukui = Partner.objects.get(name_en="Fukui Prefecture")
    form = PartnerForm(
        _form_data(fukui, parent=Partner.objects.get(name_en="Busan Metropolitan City").pk), instance=fukui
    )
    assert not form.is_valid()
    assert form.errors["parent"] == ["“Thành phố Busan” thuộc Hàn Quốc, còn đối tác này thuộc Nhật Bản."]


def test_the_locality_rule_holds_whatever_saves_the_partner(demo):
    fukui = Partner.objects.get(name_en="Fukui Prefecture")
    fukui.parent = Partner.objects.get(name_en="Busan Metropolitan City")
    with pytest.raises(ValidationError) as refused:
        fukui.full_clean()
    (error,) = refused.value.error_dict["parent"]
    assert (error.code, {name: str(value) for name, value in error.params.items()}) == (
        "locality_in_foreign_locality",
        {"parent": "Thành phố Busan", "parent_country": "Hàn Quốc", "country": "Nhật Bản"},
    )


def test_an_organization_may_sit_inside_a_locality_of_another_country(demo):
    embassy = Partner(
        kind="diplomatic_mission",
        name_vi="Tổng Lãnh sự quán Nhật Bản tại Busan",
        country=Country.objects.get(code="JP"),
        parent=Partner.objects.get(name_en="Busan Metropolitan City"),
    )
    embassy.full_clean()


def test_it_accepts_a_partner_known_since_a_year(demo):
    fukui = Partner.objects.get(name_en="Fukui Prefecture")
    form = PartnerForm(_form_data(fukui, relationship_since="2007"), instance=fukui)
    assert form.is_valid(), form.errors
    form.save()
    assert str(Partner.objects.get(pk=fukui.pk).relationship_since) == "2007"


def test_deleting_a_partner_an_agreement_refers_to_is_refused_naming_it(admin_client, demo):
    gyeongju = Partner.objects.get(name_en="Gyeongju")
    url = reverse("admin:partners_partner_delete", args=[gyeongju.pk])
    page = admin_client.get(url)
    assert "Thỏa thuận hợp tác giữa thành phố Huế và thành phố Gyeongju" in page.text
    admin_client.post(url, {"post": "yes"})
    assert Partner.objects.filter(pk=gyeongju.pk).exists()


def test_deleting_a_person_a_delegation_refers_to_is_refused(admin_client, demo):
    kim = Person.objects.get(full_name="Kim Seokki")
    url = reverse("admin:partners_person_delete", args=[kim.pk])
    assert "Ông Kim Seokki thăm và làm việc tại Huế" in admin_client.get(url).text
    admin_client.post(url, {"post": "yes"})
    assert Person.objects.filter(pk=kim.pk).exists()


def test_an_unreferenced_partner_can_be_deleted(admin_client, demo):
    lonely = Partner.objects.create(kind="city", name_vi="Thành phố thử", country=Country.objects.get(code="FR"))
    admin_client.post(reverse("admin:partners_partner_delete", args=[lonely.pk]), {"post": "yes"})
    assert not Partner.objects.filter(pk=lonely.pk).exists()
    assert Agreement.objects.count() == 6


@pytest.mark.parametrize("query", ["han quoc", "Hàn Quốc", "korea", "KR"])
def test_countries_are_found_by_vietnamese_or_english_name(admin_client, query):
    response = admin_client.get(reverse("admin:partners_country_changelist"), {"q": query})
    assert "Hàn Quốc" in response.text
