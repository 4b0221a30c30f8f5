"""What needs store about a person (for "download my data") and what goes when they
delete their account (see ``samskab.accounts.personal_data``). Acceptances are bookings:
the booking engine reports and removes those."""

from samskab.needs import services
from samskab.needs.models import Need, NeedAlert


def _iso(value):
    return value.isoformat() if value else None


def collect_personal_data(user) -> dict:
    alerts = NeedAlert.objects.filter(volunteer=user).select_related("need", "need__organisation")
    posted = Need.objects.filter(posted_by=user).select_related("organisation")
    contact_for = Need.objects.filter(contact_person=user).select_related("organisation")
    return {
        "alerts": [
            {
                "need": alert.need.title,
                "organisation": alert.need.organisation.name,
                "status": alert.status,
                "reason_not_sent": alert.skip_reason or None,
                "created_at": _iso(alert.created_at),
                "sent_at": _iso(alert.sent_at),
                "accepted_at": _iso(alert.accepted_at),
                "filled_notice_sent_at": _iso(alert.filled_notice_sent_at),
            }
            for alert in alerts
        ],
        "needs_posted": [
            {
                "title": need.title,
                "organisation": need.organisation.name,
                "starts_at": _iso(need.starts_at),
                "created_at": _iso(need.created_at),
            }
            for need in posted
        ],
        "contact_person_for_needs": [
            {
                "title": need.title,
                "organisation": need.organisation.name,
                "contact_phone": need.contact_phone,
            }
            for need in contact_for
        ],
    }


def forget_personal_data(user) -> None:
    services.forget_volunteer(user)
