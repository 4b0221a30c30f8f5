"""The emails of needs, each rendered in the volunteer's language from a pair of templates
(``needs/email/<kind>_subject.txt`` and ``<kind>.txt``):

- the alert: what is needed, when and where, with a one-click "Accept" link that works
  without logging in (the link's token identifies the volunteer, for this need only);
- "thank you, it is filled": to the volunteers alerted who did not get a place.

The confirmation, the reminders and the one-click cancel link come from the booking
engine, because every acceptance is a booking."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samskab.booking import conf as booking_conf
from samskab.booking.formatting import slot_time_range

ALERT = "alert"
FILLED = "filled"


def absolute_url(path: str) -> str:
    return f"{booking_conf.site_url()}{path}"


def recipient_language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def accept_path(alert) -> str:
    """The alert's one-click link, in the active language."""
    return reverse("needs:respond", kwargs={"pk": alert.need_id, "token": alert.token})


def _profile_url() -> str:
    """Where volunteers change their alert preferences (volunteering's profile page)."""
    return absolute_url(reverse("volunteering:profile"))


def _render(kind: str, context: dict) -> tuple[str, str]:
    subject = " ".join(render_to_string(f"needs/email/{kind}_subject.txt", context).split())
    body = render_to_string(f"needs/email/{kind}.txt", context)
    return subject, body


def _context(alert, *, places_left) -> dict:
    need = alert.need
    profile = getattr(alert.volunteer, "volunteer_profile", None)
    return {
        "recipient_name": alert.volunteer.get_full_name(),
        "need": need,
        "title": need.title,
        "description": need.description,
        "organisation": need.organisation.name,
        "when": slot_time_range(need),
        "where": need.public_place_line,
        "places_left": places_left,
        "accept_url": absolute_url(accept_path(alert)),
        "need_url": absolute_url(need.get_absolute_url()),
        "profile_url": _profile_url(),
        "max_alerts_per_week": profile.max_alerts_per_week if profile else None,
        "municipality_name": settings.MUNICIPALITY_NAME,
    }


def build_alert_email(alert, *, places_left: int | None) -> EmailMessage:
    """The alert about ``alert.need`` for ``alert.volunteer`` (with need, its
    organisation and town, volunteer and profile loaded)."""
    with translation.override(recipient_language(alert.volunteer)):
        subject, body = _render(ALERT, _context(alert, places_left=places_left))
    return EmailMessage(
        subject=subject,
        body=body,
        to=[alert.volunteer.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def build_filled_email(alert) -> EmailMessage:
    """ "Thank you, it is filled" for a volunteer who was alerted and did not get a place."""
    with translation.override(recipient_language(alert.volunteer)):
        subject, body = _render(FILLED, _context(alert, places_left=0))
    return EmailMessage(
        subject=subject,
        body=body,
        to=[alert.volunteer.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
