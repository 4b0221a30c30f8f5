"""What børneattest tracking stores about a person (for "download my data") and what it
removes when they delete their account: every status goes."""

from samskab.childsafety import services
from samskab.childsafety.models import AttestStatus


def _iso(value):
    return value.isoformat() if value else None


def collect_personal_data(user) -> list[dict]:
    statuses = AttestStatus.objects.filter(volunteer=user).select_related("organisation")
    return [
        {
            "organisation": status.organisation.name,
            "status": status.state,
            "why_needed": status.rule,
            "needed_from": _iso(status.needed_from),
            "requested_on": _iso(status.requested_on),
            "approved_on": _iso(status.approved_on),
            "you_were_told_at": _iso(status.volunteer_notified_at),
            "created_at": _iso(status.created_at),
            "updated_at": _iso(status.updated_at),
        }
        for status in statuses.order_by("organisation__name", "pk")
    ]


def forget_personal_data(user) -> None:
    services.forget_volunteer(user)
