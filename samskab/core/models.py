"""Core's one model: the outbox of emails waiting for the mail server
(``samskab.core.emails``)."""

import pickle

from django.core.mail import EmailMessage
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An email on its way: stored in the transaction of the change it is about, delivered
    by a worker, and deleted once the mail server has taken it. While the mail server
    fails it waits longer after each attempt; after the last attempt it stays here, marked
    as given up, until staff send it again or it is purged."""

    about = models.CharField(_("about"), max_length=200)
    recipients = models.TextField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=998)
    # The message as Django builds it (text, HTML, attachments, headers), pickled: only
    # Samskab writes this column and only its worker reads it.
    message = models.BinaryField(_("message"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    gave_up_at = models.DateTimeField(_("given up"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["next_attempt_at", "pk"]

    def __str__(self):
        return f"{self.about}: {self.subject}"

    @classmethod
    def of(cls, message: EmailMessage, *, about: str, now) -> "OutgoingEmail":
        return cls(
            about=about[:200],
            recipients=", ".join(message.recipients()),
            subject=str(message.subject)[:998],
            message=pickle.dumps(message),
            next_attempt_at=now,
        )

    def email_message(self) -> EmailMessage:
        return pickle.loads(bytes(self.message))  # noqa: S301 (written by Samskab only)
