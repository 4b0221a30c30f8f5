"""Emails, the one way every app writes and sends them.

- ``site_url()`` and ``absolute_url(path_or_url)``: links in emails are absolute, on the
  site's address (the ``SITE_URL`` setting).
- ``language_of(user)``: the language to write to a person in.
- ``render_email(...)``: an email from templates (a one-line subject, a text body and, if
  given, an HTML body), rendered in the recipient's language.
- ``send(messages, connection=None)``: the one place where an email is handed to the mail
  server. Services that claim a row before sending (reminders, alerts) call it directly
  and release the claim when it raises.
- ``send_later(messages, about=...)`` and ``send_email_later(...)``: what every request
  uses. The emails are stored in the outbox (``OutgoingEmail``) in the transaction of the
  change they are about, so nobody is told about a change that was rolled back and none is
  lost when the mail server is down; a worker delivers them (``deliver_outgoing_emails``),
  waiting longer after each failed attempt, and the periodic task
  ``core.deliver_due_emails`` picks up every email that is due again. Staff see what waits
  or was given up in the admin and can send it again.
"""

import logging
import smtplib
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

DEFAULT_SITE_URL = "http://127.0.0.1:8000"

# Emails that a person did not write themselves say so, so that mail servers do not answer
# them with out-of-office replies (RFC 3834).
AUTOMATIC = {"Auto-Submitted": "auto-generated"}


def site_url() -> str:
    """Scheme and host that emails link to, without a trailing "/"."""
    return getattr(settings, "SITE_URL", DEFAULT_SITE_URL).rstrip("/")


def absolute_url(path_or_url: str, *, base_url: str | None = None) -> str:
    """``path_or_url`` on the site's address (or on ``base_url``, e.g. the address a
    request came in on); an absolute URL or an empty string is returned as it is."""
    if not path_or_url or path_or_url.startswith(("http://", "https://")):
        return path_or_url
    base = base_url.rstrip("/") if base_url is not None else site_url()
    return f"{base}{path_or_url}"


def language_of(user) -> str:
    """The language a person chose, if the site has it, otherwise the site's language."""
    language = getattr(user, "preferred_language", None)
    if language in {code for code, _name in settings.LANGUAGES}:
        return language
    return settings.LANGUAGE_CODE


def render_email(
    *,
    subject_template: str,
    body_template: str,
    context: dict | Callable[[], dict],
    to: str | Iterable[str],
    language: str,
    html_template: str | None = None,
    reply_to: str | None = None,
    automatic: bool = True,
) -> EmailMultiAlternatives:
    """An email rendered in ``language``: the subject on one line whatever the template's
    whitespace, the text body, and the HTML body when ``html_template`` is given.
    ``context`` may be a callable, called in that language, so that the URLs and dates it
    makes are in the recipient's language too. ``automatic=False`` for a message a person
    wrote (it then carries no Auto-Submitted header)."""
    with translation.override(language):
        if callable(context):
            context = context()
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
        html = render_to_string(html_template, context) if html_template else None
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[to] if isinstance(to, str) else list(to),
        reply_to=[reply_to] if reply_to else None,
        headers=dict(AUTOMATIC) if automatic else None,
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message


def connection():
    """A connection to the mail server, to send many emails over one
    (``with connection() as c: send(message, connection=c)``)."""
    return get_connection()


def send(messages: EmailMessage | Iterable[EmailMessage], *, connection=None) -> int:
    """Hand emails to the mail server, over one connection (``connection`` to share one
    between calls). Raises when the mail server fails. Returns the number sent.

    The only place in Samskab that sends email."""
    if isinstance(messages, EmailMessage):
        messages = [messages]
    messages = list(messages)
    if not messages:
        return 0
    if connection is not None:
        return connection.send_messages(messages) or 0
    with get_connection() as opened:
        return opened.send_messages(messages) or 0


# --- the outbox ------------------------------------------------------------------------

# Emails per delivery task: a large mailing is split so that several worker processes share
# it and one task stays well inside the queue's timeout.
DELIVERY_BATCH = 100


def send_later(messages: EmailMessage | Iterable[EmailMessage] | None, *, about: str) -> list[int]:
    """Store emails in the outbox and have a worker deliver them (``about`` says what they
    are about, for staff and the log). Call it inside the transaction of the change the
    emails are about: they go only if it commits, and a mail server that is down or slow
    neither delays the request nor loses them. Returns the outbox ids."""
    from samskab.core import tasks
    from samskab.core.models import OutgoingEmail

    if messages is None:
        return []
    if isinstance(messages, EmailMessage):
        messages = [messages]
    now = timezone.now()
    outgoing = []
    for message in messages:
        message.connection = None
        outgoing.append(OutgoingEmail.of(message, about=about, now=now))
    if not outgoing:
        return []
    with transaction.atomic():
        created = OutgoingEmail.objects.bulk_create(outgoing)
        ids = [email.pk for email in created]
        for start in range(0, len(ids), DELIVERY_BATCH):
            tasks.enqueue(deliver_outgoing_emails, ids[start : start + DELIVERY_BATCH])
    return ids


def send_email_later(*, about: str = "", **email) -> list[int]:
    """Render one email (``render_email``'s arguments) in the recipient's language now and
    deliver it from the outbox (``send_later``)."""
    return send_later(render_email(**email), about=about or str(email.get("to")))


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt: a minute, doubling, at
    most an hour."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


# How long a worker holds the email it is sending (each is claimed just before it is sent):
# longer than sending one can take (EMAIL_TIMEOUT for the connection and again for the
# message), short enough that an email whose worker died, or lost the database, between its
# claim and its deletion waits a minute, not five (seen when PostgreSQL restarted mid-send).
CLAIM = timedelta(minutes=1)


def _connection_failed(error: Exception) -> bool:
    """The mail server itself failed (not one recipient): trying the next email now would
    only wait for the same failure."""
    return isinstance(error, OSError | smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError)


def _defer(email_ids: list[int], *, error: Exception, now, count_attempt: bool) -> None:
    from samskab.core.models import OutgoingEmail

    max_attempts = settings.EMAIL_MAX_ATTEMPTS
    for email in OutgoingEmail.objects.filter(pk__in=email_ids):
        if count_attempt:
            email.attempts += 1
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= max_attempts:
            email.gave_up_at = now
            logger.error(
                "Gave up on email %s (%s) after %s attempts", email.pk, email.about, email.attempts
            )
        email.next_attempt_at = now + retry_delay(max(email.attempts, 1))
        email.save(update_fields=["attempts", "last_error", "gave_up_at", "next_attempt_at"])


def deliver_outgoing_emails(email_ids: list[int] | None = None, *, now=None) -> int:
    """Hand the due emails of the outbox (those of ``email_ids``, or all) to the mail
    server, over one connection. Each is claimed with a conditional UPDATE before it is
    sent and deleted once sent, so several workers never send one twice; a failure puts it
    back with a longer wait (``retry_delay``). Returns the number sent."""
    from samskab.core.models import OutgoingEmail

    now = now or timezone.now()
    due = OutgoingEmail.objects.filter(gave_up_at__isnull=True, next_attempt_at__lte=now)
    if email_ids is not None:
        due = due.filter(pk__in=list(email_ids))
    pending = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True))
    sent = 0
    claimed_until = now + CLAIM
    connection = get_connection()
    try:
        for position, pk in enumerate(pending):
            claimed = OutgoingEmail.objects.filter(
                pk=pk, gave_up_at__isnull=True, next_attempt_at__lte=now
            ).update(next_attempt_at=claimed_until)
            if claimed != 1:
                continue
            email = OutgoingEmail.objects.filter(pk=pk).first()
            try:
                connection.open()  # at the first email; a no-op once open
                send(email.email_message(), connection=connection)
            except Exception as error:
                logger.warning("Could not send email %s (%s): %s", pk, email.about, error)
                _defer([pk], error=error, now=now, count_attempt=True)
                if _connection_failed(error):
                    # The rest wait as long as this one, without an attempt counted.
                    rest = OutgoingEmail.objects.filter(
                        pk__in=pending[position + 1 :], next_attempt_at__lte=now
                    ).values_list("pk", flat=True)
                    _defer(list(rest), error=error, now=now, count_attempt=False)
                    break
                continue
            OutgoingEmail.objects.filter(pk=pk).delete()
            sent += 1
    finally:
        connection.close()
    return sent


def send_again(email_ids: list[int]) -> int:
    """Staff's "send again": emails that were given up on (or are waiting) are due now."""
    from samskab.core import tasks
    from samskab.core.models import OutgoingEmail

    with transaction.atomic():
        count = OutgoingEmail.objects.filter(pk__in=email_ids).update(
            gave_up_at=None, attempts=0, next_attempt_at=timezone.now()
        )
        tasks.enqueue(deliver_outgoing_emails, list(email_ids))
    return count


def outbox_counts() -> dict[str, int]:
    """Emails waiting to be delivered and emails given up on (for monitoring)."""
    from django.db.models import Count, Q

    from samskab.core.models import OutgoingEmail

    return OutgoingEmail.objects.aggregate(
        waiting=Count("pk", filter=Q(gave_up_at__isnull=True)),
        given_up=Count("pk", filter=Q(gave_up_at__isnull=False)),
    )


def purge_given_up_emails(*, now=None) -> int:
    """Emails given up on hold addresses: they are deleted after ``EMAIL_KEEP_FAILED_DAYS``."""
    from samskab.core.models import OutgoingEmail

    now = now or timezone.now()
    keep = timedelta(days=settings.EMAIL_KEEP_FAILED_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(gave_up_at__lt=now - keep).delete()
    return deleted
