"""Volunteer certificates (*frivilligbevis*).

A ``Certificate`` is a snapshot taken when the volunteer asks for it: their name as they
want it printed, the organisations they helped, their roles and periods there, the approved
hours and the skills the roles used, in Danish or English. The snapshot (``content``) never
changes after issue. ``content_hash`` is the SHA-256 of its canonical JSON, so the public
verification page can tell a certificate that is exactly as issued from one whose stored
content was altered. ``code`` is what the printed certificate and its QR code carry.

A certificate can only be revoked: by the volunteer, or when they delete their account. A
revoked certificate keeps its code (so the verification page can say it was revoked); when
the account is deleted its content is deleted too.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.certificates.codes import format_code, new_code

CONTENT_VERSION = 1

# What may change on an issued certificate: revoking it, and emptying it when the person
# deletes their account. Everything else is the certificate and stays as issued.
REVOCATION_FIELDS = frozenset({"revoked_at", "revocation_reason", "content", "volunteer"})


def canonical_json(content) -> bytes:
    """One byte string per content, whatever the database did to key order or spacing."""
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def content_hash(content) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


class ImmutableCertificate(ValidationError):
    pass


class Certificate(models.Model):
    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    class RevocationReason(models.TextChoices):
        BY_VOLUNTEER = "volunteer", _("Withdrawn by the volunteer")
        ACCOUNT_DELETED = "account_deleted", _("The volunteer deleted their account")

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Emptied (with the content) when the account goes; the code stays so the
        # verification page can answer "revoked" instead of "unknown".
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_certificates",
        verbose_name=_("volunteer"),
    )
    code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_code, editable=False
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    content = models.JSONField(_("content"), editable=False)
    content_hash = models.CharField(_("SHA-256 of the content"), max_length=64, editable=False)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revocation_reason = models.CharField(
        _("why it was revoked"),
        max_length=30,
        choices=RevocationReason.choices,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("volunteer certificate")
        verbose_name_plural = _("volunteer certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revocation_reason="")
                | Q(revoked_at__isnull=False) & ~Q(revocation_reason=""),
                name="certificates_revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(volunteer__isnull=False) | Q(revoked_at__isnull=False),
                name="certificates_orphan_is_revoked",
            ),
        ]
        indexes = [models.Index(fields=["volunteer", "issued_at"], name="certificates_by_person")]

    def __str__(self):
        return self.formatted_code

    def save(self, *args, **kwargs):
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= REVOCATION_FIELDS:
                raise ImmutableCertificate(_("An issued certificate cannot be changed."))
            if "content" in update_fields and (self.revoked_at is None or self.content):
                raise ImmutableCertificate(
                    _("A certificate's content can only be removed, after it is revoked.")
                )
        super().save(*args, **kwargs)

    def get_verification_url(self) -> str:
        return reverse("certificates:verify", kwargs={"code": self.code})

    @property
    def formatted_code(self) -> str:
        return format_code(self.code)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_unchanged(self) -> bool:
        """Whether the stored content is exactly what was issued: its hash matches and it
        names this certificate's own code and language."""
        content = self.content or {}
        return (
            bool(content)
            and content_hash(content) == self.content_hash
            and content.get("code") == self.code
            and content.get("language") == self.language
        )

    @property
    def fingerprint(self) -> str:
        """The first 64 bits of the hash in groups of four, printed on the certificate so a
        reader can compare it with the verification page."""
        head = self.content_hash[:16]
        return " ".join(head[start : start + 4] for start in range(0, len(head), 4))
