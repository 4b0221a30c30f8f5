"""Organisations that publish activities and volunteer opportunities, and the people who run
them.

An organisation is registered by anyone with a login, starts out pending and becomes public
only when municipal staff approve it. Its members have a role: administrators manage the
organisation and its members; coordinators run its day-to-day offers (activities,
volunteering). State changes go through ``services.py``; the description is translated with
django-modeltranslation (see translation.py).
"""

import hashlib

from django.conf import settings
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core import page_cache

LOGO_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]

postcode_validator = RegexValidator(
    r"^\d{4}$", _("Enter a Danish postcode of four digits, e.g. 6700.")
)
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,19}$",
    _("Enter a phone number using digits, spaces and an optional + in front, e.g. 76 16 16 16."),
)


def logo_upload_path(instance, filename):
    # The slug keeps files recognisable on disk; Django adds a suffix if the name is taken.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"organisations/logos/{instance.slug or 'organisation'}.{extension}"


class Organisation(models.Model):
    class Type(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        VOLUNTEER_GROUP = "volunteer_group", _("Volunteer group")
        MUNICIPAL_SERVICE = "municipal_service", _("Municipal service")
        LOCAL_COUNCIL = "local_council", _("Local council")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        help_text=_("The last part of the organisation page's web address."),
    )
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    description = models.TextField(
        _("description"), help_text=_("What the organisation does and who it is for.")
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=logo_upload_path,
        blank=True,
        validators=[FileExtensionValidator(LOGO_EXTENSIONS)],
        help_text=_("A PNG, JPEG or WebP image of at most 2 MB."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[phone_validator]
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[postcode_validator]
    )
    town = models.CharField(_("town"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    focus_areas = models.ManyToManyField(
        "vision.FocusArea",
        blank=True,
        related_name="organisations",
        verbose_name=_("focus areas"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_organisations",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["status", "name"], name="organisation_status_name")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="organisation_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    def page_cache_tags(self) -> list[str]:
        """Its own page, and every activity's page (they show the organisation's name and
        whether it is approved). Read through the reverse relation: activities are an app
        above this one."""
        activities = self.activities
        return [
            page_cache.tag(self),
            *(
                page_cache.tag(activities.model, pk)
                for pk in activities.values_list("pk", flat=True)
            ),
        ]

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED

    @property
    def address_lines(self) -> list[str]:
        town_line = f"{self.postcode} {self.town}".strip()
        return [line for line in (self.street, town_line) if line]


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        COORDINATOR = "coordinator", _("Coordinator")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisation_membership_unique_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"

    def page_cache_tags(self) -> list[str]:
        return [page_cache.tag(Organisation, self.organisation_id)]

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR


def hash_invitation_token(token: str) -> str:
    """Only a hash of the token is stored, so a database leak does not leak working links."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An emailed invitation to become a member. The link carries a secret token; whoever
    opens it and is logged in may accept it once before it expires."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Inviting the same address again renews the open invitation instead.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="organisation_invitation_one_open_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def page_cache_tags(self) -> list[str]:
        return [page_cache.tag(Organisation, self.organisation_id)]

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return not (self.is_accepted or self.is_revoked or self.is_expired)
