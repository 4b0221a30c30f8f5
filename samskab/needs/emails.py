"""The emails of needs, each rendered in the volunteer's language from a pair of templates
(``needs/email/<kind>_subject.txt`` and ``<kind>.txt``):

- the alert: what is needed, when and where, with a one-click "Accept" link that works
  without logging in (the link's token identifies the volunteer, for this need only);
- "thank you, it is filled": to the volunteers alerted who did not get a place.

The confirmation, the reminders and the one-click cancel link come from the booking
engine, because every acceptance is a booking."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from samskab.core import emails as core_emails
from samskab.core.emails import absolute_url, language_of
from samskab.core.formatting import slot_time_range

ALERT = "alert"
FILLED = "filled"


def accept_path(alert) -> str:
    """The alert's one-click link, in the active language."""
    return reverse("needs:respond", kwargs={"pk": alert.need_id, "token": alert.token})


def _profile_url() -> str:
    """Where volunteers change their alert preferences (volunteering's profile page)."""
    return absolute_url(reverse("volunteering:profile"))


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


def _build(kind: str, alert, *, places_left) -> EmailMessage:
    return core_emails.render_email(
        subject_template=f"needs/email/{kind}_subject.txt",
        body_template=f"needs/email/{kind}.txt",
        context=lambda: _context(alert, places_left=places_left),
        to=alert.volunteer.email,
        language=language_of(alert.volunteer),
    )


def build_alert_email(alert, *, places_left: int | None) -> EmailMessage:
    """The alert about ``alert.need`` for ``alert.volunteer`` (with need, its
    organisation and town, volunteer and profile loaded)."""
    return _build(ALERT, alert, places_left=places_left)


def build_filled_email(alert) -> EmailMessage:
    """ "Thank you, it is filled" for a volunteer who was alerted and did not get a place."""
    return _build(FILLED, alert, places_left=0)
