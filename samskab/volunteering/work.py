"""Volunteer work: anything volunteers turn up for with a place in the booking engine — a
shift of an opportunity here, a need in ``samskab.needs``. Attendance, check-in by QR code,
no-shows, credited hours and the thank-you work the same for every kind (see services), so
each kind's model mixes in ``VolunteerWorkMixin``, implements what ``REQUIRED`` lists, and
its app declares it in ``contributions.py`` (``volunteer_work=("needs.Need",)``). A declared
model that lacks any of it stops the start-up, not a check-in.
"""

import secrets
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.booking.models import SlotOwnerMixin
from samskab.core import extensions


def new_check_in_secret() -> str:
    """128 random bits, URL-safe: the part of the check-in link that cannot be guessed."""
    return secrets.token_urlsafe(16)


class VolunteerWorkMixin(SlotOwnerMixin, models.Model):
    """A slot owner that volunteers do: it has ``starts_at`` and ``ends_at`` fields, a
    secret for its QR check-in link, and says who it is for and how its attendance is
    completed."""

    check_in_secret = models.CharField(
        _("check-in secret"),
        max_length=64,
        unique=True,
        default=new_check_in_secret,
        editable=False,
    )

    class Meta:
        abstract = True

    @property
    def duration_hours(self) -> Decimal:
        """The length in hours, to the hundredth: what attending it credits."""
        seconds = Decimal((self.ends_at - self.starts_at).total_seconds())
        return (seconds / Decimal(3600)).quantize(Decimal("0.01"))

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at).date()

    def help_again_path(self) -> str:
        """Where the thank-you invites the volunteer to help again."""
        return reverse("volunteering:list")

    def booking_mark_attendance(self, booking, *, attended, by):
        """The booking engine's attendance view records volunteer work's attendance here:
        through the engine, crediting (or taking back) the hours to match."""
        from samskab.volunteering import services

        return services.record_attendance(booking=booking, attended=attended, by=by)


# What each kind of volunteer work implements besides the mixin (checked when it registers):
#   work_organisation            property: the organisation its hours are credited to
#   hours_entry_links()          extra HoursEntry fields (e.g. the shift and its opportunity)
#   attendance_closed            property: True once attendance is complete
#   mark_attendance_closed(now=, by=)   record (and save) that attendance is complete
#   attendance_to_close(ended_before=)  classmethod: ended, not cancelled, not yet complete
#   check_in_path()              the path its QR code opens (secret included)
REQUIRED = (
    "work_organisation",
    "hours_entry_links",
    "attendance_closed",
    "mark_attendance_closed",
    "attendance_to_close",
    "check_in_path",
)


def check_volunteer_work_model(model: type) -> None:
    """Refuse a declared kind of volunteer work that lacks part of the protocol."""
    if not issubclass(model, VolunteerWorkMixin):
        raise TypeError(f"{model.__name__} must mix in VolunteerWorkMixin.")
    missing = [name for name in REQUIRED if not hasattr(model, name)]
    if missing:
        raise TypeError(f"{model.__name__} lacks what volunteer work needs: {missing}")


def check_volunteer_work_models() -> None:
    for model in volunteer_work_models():
        check_volunteer_work_model(model)


def volunteer_work_models() -> list[type]:
    """Every kind of volunteer work the installed apps declare
    (``Contributions.volunteer_work``)."""
    return [apps.get_model(label) for _, label in extensions.declared("volunteer_work")]


def volunteer_work_type_ids() -> list[int]:
    """The content type ids of every kind of volunteer work (for slot queries)."""
    return [ContentType.objects.get_for_model(model).pk for model in volunteer_work_models()]


def work_for_slot(slot):
    """The volunteer work that owns ``slot`` (a shift, a need), or None for another owner
    (an activity session)."""
    for model in volunteer_work_models():
        if slot.content_type_id == ContentType.objects.get_for_model(model).pk:
            return model.booking_owner_queryset().filter(pk=slot.object_id).first()
    return None
