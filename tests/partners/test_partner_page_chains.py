"""The partner page lists every agreement of the partner in its renewal chain, whatever the chains hold: even a
loop of predecessors already in the database (validation refuses new ones) must not hide its agreements."""

from types import SimpleNamespace

from agreements.models import Agreement
from foreignaffairs.dashboard.timeline import agreement_chains
from partners.models import Partner
from tests.pages import document


def _agreement(pk: int, predecessor: int | None = None):
    return SimpleNamespace(pk=pk, predecessor_id=predecessor)


def _shape(chains) -> list[list[tuple[int, int]]]:
    return [[(agreement.pk, depth) for agreement, depth in chain] for chain in chains]


def test_it_puts_every_agreement_in_exactly_one_chain():
    agreements = [
        _agreement(1),
        _agreement(2, predecessor=1),
        _agreement(3, predecessor=4),  # 3 and 4 renew each other
        _agreement(4, predecessor=3),
        _agreement(5, predecessor=4),  # and 5 hangs off that loop
        _agreement(6, predecessor=99),  # its predecessor belongs to another partner
    ]

    assert _shape(agreement_chains(agreements)) == [[(1, 0), (2, 1)], [(6, 0)], [(3, 0), (4, 1), (5, 2)]]


def test_the_partner_page_shows_agreements_caught_in_a_loop(logged_in, demo):
    partner = Partner.objects.get(name_en="Gyeongju")
    first = Agreement.objects.get(partners=partner)
    second = Agreement.objects.create(
        title_vi="Thỏa thuận gia hạn với Gyeongju", kind="cooperation", predecessor=first, predecessor_relation="renews"
    )
    second.partners.add(partner)
    # An old record from before the rule: saved without validation, as an import or a bulk update would.
    Agreement.objects.filter(pk=first.pk).update(predecessor=second, predecessor_relation="renews")

    page = logged_in.get(partner.get_absolute_url())

    listed = document(page).xpath("//section[@aria-labelledby='agreements-heading']//ol[@class='chain']/li/a/text()")
    assert sorted(listed) == sorted([first.title_vi, second.title_vi])
