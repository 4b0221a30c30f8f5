"""Volunteering's emails: the thank-you after a shift, and the coordinators' messages to
everyone on a shift. Each is rendered in the recipient's language from a pair of templates
(``volunteering/email/<kind>_subject.txt`` and ``<kind>.txt``). The engine's own emails
(confirmation, reminder, waiting list, cancel link) are the booking engine's."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from samskab.booking import conf as booking_conf
from samskab.booking.formatting import slot_time_range
from samskab.volunteering.formatting import hours_text

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return f"{booking_conf.site_url()}{path}"


def _render(kind: str, context: dict) -> tuple[str, str]:
    subject = " ".join(render_to_string(f"volunteering/email/{kind}_subject.txt", context).split())
    body = render_to_string(f"volunteering/email/{kind}.txt", context)
    return subject, body


# --- thank-you after a shift or need ---------------------------------------------------------


def build_thank_you_email(entry, *, work) -> EmailMessage:
    """The thank-you for attended volunteer work (a shift, a need), with the hours credited.
    ``entry`` is its ``HoursEntry``, with the booking loaded."""
    booking = entry.booking
    with translation.override(booking.recipient_language):
        context = {
            "recipient_name": booking.display_name,
            "title": work.booking_title(),
            "organisation": work.work_organisation.name,
            "when": slot_time_range(work),
            "hours": hours_text(entry.hours),
            "has_account": booking.user_id is not None,
            "my_volunteering_url": absolute_url(reverse("volunteering:my_volunteering")),
            "signup_url": absolute_url(reverse("account_signup")),
            "help_again_url": absolute_url(work.help_again_path()),
            "municipality_name": settings.MUNICIPALITY_NAME,
        }
        subject, body = _render("thank_you", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[booking.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


# --- a coordinator's message to everyone on a shift -----------------------------------------


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    language: str


def build_volunteer_message(record, recipient: Recipient, *, reply_to: str | None) -> EmailMessage:
    """One copy of a coordinator's message: what they wrote, then a footer in the
    recipient's language saying who sent it and why the recipient gets it. Each volunteer
    gets their own email, so nobody sees the others' addresses."""
    opportunity = record.opportunity
    with translation.override(recipient.language):
        shift_when = slot_time_range(record.shift) if record.shift_id else ""
        context = {
            "recipient_name": recipient.name,
            "subject": record.subject,
            "body": record.body,
            "sender_name": record.sent_by.get_full_name() if record.sent_by_id else "",
            "organisation": record.organisation.name,
            "title": opportunity.title,
            "shift_when": shift_when,
            "opportunity_url": absolute_url(opportunity.get_absolute_url()),
            "my_volunteering_url": absolute_url(reverse("volunteering:my_volunteering")),
            "municipality_name": settings.MUNICIPALITY_NAME,
            "sent_on": date_format(record.sent_at, "DATE_FORMAT"),
        }
        subject, body = _render("message", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[recipient.email],
        reply_to=[reply_to] if reply_to else None,
    )


def send_volunteer_messages(record, recipients: list[Recipient], reply_to: str | None) -> int:
    """Send every copy over one connection. A failing mail server is logged; the record of
    the message stays, since some copies may have gone."""
    messages = [
        build_volunteer_message(record, recipient, reply_to=reply_to) for recipient in recipients
    ]
    try:
        with get_connection() as connection:
            return connection.send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send the message %s to volunteers", record.pk)
        return 0
