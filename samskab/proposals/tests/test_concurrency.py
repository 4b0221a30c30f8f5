"""Signing under real concurrency (PostgreSQL): a hundred signatures at once, two of them
by the same person, count 99; the signature that crosses the threshold moves the proposal
and tells people exactly once."""

import pytest
from django.db import connection

from samskab.notifications.models import Notification
from samskab.proposals import errors, services
from samskab.proposals.models import Proposal, Signature, Status, Step
from tests.concurrency import run_at_once
from tests.factories import signer, write_proposal

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def signing(proposal):
    def sign(person):
        return services.sign(proposal=Proposal.objects.get(pk=proposal.pk), person=person)

    return sign


def test_a_hundred_signatures_at_once_two_by_one_person_count_ninety_nine():
    proposal = write_proposal(threshold=1000)
    people = [signer(f"person-{number}") for number in range(99)] + [signer("person-7")]
    outcomes = run_at_once(signing(proposal), people)
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], errors.AlreadySigned)
    assert Signature.objects.count() == 99
    assert Proposal.objects.get().signature_count == 99


def test_crossing_the_threshold_at_once_happens_once():
    proposal = write_proposal(threshold=50)
    follower_messages = Notification.objects.filter(kind="proposals.yours")
    before = follower_messages.count()
    outcomes = run_at_once(signing(proposal), [signer(f"p-{number}") for number in range(60)])
    signed = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    assert len(signed) == 50
    assert all(isinstance(o, errors.NotCollecting) for o in outcomes if o not in signed)
    proposal.refresh_from_db()
    assert proposal.status == Status.THRESHOLD_REACHED and proposal.signature_count == 50
    assert proposal.events.filter(step=Step.THRESHOLD_REACHED).count() == 1
    # The author hears of it once.
    assert follower_messages.count() - before == 1
