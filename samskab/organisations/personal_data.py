"""What the organisations app stores about a person (for "download my data") and what it
removes when they delete their account."""

from django.db.models import Q

from samskab.organisations.models import Invitation, Membership, Organisation


def collect_personal_data(user) -> dict:
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    registered = Organisation.objects.filter(created_by=user).order_by("created_at", "pk")
    received = Invitation.objects.filter(
        Q(email__iexact=user.email) | Q(accepted_by=user)
    ).select_related("organisation")
    sent = Invitation.objects.filter(invited_by=user).select_related("organisation")
    return {
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "member_since": membership.created_at.isoformat(),
            }
            for membership in memberships
        ],
        "registered_organisations": [
            {
                "name": organisation.name,
                "status": organisation.status,
                "registered_at": organisation.created_at.isoformat(),
            }
            for organisation in registered
        ],
        "invitations_received": [
            {
                "organisation": invitation.organisation.name,
                "email": invitation.email,
                "role": invitation.role,
                "sent_at": invitation.created_at.isoformat(),
                "accepted_at": invitation.accepted_at.isoformat()
                if invitation.accepted_at
                else None,
            }
            for invitation in received
        ],
        "invitations_sent": [
            {
                "organisation": invitation.organisation.name,
                "email": invitation.email,
                "role": invitation.role,
                "sent_at": invitation.created_at.isoformat(),
            }
            for invitation in sent
        ],
    }


def forget_personal_data(user) -> None:
    """Memberships go with the user (CASCADE) and the organisations stay, with "registered
    by", "invited by" and "reviewed by" emptied (SET_NULL). Invitations addressed to the
    person's email hold nothing but personal data, so they are deleted.

    An organisation whose last administrator leaves this way keeps its page; municipal staff
    can still manage it and invite a new administrator."""
    Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user)).delete()
