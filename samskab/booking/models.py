"""The booking engine's data: a ``Slot`` is anything with places (an activity session, a
volunteer shift); a ``Booking`` is one person's claim on a slot, from sign-up to attendance.

The engine never imports the apps that own slots. A slot points to its owner through a
generic relation, and the owner describes itself to the engine through the small protocol
in ``samskab.booking.owners`` (``SlotOwnerMixin`` below implements it with defaults).

State changes go through ``samskab.booking.services``, never through ``save()`` on these
models: the services lock the slot row so that capacity checks are serialised per slot.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.booking import conf


class Slot(models.Model):
    """Something with places that people book: one activity session or one volunteer shift.

    Each owner object has at most one slot (unique owner). ``capacity`` empty means
    unlimited; without ``waitlist_enabled`` a full slot refuses newcomers (``SlotFull``).
    ``arrivals`` counts every booking that has entered the slot (confirmed or
    waitlisted); it is only incremented while the slot row is locked, so each booking's
    ``sequence`` is its arrival number and the waitlist is in strict arrival order."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("owner type")
    )
    object_id = models.PositiveBigIntegerField(_("owner id"))
    owner = GenericForeignKey("content_type", "object_id")

    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    auto_confirm_waitlist = models.BooleanField(
        _("give freed places directly to the next person waiting"),
        default=False,
        help_text=_(
            "Otherwise the next person waiting is offered the place by email and has to "
            "accept it within a set time."
        ),
    )
    waitlist_enabled = models.BooleanField(
        _("keep a waiting list when full"),
        default=True,
        help_text=_(
            "Otherwise people who come when every place is taken are told that it is full, "
            "and nobody waits for a place (e.g. a need: the first to accept get it)."
        ),
    )
    reminder_before = models.DurationField(
        _("send reminders this long before the start"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the site's default."),
    )
    arrivals = models.PositiveIntegerField(_("arrivals"), default=0, editable=False)

    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("bookable slot")
        verbose_name_plural = _("bookable slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="booking_slot_one_per_owner"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="booking_slot_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="booking_slot_capacity_at_least_one",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="booking_slot_starts_at")]

    def __str__(self):
        start = timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{self.content_type.model} #{self.object_id} · {start}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def accepts_bookings(self, now=None) -> bool:
        return not self.is_cancelled and not self.has_started(now)

    @property
    def reminder_due_at(self):
        return self.starts_at - (self.reminder_before or conf.reminder_before())

    def page_cache_tags(self) -> list[str] | None:
        """The kept pages showing this slot (its places left) are its owner's to name
        (``booking_page_cache_tags()``, optional in the owner protocol); an owner that does
        not, or is gone, leaves the pages to be forgotten by their scopes (``None``)."""
        # A booking and its slot are saved together, often several times: the owner's
        # pages are looked up once per slot object (an owner never changes).
        if "_owner_page_tags" not in self.__dict__:
            model = ContentType.objects.get_for_id(self.content_type_id).model_class()
            tags = None
            if getattr(model, "booking_page_cache_tags", None) is not None:
                owner = model._default_manager.filter(pk=self.object_id).first()
                tags = None if owner is None else owner.booking_page_cache_tags()
            self.__dict__["_owner_page_tags"] = tags
        return self.__dict__["_owner_page_tags"]


# Plain strings for the constraints, so migrations do not depend on the choices class.
_ACTIVE = ["pending", "confirmed", "waitlisted", "offered"]
_ARRIVED = ["confirmed", "waitlisted", "offered"]


def new_booking_token() -> str:
    """256 random bits, URL-safe. Stored as is (unique index), because reminders sent later
    by a worker must carry the same working cancel link as the first email."""
    return secrets.token_urlsafe(32)


class Booking(models.Model):
    """One person's booking of a slot: a logged-in user, or a visitor known only by name and
    email (who may later claim it by creating an account with that email).

    ``sequence`` is the arrival number within the slot, given when the booking enters the
    slot (at once for a user, when a visitor confirms their email); the waitlist is the
    waitlisted bookings ordered by it. ``token`` makes the one-click links in emails work
    without a login."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Offer declined")
        EXPIRED = "expired", _("Expired")

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("Not recorded")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    # A person has at most one booking in these states per slot.
    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)
    # These take a place: an open offer holds the place until it is accepted or expires.
    PLACE_HOLDING_STATUSES = (Status.CONFIRMED, Status.OFFERED)
    # These have entered the slot and therefore carry an arrival number.
    ARRIVED_STATUSES = (Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)

    slot = models.ForeignKey(
        Slot, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("slot")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("user"),
    )
    guest_name = models.CharField(_("name"), max_length=150, blank=True)
    guest_email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the visitor signed up in; used for their emails."),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    sequence = models.PositiveIntegerField(_("arrival number"), null=True, blank=True)
    token = models.CharField(
        _("link token"), max_length=64, unique=True, default=new_booking_token, editable=False
    )

    confirmation_sent_at = models.DateTimeField(
        _("confirmation email sent at"), null=True, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    offered_at = models.DateTimeField(_("place offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attendance marked by"),
    )
    attendance_marked_at = models.DateTimeField(_("attendance marked at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["slot_id", "sequence", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "user"],
                condition=Q(user__isnull=False, status__in=_ACTIVE),
                name="booking_one_active_per_user",
            ),
            models.UniqueConstraint(
                fields=["slot", "guest_email"],
                condition=Q(user__isnull=True, status__in=_ACTIVE),
                name="booking_one_active_per_guest",
            ),
            models.UniqueConstraint(
                fields=["slot", "sequence"], name="booking_unique_arrival_number"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | (~Q(guest_email="") & ~Q(guest_name="")),
                name="booking_user_or_guest_details",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=_ARRIVED) | Q(sequence__isnull=False),
                name="booking_arrived_has_sequence",
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="booking_offer_has_expiry",
            ),
        ]
        indexes = [
            models.Index(fields=["slot", "status", "sequence"], name="booking_slot_status_seq"),
            models.Index(fields=["guest_email"], name="booking_guest_email"),
            models.Index(
                fields=["offer_expires_at"],
                condition=Q(status="offered"),
                name="booking_open_offers",
            ),
            models.Index(
                fields=["slot"],
                condition=Q(status="confirmed", reminder_sent_at__isnull=True),
                name="booking_reminder_not_sent",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} · {self.get_status_display()}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def email(self) -> str:
        return self.user.email if self.user_id else self.guest_email

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name()
        return self.guest_name

    @property
    def recipient_language(self) -> str:
        """A user's emails follow their profile; a visitor's follow the page they used."""
        if self.user_id and self.user.preferred_language:
            return self.user.preferred_language
        return self.language

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    def page_cache_tags(self) -> list[str] | None:
        slot = self._state.fields_cache.get("slot") or Slot.objects.filter(pk=self.slot_id).first()
        return None if slot is None else slot.page_cache_tags()

    @property
    def holds_place(self) -> bool:
        return self.status in self.PLACE_HOLDING_STATUSES


# Where ``selectors.slots_prefetch()`` puts an owner's slots: a plain list. Django's
# ``prefetch_related`` builds a filtered queryset per owner to hold the result when it has no
# ``to_attr`` (about 0.2 ms an owner, most of a list of sessions' cost), a list it does not.
PREFETCHED_SLOTS = "prefetched_booking_slots"


class SlotOwnerMixin(models.Model):
    """Mix into a model whose instances own a slot (an activity session, a volunteer shift).

    It adds the reverse generic relation (so ``prefetch_related("booking_slots")`` works and
    deleting the owner deletes its slot and bookings) and default implementations of the
    owner protocol described in ``samskab.booking.owners``. Override ``booking_title``,
    ``booking_place`` and ``booking_organiser``; ``booking_url`` defaults to
    ``get_absolute_url()``; ``booking_can_manage`` defaults to municipal staff only;
    ``booking_sign_up_open`` (default True) hides drafts from the engine's sign-up page;
    ``booking_roster_url`` and ``booking_mark_attendance`` say where the owner's roster is
    and how it records attendance (defaults: the engine's page and service);
    ``booking_owner_queryset`` lets lists load owners with their related rows."""

    booking_slots = GenericRelation(
        Slot, related_query_name="%(app_label)s_%(class)s", verbose_name=_("bookable slots")
    )

    class Meta:
        abstract = True

    @property
    def booking_slot(self) -> Slot | None:
        """This owner's slot; uses ``selectors.slots_prefetch()`` (or
        ``prefetch_related("booking_slots")``) when present."""
        slots = getattr(self, PREFETCHED_SLOTS, None)
        if slots is None:
            slots = list(self.booking_slots.all())
        return slots[0] if slots else None

    @classmethod
    def booking_owner_queryset(cls):
        """How the engine loads owners for lists ("my bookings"): add select_related here
        for whatever ``booking_place`` and ``booking_organiser`` read."""
        return cls._default_manager.all()

    def booking_title(self) -> str:
        return str(self)

    def booking_url(self) -> str:
        return self.get_absolute_url()

    def booking_place(self) -> str:
        return ""

    def booking_organiser(self) -> str:
        return ""

    def booking_sign_up_open(self) -> bool:
        return True

    def booking_can_manage(self, user) -> bool:
        from samskab.accounts.roles import is_municipal_staff

        return is_municipal_staff(user)

    def booking_roster_url(self) -> str:
        """The organisers' roster of this owner's slot: by default the engine's own page."""
        from django.urls import reverse

        slot = self.booking_slot
        return reverse("booking:manage_slot", args=[slot.pk]) if slot is not None else ""

    def booking_mark_attendance(self, booking, *, attended, by):
        """Record attendance (True came, False did not, None undo); by default through the
        engine alone. Owners that do more on attendance override this."""
        from samskab.booking import services

        return services.mark_attendance(booking=booking, attended=attended, by=by)
