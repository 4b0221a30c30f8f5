"""The path of a proposal through the services: draft → submitted → collecting →
threshold → council → decision → carried out, who may take each step, and who is told."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samskab.notifications.models import Notification
from samskab.proposals import errors, services
from samskab.proposals.models import (
    Decision,
    Event,
    Proposal,
    RejectionReason,
    Signature,
    Status,
    Step,
)
from samskab.vision.models import Milestone
from tests.factories import (
    UserFactory,
    make_municipal_staff,
    propose_idea,
    signer,
    write_proposal,
)
from tests.factories.vision import InitiativeFactory

pytestmark = pytest.mark.django_db


def told(user, kind=None):
    found = Notification.objects.filter(recipient=user)
    if kind:
        found = found.filter(kind=kind)
    return [notification.message for notification in found]


def test_the_whole_path_is_recorded_and_the_initiative_gets_a_milestone():
    staff = make_municipal_staff()
    initiative = InitiativeFactory()
    proposal = write_proposal(
        status=Status.IMPLEMENTED, staff=staff, threshold=2, initiative=initiative
    )
    steps = list(proposal.events.values_list("step", flat=True))
    assert steps == [
        Step.CREATED,
        Step.SUBMITTED,
        Step.APPROVED,
        Step.THRESHOLD_REACHED,
        Step.SCHEDULED,
        Step.DECIDED,
        Step.IN_PROGRESS,
        Step.IMPLEMENTED,
    ]
    assert proposal.signature_count == 2
    assert Milestone.objects.get(initiative=initiative).reached


def test_the_author_is_told_each_step_and_followers_too():
    author = UserFactory()
    follower = UserFactory()
    staff = make_municipal_staff()
    proposal = write_proposal(author=author, status=Status.SUBMITTED)
    from samskab.notifications import services as notifications

    services.approve(proposal=proposal, by=staff)
    notifications.follow(user=follower, target=proposal)
    proposal = Proposal.objects.get(pk=proposal.pk)
    Proposal.objects.filter(pk=proposal.pk).update(threshold=1)
    services.sign(proposal=proposal, person=signer())
    # Notifications are written in their reader's language: Danish unless they chose English.
    assert any("formelle kontrol" in message for message in told(author, "proposals.yours"))
    assert any("Det er nok" in message for message in told(author, "proposals.yours"))
    assert any("Det er nok" in message for message in told(follower, "proposals.followed"))
    assert told(staff) == []


def test_only_staff_take_the_municipality_s_steps():
    proposal = write_proposal(status=Status.SUBMITTED)
    citizen = UserFactory()
    with pytest.raises(errors.NotStaff):
        services.approve(proposal=proposal, by=citizen)
    with pytest.raises(errors.NotStaff):
        services.reject(
            proposal=proposal, by=proposal.author, reason=RejectionReason.objects.first()
        )
    with pytest.raises(errors.NotStaff):
        services.fix_text(proposal=proposal, by=citizen, title="x", text="y", reason="z")
    assert Proposal.objects.get(pk=proposal.pk).status == Status.SUBMITTED


def test_a_step_out_of_order_is_refused():
    staff = make_municipal_staff()
    proposal = write_proposal(status=Status.COLLECTING, staff=staff)
    with pytest.raises(errors.WrongStatus):
        services.decide(proposal=proposal, by=staff, decision=Decision.ADOPTED, text="Ja")
    with pytest.raises(errors.WrongStatus):
        services.approve(proposal=proposal, by=staff)


def test_rejection_needs_a_reason_and_ends_the_proposal():
    staff = make_municipal_staff()
    proposal = write_proposal(status=Status.SUBMITTED)
    with pytest.raises(errors.ReasonRequired):
        services.reject(proposal=proposal, by=staff, reason=None)
    reason = RejectionReason.objects.get(slug="uden-for-kommunens-omraade")
    proposal = services.reject(proposal=proposal, by=staff, reason=reason, text="Det er statens.")
    assert proposal.status == Status.REJECTED
    assert not proposal.is_public
    assert any(reason.name in message for message in told(proposal.author))
    with pytest.raises(errors.NotCollecting):
        services.sign(proposal=proposal, person=signer())


def test_the_text_is_frozen_after_submission_and_staff_corrections_are_kept():
    staff = make_municipal_staff()
    proposal = write_proposal(status=Status.COLLECTING, staff=staff)
    with pytest.raises(errors.WrongStatus):
        services.edit_draft(
            proposal=proposal, by=proposal.author, title="Ny titel", text="Ny", language="da"
        )
    with pytest.raises(errors.ReasonRequired):
        services.fix_text(proposal=proposal, by=staff, title=proposal.title, text="x", reason="")
    fixed = services.fix_text(
        proposal=proposal,
        by=staff,
        title=proposal.title,
        text=proposal.text.replace("bybussen", "bybusserne"),
        reason="Stavefejl",
    )
    correction = fixed.text_fixes.get()
    assert "bybussen" in correction.text_before and "bybusserne" in correction.text_after
    assert fixed.events.filter(step=Step.TEXT_FIXED, by=staff).exists()


def test_the_author_withdraws_with_a_reason_and_signing_stops():
    proposal = write_proposal(status=Status.COLLECTING)
    with pytest.raises(errors.ReasonRequired):
        services.withdraw(proposal=proposal, by=proposal.author, reason="  ")
    with pytest.raises(errors.NotTheAuthor):
        services.withdraw(proposal=proposal, by=UserFactory(), reason="Nej")
    proposal = services.withdraw(proposal=proposal, by=proposal.author, reason="Løst på anden vis")
    assert proposal.status == Status.WITHDRAWN
    assert proposal.withdrawal_reason == "Løst på anden vis"
    with pytest.raises(errors.NotCollecting):
        services.sign(proposal=proposal, person=signer())


def test_co_proposers_are_needed_before_submitting(settings):
    settings.PROPOSALS_CO_PROPOSERS = 2
    proposal = write_proposal(status=Status.DRAFT)
    with pytest.raises(errors.TooFewCoProposers):
        services.submit(proposal=proposal, by=proposal.author)
    services.join_as_co_proposer(proposal=proposal, user=UserFactory())
    with pytest.raises(errors.AlreadyCoProposer):
        services.join_as_co_proposer(proposal=proposal, user=proposal.author)
    services.join_as_co_proposer(proposal=proposal, user=UserFactory())
    assert services.submit(proposal=proposal, by=proposal.author).status == Status.SUBMITTED


def test_a_collection_that_runs_out_expires_once_and_tells_the_author():
    proposal = write_proposal(status=Status.COLLECTING)
    Proposal.objects.filter(pk=proposal.pk).update(
        collecting_until=timezone.now() - timedelta(minutes=1)
    )
    assert services.end_collections() == 1
    assert services.end_collections() == 0
    proposal.refresh_from_db()
    assert proposal.status == Status.EXPIRED
    assert any("sluttede med" in message for message in told(proposal.author))


def test_identities_are_deleted_after_the_decision_and_the_count_stays(settings):
    settings.PROPOSALS_KEEP_IDENTITIES_DAYS = 30
    proposal = write_proposal(status=Status.DECIDED, threshold=3)
    assert services.delete_old_identities() == 0
    Proposal.objects.filter(pk=proposal.pk).update(ended_at=timezone.now() - timedelta(days=31))
    assert services.delete_old_identities() == 1
    assert services.delete_old_identities() == 0
    proposal.refresh_from_db()
    assert proposal.signature_count == 3
    assert Signature.objects.filter(proposal=proposal).count() == 3
    assert not Signature.objects.filter(proposal=proposal, identity_hash__isnull=False).exists()
    assert Event.objects.filter(proposal=proposal, step=Step.IDENTITIES_DELETED).exists()


def test_an_idea_becomes_a_proposal_and_its_supporters_are_invited_to_sign():
    from samskab.ideas import services as ideas

    idea = propose_idea()
    supporter = UserFactory()
    ideas.support(idea=idea, user=supporter)
    with pytest.raises(errors.IdeaNotYours):
        services.from_idea(idea=idea, by=supporter)
    proposal = services.from_idea(idea=idea, by=idea.author)
    assert proposal.idea == idea and proposal.title == idea.title
    with pytest.raises(errors.IdeaNotYours):
        services.from_idea(idea=idea, by=idea.author)
    assert told(supporter, "proposals.invited_to_sign") == []
    services.submit(proposal=proposal, by=idea.author)
    services.approve(proposal=proposal, by=make_municipal_staff())
    invitations = told(supporter, "proposals.invited_to_sign")
    assert len(invitations) == 1 and "tæller ikke som en underskrift" in invitations[0]
    assert Signature.objects.count() == 0


def test_deleting_an_account_keeps_its_public_proposals_and_the_anonymous_signatures():
    author = UserFactory()
    draft = write_proposal(author=author, status=Status.DRAFT)
    public = write_proposal(author=author, status=Status.COLLECTING, threshold=5)
    services.sign(proposal=public, person=signer())
    from samskab.accounts import services as accounts

    accounts.delete_account(user=author)
    assert not Proposal.objects.filter(pk=draft.pk).exists()
    public.refresh_from_db()
    assert public.author is None and public.signature_count == 1


def test_a_signer_s_data_download_shows_what_they_signed_through_their_mitid_link():
    from django.utils import timezone as tz

    from samskab.mitid.models import MitIDLink
    from samskab.proposals import personal_data

    proposal = write_proposal(threshold=5)
    services.sign(proposal=proposal, person=signer("anna"))
    user = UserFactory()
    assert personal_data.collect(user)["signed"] == []
    MitIDLink.objects.create(
        user=user, identity_hash=signer("anna").identity_hash, linked_at=tz.now()
    )
    signed = personal_data.collect(user)["signed"]
    assert [row["proposal"] for row in signed] == [proposal.title]
