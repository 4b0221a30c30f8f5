"""Proposals' indicators: proposals submitted (at the submission step) and signatures (at
signing, standing for themselves: who signed is not kept)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.proposals import indicators, services
from samskab.proposals.models import Event, Signature, Status, Step
from samskab.results import services as results
from samskab.results.models import Observation
from tests.factories.history import local
from tests.factories.proposals import signer, write_proposal

pytestmark = pytest.mark.django_db

UNTIL = local(date(2030, 1, 1))


def figure(slug, starts_on, *, period="month", dimension="", group=""):
    return Observation.objects.get(
        indicator__key=slug, period=period, starts_on=starts_on, dimension=dimension, group=group
    )


def submitted_at(proposal, at):
    Event.objects.filter(proposal=proposal, step=Step.SUBMITTED).update(at=at)


def test_a_proposal_counts_when_it_was_submitted_whatever_came_after():
    collecting = write_proposal(status=Status.COLLECTING)
    waiting = write_proposal(status=Status.SUBMITTED, language="en")
    write_proposal(status=Status.DRAFT)
    # 00:30 local on 1 March is still February in UTC.
    submitted_at(collecting, local(date(2025, 3, 1), 0, 30))
    submitted_at(waiting, local(date(2025, 2, 28), 23, 30))

    found = sorted(indicators.submitted_facts(None, UNTIL), key=lambda fact: fact.at)

    assert [(fact.key, fact.language) for fact in found] == [
        (f"proposal:{waiting.pk}", "en"),
        (f"proposal:{collecting.pk}", "da"),
    ]
    results.compute_all(now=local(date(2025, 4, 10)))
    march = figure("proposals-submitted", date(2025, 3, 1))
    assert (march.value, march.suppressed) == (1, True)
    assert figure("proposals-submitted", date(2025, 1, 1), period="quarter").value == 2


def test_signatures_are_counted_at_signing_and_a_withdrawn_one_is_not():
    proposal = write_proposal(status=Status.COLLECTING, threshold=100)
    for number in range(6):
        services.sign(proposal=proposal, person=signer(f"person-{number}"))
    services.withdraw_signature(proposal=proposal, person=signer("person-5"))
    march = list(Signature.objects.order_by("pk")[:3].values_list("pk", flat=True))
    Signature.objects.filter(pk__in=march).update(signed_at=local(date(2025, 3, 10)))
    Signature.objects.exclude(pk__in=march).update(signed_at=local(date(2025, 4, 1), 0, 30))
    Signature.objects.update(identity_hash=None)

    found = list(indicators.signature_facts(None, UNTIL))

    assert len(found) == 5
    assert {fact.key for fact in found} == {None}
    results.compute_all(now=local(date(2025, 4, 10)))
    assert figure("proposals-signatures", date(2025, 3, 1)).value == 3
    april = figure("proposals-signatures", date(2025, 4, 1))
    assert (april.value, april.base, april.suppressed) == (2, 2, True)
    year = figure("proposals-signatures", date(2025, 1, 1), period="year")
    assert (year.value, year.suppressed) == (5, False)


@pytest.mark.parametrize("function", [indicator.facts for indicator in indicators.INDICATORS])
def test_the_facts_are_read_in_the_same_number_of_queries_whatever_their_number(function):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(function(None, UNTIL))
        return len(captured)

    first = write_proposal(status=Status.COLLECTING, threshold=100)
    services.sign(proposal=first, person=signer("one"))
    few = queries()
    for number in range(3):
        proposal = write_proposal(status=Status.COLLECTING, threshold=100)
        for person in range(3):
            services.sign(proposal=proposal, person=signer(f"p{number}-{person}"))

    assert queries() == few
    assert len(list(function(None, UNTIL))) >= 4
