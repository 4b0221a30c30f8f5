"""Citizen proposals taken along their path through the services, as people take them."""

from datetime import date, timedelta

from django.utils import timezone

from samskab.mitid.identity import VerifiedPerson, identity_hash
from samskab.proposals import services
from samskab.proposals.models import Decision, Proposal, Status
from tests.factories.accounts import UserFactory
from tests.factories.organisations import make_municipal_staff

# The order the steps take a proposal in; ``write_proposal(status=…)`` walks up to it.
_PATH = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.COLLECTING,
    Status.THRESHOLD_REACHED,
    Status.SCHEDULED,
    Status.DECIDED,
    Status.IN_PROGRESS,
    Status.IMPLEMENTED,
)


def signer(name: str = "anna", *, age: int = 40, municipality: str = "0561") -> VerifiedPerson:
    """A person as MitID confirms them: ``name`` stands for their MitID identifier."""
    today = timezone.localdate()
    # A hundred days past their birthday: ``age`` for most of a year yet.
    born = date(today.year - age, today.month, min(today.day, 28)) - timedelta(days=100)
    return VerifiedPerson(
        identity_hash=identity_hash(f"test-{name}"),
        birthdate=born,
        municipality_code=municipality,
        verified_at=timezone.now(),
    )


def write_proposal(
    *,
    author=None,
    status: str = Status.COLLECTING,
    title: str = "Gratis bus for pensionister til aktivitetscentrene",
    text: str = "Byrådet beslutter, at pensionister kører gratis med bybussen til kommunens "
    "aktivitetscentre, så flere kommer ud og møder andre.",
    staff=None,
    threshold: int | None = None,
    decision: str = Decision.ADOPTED,
    initiative=None,
    **fields,
) -> Proposal:
    """A proposal taken through the services up to ``status``. With ``threshold`` the
    proposal collects towards that number (as if the municipality's setting were so)."""
    author = author or UserFactory()
    proposal = services.write(
        author=author, title=title, text=text, language=fields.pop("language", "da")
    )
    target = _PATH.index(status)
    staff = staff or (make_municipal_staff() if target >= 2 else None)
    if target >= 1:
        proposal = services.submit(proposal=proposal, by=author)
    if target >= 2:
        proposal = services.approve(proposal=proposal, by=staff)
        if threshold is not None:
            Proposal.objects.filter(pk=proposal.pk).update(threshold=threshold)
            proposal.refresh_from_db()
    if target >= 3:
        needed = proposal.threshold - proposal.signature_count
        for number in range(needed):
            services.sign(proposal=proposal, person=signer(f"factory-{proposal.pk}-{number}"))
        proposal.refresh_from_db()
    if target >= 4:
        proposal = services.schedule(
            proposal=proposal, by=staff, meeting=timezone.localdate(), agenda_url=""
        )
    if target >= 5:
        proposal = services.decide(
            proposal=proposal, by=staff, decision=decision, text="Byrådet vedtog forslaget."
        )
    if target >= 6:
        proposal = services.start_work(proposal=proposal, by=staff, initiative=initiative)
    if target >= 7:
        proposal = services.mark_implemented(proposal=proposal, by=staff)
    if fields:
        Proposal.objects.filter(pk=proposal.pk).update(**fields)
        proposal.refresh_from_db()
    return proposal
