from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agreements.models import Agreement, AgreementReview
from delegations.models import Delegation, DelegationMember
from foreignaffairs.text_search import search_q
from partners.models import Partner
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


def test_a_second_run_adds_rows_and_leaves_ids_to_continue_from(db):
    call_command("generate_data", "--scale", "0.005", stdout=StringIO())
    call_command("generate_data", "--scale", "0.005", stdout=StringIO())
    assert Partner.objects.count() == 20
    # The id sequences were moved past the given ids: a row saved the usual way gets a fresh one.
    partner = Partner.objects.first()
    partner.pk = None
    partner.name_vi = "Đối tác thêm tay"
    partner.save()
    assert Partner.objects.count() == 21
