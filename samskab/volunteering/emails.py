"""Volunteering's emails: the thank-you after a shift, and the coordinators' messages to
everyone on a shift. Each is rendered in the recipient's language from a pair of templates
(``volunteering/email/<kind>_subject.txt`` and ``<kind>.txt``). The engine's own emails
(confirmation, reminder, waiting list, cancel link) are the booking engine's."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.formats import date_format

from samskab.core import emails as core_emails
from samskab.core.emails import absolute_url
from samskab.core.formatting import slot_time_range
from samskab.volunteering.formatting import hours_text

logger = logging.getLogger(__name__)


def _render(kind: str, context, *, to: str, language: str, **options) -> EmailMessage:
    return core_emails.render_email(
        subject_template=f"volunteering/email/{kind}_subject.txt",
        body_template=f"volunteering/email/{kind}.txt",
        context=context,
        to=to,
        language=language,
        **options,
    )


# --- thank-you after a shift or need ---------------------------------------------------------


def build_thank_you_email(entry, *, work) -> EmailMessage:
    """The thank-you for attended volunteer work (a shift, a need), with the hours credited.
    ``entry`` is its ``HoursEntry``, with the booking loaded."""
    booking = entry.booking

    def context():
        return {
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

    return _render("thank_you", context, to=booking.email, language=booking.recipient_language)


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

    def context():
        return {
            "recipient_name": recipient.name,
            "subject": record.subject,
            "body": record.body,
            "sender_name": record.sent_by.get_full_name() if record.sent_by_id else "",
            "organisation": record.organisation.name,
            "title": opportunity.title,
            "shift_when": slot_time_range(record.shift) if record.shift_id else "",
            "opportunity_url": absolute_url(opportunity.get_absolute_url()),
            "my_volunteering_url": absolute_url(reverse("volunteering:my_volunteering")),
            "municipality_name": settings.MUNICIPALITY_NAME,
            "sent_on": date_format(record.sent_at, "DATE_FORMAT"),
        }

    # A person wrote it: no Auto-Submitted header, and replies go to them.
    return _render(
        "message",
        context,
        to=recipient.email,
        language=recipient.language,
        reply_to=reply_to,
        automatic=False,
    )


def send_volunteer_messages_after_commit(
    record, recipients: list[Recipient], reply_to: str | None
) -> None:
    """Hand the copies to a worker in the surrounding transaction: it renders them, each in
    its recipient's language, and puts them in the outbox, so a message to a hundred
    volunteers costs the coordinator's request nothing."""
    from samskab.core import tasks

    tasks.enqueue(send_volunteer_messages, record.pk, list(recipients), reply_to)


def send_volunteer_messages(record_id: int, recipients: list[Recipient], reply_to: str | None):
    """The background task: every copy of the message into the outbox."""
    from samskab.volunteering.models import VolunteerMessage

    record = (
        VolunteerMessage.objects.select_related("opportunity", "organisation", "shift", "sent_by")
        .filter(pk=record_id)
        .first()
    )
    if record is None:
        return
    core_emails.send_later(
        [build_volunteer_message(record, recipient, reply_to=reply_to) for recipient in recipients],
        about=f"the message {record.pk} to volunteers",
    )
