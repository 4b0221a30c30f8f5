"""Demo citizen proposals in Esbjerg Kommune: one in every state of the path, from a draft
to a proposal carried out under one of the vision's initiatives, and one two signatures
short of its threshold, so a newcomer can sign it with the test MitID persons (`voksen`
and `nabo`) and see it move on.

The proposals and their authors are invented (content/proposals.toml; the authors are the
ideas demo's citizens: load it first). Every step goes through the services, by the demo
staff where the municipality acts; the signatures of the demo's past proposals are stored
in bulk under invented identities (as many rows as the figures say), with the last one that
reaches the threshold signed through the service, so the status moves as it does for real.
Afterwards the times are set relative to today, so the path looks walked over months.

Idempotent: a proposal is found by its title and left as it is when it exists.
"""

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from samskab.demo.content import read
from samskab.demo.loaders import DemoLoader
from samskab.demo.loaders.ideas import citizen_email
from samskab.demo.staff import demo_staff
from samskab.mitid.identity import VerifiedPerson
from samskab.proposals import conf, services
from samskab.proposals.models import (
    Event,
    Proposal,
    RejectionReason,
    Signature,
    Status,
    Step,
)
from samskab.vision.models import Initiative

# Esbjerg's threshold, for the demo's own proposals whatever the demo setting says.
THRESHOLD = 2000
ORDER = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.COLLECTING,
    Status.THRESHOLD_REACHED,
    Status.SCHEDULED,
    Status.DECIDED,
    Status.IN_PROGRESS,
    Status.IMPLEMENTED,
)
# When each step's date is also kept on the proposal.
STEP_FIELDS = {
    Step.SUBMITTED: ("submitted_at",),
    Step.APPROVED: ("checked_at", "collecting_from"),
    Step.REJECTED: ("checked_at", "ended_at"),
    Step.THRESHOLD_REACHED: ("threshold_reached_at",),
    Step.EXPIRED: ("ended_at",),
    Step.WITHDRAWN: ("ended_at",),
    Step.DECIDED: ("decided_at", "ended_at"),
    Step.IMPLEMENTED: ("implemented_at",),
}


def load_proposals_demo() -> str:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        specs = read("proposals")["proposals"]
        made = sum(_load(spec) for spec in specs)
    demo = Proposal.objects.filter(title__in=[spec["title"] for spec in specs])
    return (
        f"Citizen proposals: {demo.count()} loaded ({made} new), one in every state; "
        f"{Signature.objects.filter(proposal__in=demo).count()} signatures."
    )


def _adult(number: int) -> VerifiedPerson:
    """An invented eligible signer (an adult living in the municipality).

    Not hashed with ``MITID_IDENTITY_KEY``: the demo must load where MitID is not set up
    (production settings without a broker), and an invented person needs no secret."""
    today = timezone.localdate()
    return VerifiedPerson(
        identity_hash=hashlib.sha256(f"samskab-demo-signer-{number}".encode()).hexdigest(),
        birthdate=today.replace(year=today.year - 40, day=1),
        municipality_code=conf.municipality_code(),
        verified_at=timezone.now(),
    )


@transaction.atomic
def _load(spec: dict) -> int:
    if Proposal.objects.filter(title=spec["title"]).exists():
        return 0
    author = get_user_model().objects.get(email=citizen_email(spec["author"]))
    staff = demo_staff()
    status = spec["status"]
    proposal = services.write(author=author, title=spec["title"], text=spec["text"], language="da")
    if status == Status.DRAFT:
        return _date(proposal, spec)
    proposal = services.submit(proposal=proposal, by=author)
    if status == Status.REJECTED:
        reason = RejectionReason.objects.get(slug=spec["reason"])
        services.reject(
            proposal=proposal, by=staff, reason=reason, text=spec.get("rejection_text", "")
        )
        return _date(proposal, spec)
    if status == Status.SUBMITTED:
        return _date(proposal, spec)
    proposal = services.approve(proposal=proposal, by=staff)
    Proposal.objects.filter(pk=proposal.pk).update(threshold=THRESHOLD)
    proposal.refresh_from_db()
    _sign(
        proposal,
        spec.get("signatures", 0),
        reach=status not in (Status.COLLECTING, Status.EXPIRED, Status.WITHDRAWN),
    )
    if status == Status.WITHDRAWN:
        services.withdraw(proposal=proposal, by=author, reason=spec["withdrawal_reason"])
    elif status == Status.EXPIRED:
        Proposal.objects.filter(pk=proposal.pk).update(collecting_until=timezone.now())
        services.end_collections()
    target = ORDER.index(status) if status in ORDER else 0
    today = timezone.localdate()
    if target >= ORDER.index(Status.SCHEDULED):
        meeting = today + timedelta(days=spec["meeting_in_days"])
        services.schedule(
            proposal=proposal, by=staff, meeting=meeting, agenda_url=spec.get("agenda_url", "")
        )
    if target >= ORDER.index(Status.DECIDED):
        services.decide(
            proposal=proposal, by=staff, decision=spec["decision"], text=spec["decision_text"]
        )
    if target >= ORDER.index(Status.IN_PROGRESS):
        initiative = Initiative.objects.get(slug=spec["initiative"])
        services.start_work(proposal=proposal, by=staff, initiative=initiative)
    if target >= ORDER.index(Status.IMPLEMENTED):
        services.mark_implemented(proposal=proposal, by=staff)
    return _date(proposal, spec)


def _sign(proposal: Proposal, count: int, *, reach: bool) -> None:
    """``count`` signatures; with ``reach`` the last one through the service, which moves
    the proposal on at the threshold."""
    in_bulk = count - 1 if reach else count
    Signature.objects.bulk_create(
        Signature(proposal=proposal, identity_hash=_adult(number).identity_hash)
        for number in range(in_bulk)
    )
    Proposal.objects.filter(pk=proposal.pk).update(signature_count=in_bulk)
    proposal.refresh_from_db()
    if reach:
        services.sign(proposal=proposal, person=_adult(in_bulk))


def _date(proposal: Proposal, spec: dict) -> int:
    """Spread the path over the time since the proposal was written, ``days_ago``."""
    now = timezone.now()
    written = now - timedelta(days=spec["days_ago"])
    events = list(Event.objects.filter(proposal=proposal).order_by("pk"))
    span = (now - written) * 0.9
    changes = {"created_at": written}
    for number, event in enumerate(events):
        moment = written + span * number / max(1, len(events) - 1) if number else written
        Event.objects.filter(pk=event.pk).update(at=moment)
        for name in STEP_FIELDS.get(event.step, ()):
            changes[name] = moment
    if "collecting_from" in changes:
        changes["collecting_until"] = changes["collecting_from"] + conf.collection_period()
        if proposal.status == Status.EXPIRED:
            changes["ended_at"] = changes["collecting_until"] = min(
                changes["collecting_until"], now - timedelta(days=1)
            )
        Signature.objects.filter(proposal=proposal).update(
            signed_at=changes["collecting_from"] + (now - changes["collecting_from"]) / 3
        )
    if "submitted_at" in changes:
        changes["check_due_at"] = changes["submitted_at"] + conf.check_within()
    Proposal.objects.filter(pk=proposal.pk).update(**changes)
    return 1


LOADER = DemoLoader(
    "proposals",
    "samskab.demo.loaders.proposals.load_proposals_demo",
    requires=("ideas", "vision"),
)
