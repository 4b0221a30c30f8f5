"""What citizen proposals store about a person, for "download my data", and what goes with
the account. Signatures name nobody; a person whose account is linked to MitID sees which
proposals they signed (until the identities are deleted after the proposal ended)."""

from samskab.mitid.identity import linked_identity_hash
from samskab.proposals import selectors, services
from samskab.proposals.models import CoProposer, Proposal


def collect(user) -> dict:
    return {
        "proposals": [
            {
                "title": proposal.title,
                "text": proposal.text,
                "status": proposal.get_status_display(),
                "written": proposal.created_at.isoformat(),
            }
            for proposal in Proposal.objects.filter(author=user)
        ],
        "co_proposer_of": [
            co.proposal.title
            for co in CoProposer.objects.filter(user=user).select_related("proposal")
        ],
        "signed": [
            {"proposal": signature.proposal.title, "signed": signature.signed_at.isoformat()}
            for signature in selectors.signed_by(linked_identity_hash(user))
        ],
    }


def forget(user) -> None:
    services.forget_person(user)
