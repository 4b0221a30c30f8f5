"""Emails, the one way every app writes and sends them.

- ``site_url()`` and ``absolute_url(path_or_url)``: links in emails are absolute, on the
  site's address (the ``SITE_URL`` setting).
- ``language_of(user)``: the language to write to a person in.
- ``render_email(...)``: an email from templates (a one-line subject, a text body and, if
  given, an HTML body), rendered in the recipient's language.
- ``send(messages, connection=None)``: the one place where an email is handed to the mail
  server. Services that claim a row before sending (reminders, alerts) call it directly
  and release the claim when it raises.
- ``send_after_commit(build, what=...)`` and ``send_email_after_commit(...)``: render and
  send once the surrounding transaction commits, so nobody is told about a change that was
  rolled back and no lock is held while talking to the mail server. A failing mail server
  is logged and never undoes the change.
"""

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

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


def send_after_commit(
    build: Callable[[], EmailMessage | Iterable[EmailMessage] | None], *, what: str
) -> None:
    """Once the surrounding transaction commits (at once outside one), call ``build`` and
    send the emails it returns. ``build`` runs after the commit, so it reads what was
    committed. A failure is logged, naming ``what`` the emails were about."""

    # A named function rather than a lambda or partial: Django logs a failing robust
    # callback by its __qualname__.
    def send_emails_after_commit():
        try:
            messages = build()
            if messages is not None:
                send(messages)
        except Exception:
            logger.exception("Could not send the emails about %s", what)

    transaction.on_commit(send_emails_after_commit, robust=True)


def send_email_after_commit(*, what: str = "", **email) -> None:
    """Render one email (``render_email``'s arguments) in the recipient's language and send
    it once the surrounding transaction commits."""
    send_after_commit(lambda: render_email(**email), what=what or str(email.get("to")))
