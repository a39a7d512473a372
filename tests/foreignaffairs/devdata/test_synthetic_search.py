"""The synthetic data is searched as saved data is: its own search texts are what save() would fold, and its
related ones (filled after the COPY, one UPDATE per table) what a save would compute."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Q

from agreements.filtersets import AgreementFilterSet
from agreements.models import Agreement
from delegations.models import Delegation
from foreignaffairs.search.related_text import refresh
from foreignaffairs.text_search import SEPARATOR
from partners.models import Partner, Person
from projects.models import Project


def test_generated_rows_have_the_search_texts_a_save_would_give_them(db):
    call_command("generate_data", "--scale", "0.005", stdout=StringIO())

    def related_texts(model):
        # The linked records' texts, in whatever order the database aggregated them.
        rows = model.objects.values_list("pk", "related_search_text")
        return {pk: sorted(text.split(SEPARATOR)) for pk, text in rows}

    for model in (Partner, Person, Agreement, Delegation, Project):
        generated = related_texts(model)
        assert any(generated.values()), model
        refresh(model, Q())  # every row computed again, as a save computes it
        assert related_texts(model) == generated, model
        for row in model.objects.all()[:20]:
            assert row.search_text == row.compute_search_text(), model


def test_a_generated_agreement_is_found_by_its_partners_name(db):
    call_command("generate_data", "--scale", "0.005", stdout=StringIO())
    agreement = Agreement.objects.filter(partners__isnull=False).order_by("pk").first()
    partner = agreement.partners.order_by("pk").first()
    found = AgreementFilterSet({"q": partner.name_en}).qs
    assert agreement in found
