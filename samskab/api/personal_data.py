"""API clients name who created and who revoked them; the clients belong to the
organisation and stay when that person's account is deleted (the foreign keys are set to
null)."""

from django.db.models import Q

from samskab.api.models import ApiClient


def collect_personal_data(user) -> list[dict]:
    return [
        {
            "organisation": client.organisation.name,
            "name": client.name,
            "created_by_you": client.created_by_id == user.pk,
            "revoked_by_you": client.revoked_by_id == user.pk,
            "created_at": client.created_at.isoformat(),
            "revoked_at": client.revoked_at.isoformat() if client.revoked_at else None,
        }
        for client in ApiClient.objects.filter(
            Q(created_by=user) | Q(revoked_by=user)
        ).select_related("organisation")
    ]
