"""Signing: who may sign, once, withdrawing, the threshold, and staff signing for a citizen
at the desk or from paper — without storing who signed."""

import pytest

from samskab.proposals import errors, services
from samskab.proposals.models import Channel, Event, Proposal, Signature, Status, Step
from tests.factories import UserFactory, make_municipal_staff, signer, write_proposal

pytestmark = pytest.mark.django_db


def test_an_eligible_resident_signs_once():
    proposal = write_proposal(threshold=10)
    services.sign(proposal=proposal, person=signer("anna"))
    with pytest.raises(errors.AlreadySigned):
        services.sign(proposal=proposal, person=signer("anna"))
    proposal.refresh_from_db()
    assert proposal.signature_count == 1
    signature = Signature.objects.get()
    # A keyed hash, not the identifier: nothing in the row names the signer.
    assert signature.identity_hash == signer("anna").identity_hash
    assert "anna" not in signature.identity_hash
    assert signature.registered_by is None and signature.channel == Channel.MITID


def test_a_fourteen_year_old_is_refused_kindly_and_nothing_is_stored():
    proposal = write_proposal(threshold=10)
    with pytest.raises(errors.TooYoung) as refused:
        services.sign(proposal=proposal, person=signer("ung", age=14))
    assert "15" in str(refused.value.message)
    assert Signature.objects.count() == 0


def test_fifteen_is_old_enough():
    proposal = write_proposal(threshold=10)
    services.sign(proposal=proposal, person=signer("ung", age=15))
    assert Signature.objects.count() == 1


def test_someone_living_elsewhere_is_refused():
    proposal = write_proposal(threshold=10)
    with pytest.raises(errors.NotResident):
        services.sign(proposal=proposal, person=signer("bo", municipality="0101"))
    assert Signature.objects.count() == 0


def test_the_rules_are_the_municipality_s_settings(settings):
    settings.PROPOSALS_MIN_AGE = 18
    settings.PROPOSALS_MUNICIPALITY_CODE = "0101"
    proposal = write_proposal(threshold=10)
    with pytest.raises(errors.TooYoung):
        services.sign(proposal=proposal, person=signer("a", age=17, municipality="0101"))
    with pytest.raises(errors.NotResident):
        services.sign(proposal=proposal, person=signer("b", age=40, municipality="0561"))
    services.sign(proposal=proposal, person=signer("c", age=18, municipality="0101"))


def test_reaching_the_threshold_moves_the_proposal_on_once():
    proposal = write_proposal(threshold=2)
    services.sign(proposal=proposal, person=signer("a"))
    assert Proposal.objects.get(pk=proposal.pk).status == Status.COLLECTING
    services.sign(proposal=proposal, person=signer("b"))
    proposal.refresh_from_db()
    assert proposal.status == Status.THRESHOLD_REACHED and proposal.threshold_reached_at
    with pytest.raises(errors.NotCollecting):
        services.sign(proposal=proposal, person=signer("c"))
    assert proposal.events.filter(step=Step.THRESHOLD_REACHED).count() == 1


def test_a_signer_withdraws_until_the_threshold():
    proposal = write_proposal(threshold=2)
    services.sign(proposal=proposal, person=signer("a"))
    services.withdraw_signature(proposal=proposal, person=signer("a"))
    assert Proposal.objects.get(pk=proposal.pk).signature_count == 0
    with pytest.raises(errors.NotSigned):
        services.withdraw_signature(proposal=proposal, person=signer("a"))
    services.sign(proposal=proposal, person=signer("a"))
    services.sign(proposal=proposal, person=signer("b"))
    with pytest.raises(errors.CannotWithdrawSignature):
        services.withdraw_signature(proposal=proposal, person=signer("a"))
    assert Proposal.objects.get(pk=proposal.pk).signature_count == 2


def test_drafts_and_submitted_proposals_cannot_be_signed():
    for status in (Status.DRAFT, Status.SUBMITTED):
        with pytest.raises(errors.NotCollecting):
            services.sign(proposal=write_proposal(status=status), person=signer())


def test_staff_register_a_signature_at_the_desk_and_on_paper_audited():
    staff = make_municipal_staff()
    proposal = write_proposal(threshold=10, staff=staff)
    services.sign_for(
        proposal=proposal,
        by=staff,
        person_identifier="0101801234",
        birthdate=signer().birthdate,
        municipality_code="0561",
        channel=Channel.DESK,
    )
    services.sign_for(
        proposal=proposal,
        by=staff,
        person_identifier="0202801234",
        birthdate=signer().birthdate,
        municipality_code="0561",
        channel=Channel.PAPER,
    )
    # The same person again, on paper: refused like a second MitID signature.
    with pytest.raises(errors.AlreadySigned):
        services.sign_for(
            proposal=proposal,
            by=staff,
            person_identifier="0101801234",
            birthdate=signer().birthdate,
            municipality_code="0561",
            channel=Channel.PAPER,
        )
    assert set(Signature.objects.values_list("registered_by", flat=True)) == {staff.pk}
    assert not Signature.objects.filter(identity_hash__contains="0101801234").exists()
    steps = set(Event.objects.filter(by=staff).values_list("step", flat=True))
    assert {Step.SIGNED_AT_DESK, Step.PAPER_SIGNATURE} <= steps


def test_only_staff_sign_for_someone_else():
    proposal = write_proposal(threshold=10)
    with pytest.raises(errors.NotStaff):
        services.sign_for(
            proposal=proposal,
            by=UserFactory(),
            person_identifier="0101801234",
            birthdate=signer().birthdate,
            municipality_code="0561",
            channel=Channel.DESK,
        )
