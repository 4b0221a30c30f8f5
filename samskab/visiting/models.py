"""Visiting friends (*besøgsvenner*): a citizen who would like regular visits, a volunteer
who would like to visit, and a coordinator who brings them together.

- ``VisitingProgramme``: an organisation that runs visiting friends. Its coordinators see
  the requests and offers made to it, and nobody else does.
- ``VisitRequest``: someone would like a visiting friend. Asked by the person themself, by
  a relative or friend, or by a staff member on their behalf (``relation``), with the
  person's consent recorded. Waits on the programme's waiting list from ``created_at``.
- ``VisitOffer``: a volunteer offers to be a visiting friend, with their volunteer profile
  (towns, interests, languages) and a few details of their own.
- ``VisitMatch``: the coordinator proposes an offer for a request. Both sides accept (on
  their page or through the link emailed to them) before either sees the other's name and
  contact details; if either declines, the request goes back on the waiting list.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,19}$",
    _("Enter a phone number using digits, spaces and an optional + in front, e.g. 20 30 40 50."),
)

WEEKDAYS = (
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
)
WEEKDAY_NUMBERS = tuple(number for number, _label in WEEKDAYS)


def weekday_names(days) -> list[str]:
    labels = dict(WEEKDAYS)
    return [str(labels[day]) for day in sorted(days or []) if day in labels]


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other")


class VisitingProgramme(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="visiting_programme",
        verbose_name=_("organisation"),
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=1500,
        help_text=_(
            "Shown to people who ask for a visiting friend or offer to be one: who you visit, "
            "how often, and what happens next."
        ),
    )
    is_active = models.BooleanField(
        _("taking new requests and offers"),
        default=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("visiting-friend programme")
        verbose_name_plural = _("visiting-friend programmes")
        ordering = ["organisation__name", "pk"]

    def __str__(self):
        return str(self.organisation)


class VisitRequest(models.Model):
    class Relation(models.TextChoices):
        SELF = "self", _("For myself")
        RELATIVE = "relative", _("For a relative or friend")
        STAFF = "staff", _("As a staff member, for a citizen")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a visiting friend")
        PROPOSED = "proposed", _("A visiting friend has been proposed")
        MATCHED = "matched", _("Has a visiting friend")
        CLOSED = "closed", _("Closed")

    OPEN_STATUSES = (Status.WAITING, Status.PROPOSED)

    programme = models.ForeignKey(
        VisitingProgramme,
        on_delete=models.CASCADE,
        related_name="requests",
        verbose_name=_("programme"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="visit_requests",
        verbose_name=_("asked by"),
    )
    relation = models.CharField(
        _("who is asking"), max_length=20, choices=Relation.choices, default=Relation.SELF
    )
    person_name = models.CharField(_("name of the person who would like visits"), max_length=150)
    contact_phone = models.CharField(
        _("phone"), max_length=20, blank=True, validators=[phone_validator]
    )
    contact_email = models.EmailField(_("email"), blank=True)
    town = models.ForeignKey(
        "reference.Town",
        on_delete=models.PROTECT,
        related_name="visit_requests",
        verbose_name=_("town"),
    )
    interests = models.ManyToManyField(
        "reference.Interest",
        blank=True,
        related_name="visit_requests",
        verbose_name=_("interests"),
    )
    languages = models.ManyToManyField(
        "reference.Language",
        blank=True,
        related_name="visit_requests",
        verbose_name=_("languages"),
    )
    preferred_gender = models.CharField(
        _("visiting friend's gender"),
        max_length=10,
        choices=[(Gender.WOMAN, _("A woman")), (Gender.MAN, _("A man"))],
        blank=True,
    )
    preferred_days = models.JSONField(_("preferred days"), default=list, blank=True)
    description = models.TextField(_("about the person"), max_length=1000)
    consent_given_at = models.DateTimeField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for a visiting friend")
        verbose_name_plural = _("requests for a visiting friend")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(contact_phone="") | ~Q(contact_email=""),
                name="visiting_request_has_contact",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="visiting_closed_request_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "status", "created_at"], name="visiting_waiting"),
        ]

    def __str__(self):
        return self.person_name

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def preferred_day_names(self) -> list[str]:
        return weekday_names(self.preferred_days)


class VisitOffer(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Available")
        PAUSED = "paused", _("Paused")

    programme = models.ForeignKey(
        VisitingProgramme,
        on_delete=models.CASCADE,
        related_name="offers",
        verbose_name=_("programme"),
    )
    profile = models.ForeignKey(
        "volunteering.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="visit_offers",
        verbose_name=_("volunteer profile"),
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    available_days = models.JSONField(_("days you can visit"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("how many people you would like to visit"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    note = models.TextField(_("a few words about you"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("offered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("offer to be a visiting friend")
        verbose_name_plural = _("offers to be a visiting friend")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "profile"], name="visiting_one_offer_per_programme"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=5), name="visiting_offer_capacity"
            ),
        ]

    def __str__(self):
        return str(self.profile)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def available_day_names(self) -> list[str]:
        return weekday_names(self.available_days)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Only hashes of the emailed links' tokens are stored."""
    return hashlib.sha256(token.encode()).hexdigest()


class VisitMatch(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for both to accept")
        ACCEPTED = "accepted", _("Both have accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn by the coordinator")
        ENDED = "ended", _("Ended")

    LIVE_STATUSES = (Status.PROPOSED, Status.ACCEPTED)

    class Side(models.TextChoices):
        CITIZEN = "citizen", _("The person who asked")
        VOLUNTEER = "volunteer", _("The volunteer")

    request = models.ForeignKey(
        VisitRequest, on_delete=models.CASCADE, related_name="matches", verbose_name=_("request")
    )
    offer = models.ForeignKey(
        VisitOffer, on_delete=models.CASCADE, related_name="matches", verbose_name=_("offer")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    citizen_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    volunteer_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    citizen_accepted_at = models.DateTimeField(_("accepted by the person"), null=True, blank=True)
    volunteer_accepted_at = models.DateTimeField(
        _("accepted by the volunteer"), null=True, blank=True
    )
    declined_by = models.CharField(
        _("declined by"), max_length=20, choices=Side.choices, blank=True
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("visiting-friend match")
        verbose_name_plural = _("visiting-friend matches")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # A request has at most one proposal or match in play at a time.
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=["proposed", "accepted"]),
                name="visiting_one_live_match_per_request",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted")
                | Q(citizen_accepted_at__isnull=False, volunteer_accepted_at__isnull=False),
                name="visiting_accepted_by_both",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(declined_by=""),
                name="visiting_declined_has_side",
            ),
        ]

    def __str__(self):
        return f"{self.request} · {self.offer}"

    @property
    def is_proposed(self) -> bool:
        return self.status == self.Status.PROPOSED

    @property
    def is_accepted(self) -> bool:
        """Both sides accepted: only now may each see the other's name and contact."""
        return self.status == self.Status.ACCEPTED

    def accepted_by(self, side: str) -> bool:
        if side == self.Side.CITIZEN:
            return self.citizen_accepted_at is not None
        return self.volunteer_accepted_at is not None
