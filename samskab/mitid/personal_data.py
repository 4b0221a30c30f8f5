"""What MitID stores about a person, for "download my data": whether a MitID is linked to
the account, and since when (never the hash itself, which says nothing to a person). The
link goes with the account (``on_delete=CASCADE``)."""

from samskab.mitid.models import MitIDLink


def collect(user) -> dict:
    mitid_link = MitIDLink.objects.filter(user=user).first()
    return {
        "linked": mitid_link is not None,
        "linked_at": mitid_link.linked_at.isoformat() if mitid_link else None,
    }
