import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agreements.models import Agreement, AgreementPartner, AgreementReview, AgreementUnit
from delegations.models import Delegation, DelegationMember, DelegationPartner
from foreignaffairs.devdata.synthetic import generate
from foreignaffairs.text_search import search_q
from partners.models import FieldOfCooperation, Partner, Person
from projects.models import Project


def test_it_generates_the_shape_of_scale_one_at_a_fraction(db):
    call_command("generate_data", "--scale", "0.01", stdout=StringIO())
    assert Partner.objects.count() == 20
    assert Project.objects.count() == 20 and Project.objects.exclude(committed_amount=None).count() == 20
    assert Agreement.objects.count() == 100
    assert AgreementReview.objects.count() == 200
    assert Delegation.objects.count() == 200
    assert DelegationMember.objects.count() == 1000
    assert Agreement.objects.filter(predecessor__isnull=False).count() == 19
    # Derived columns are filled as save() would: search finds generated names.
    partner = Partner.objects.exclude(name_native="").first()
    assert Partner.objects.filter(search_q(partner.name_native)).exists()


def test_it_refuses_a_scale_that_is_not_positive(db):
    with pytest.raises(CommandError, match="greater than 0"):
        call_command("generate_data", "--scale", "0", stdout=StringIO())


def test_it_adds_rows_on_a_second_run_and_leaves_ids_to_continue_from(db):
    call_command("generate_data", "--scale", "0.005", stdout=StringIO())
    call_command("generate_data", "--scale", "0.005", stdout=StringIO())
    assert Partner.objects.count() == 20
    # The id sequences were moved past the given ids: a row saved the usual way gets a fresh one.
    partner = Partner.objects.first()
    partner.pk = None
    partner.name_vi = "Đối tác thêm tay"
    partner.save()
    assert Partner.objects.count() == 21


# What a seed pins, table by table: the columns the generator draws, reference rows named by their natural key
# (a country's code, a unit's or a field's name) so that the digest is the same on every database.
DRAWN_COLUMNS = {
    Partner: "id kind name_vi name_en name_native country__code relationship_type relationship_status "
    "relationship_since search_text",
    Person: "id full_name full_name_native hue_unit__name_vi partner_id search_text",
    Agreement: "id title_vi predecessor_id kind status signed_on effective_on expires_on next_review_on "
    "next_review_deadline",
    AgreementPartner: "agreement_id partner_id",
    AgreementUnit: "agreement_id unit__name_vi",
    Agreement.fields.through: "agreement_id fieldofcooperation__code",
    AgreementReview: "agreement_id status period_start period_end rating recommendation next_review_on",
    Delegation: "id direction status starts_on ends_on",
    DelegationPartner: "delegation_id partner_id",
    Delegation.countries.through: "delegation_id country__code",
    DelegationMember: "delegation_id person_id side role",
    Project: "id kind status title_vi partner_id hue_unit__name_vi agreement_id starts_on committed_amount "
    "committed_currency disbursed_amount",
    Project.fields.through: "project_id fieldofcooperation__code",
}


def _digest_of_generated_rows() -> str:
    digest = hashlib.sha256()
    for model, columns in DRAWN_COLUMNS.items():
        names = columns.split()
        for row in model._default_manager.order_by(*names).values_list(*names):
            digest.update(repr([str(value) for value in row]).encode())
    return digest.hexdigest()[:16]


def test_it_generates_the_same_rows_for_the_same_seed(db):
    # The benchmark's figures at one scale are comparable from run to run because a seed always gives the same
    # rows. A change to the generator that draws in another order changes them: if that is meant, pin the new digest.
    for code in ("oda", "health", "it"):
        FieldOfCooperation.objects.create(code=code, name_vi=code, name_en=code)

    generate(0.002, seed=7)

    assert (Partner.objects.count(), DelegationMember.objects.count()) == (4, 200)
    # The same draws as before search texts stored short names without digits run together too (the partners'
    # and people's search_text, in the digest, changed with them): fac144e031ebbfe0 until then.
    assert _digest_of_generated_rows() == "0508f60d56d2c3e9"
