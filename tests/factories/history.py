"""The past, as time would have left it: sessions, shifts and needs that already took place,
with their bookings and hours, dated at chosen moments. The services refuse to create
things in the past, so these write the rows the services would have left behind (a slot per
owner, arrival numbers in order)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import F

from samskab.activities.models import ActivitySession
from samskab.booking import services as booking_services
from samskab.booking.models import Booking, Slot
from samskab.volunteering.models import HoursEntry
from tests.factories.volunteering import HoursEntryFactory

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def local(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in Copenhagen's local time."""
    return datetime.combine(day, time(hour, minute), tzinfo=COPENHAGEN)


def past_session(activity, starts_at, *, hours=2, capacity=None, cancelled=False):
    """A session of ``activity`` at ``starts_at`` with its slot (cancelled if asked)."""
    session = ActivitySession(activity=activity)
    session.set_times(starts_at, starts_at + timedelta(hours=hours))
    session.save()
    booking_services.create_slot(
        owner=session, starts_at=session.starts_at, ends_at=session.ends_at, capacity=capacity
    )
    if cancelled:
        Slot.objects.filter(object_id=session.pk, content_type__model="activitysession").update(
            cancelled_at=starts_at - timedelta(days=1), cancellation_reason="Sygdom."
        )
    return session


def booked(
    owner,
    *,
    user=None,
    guest_email="",
    status=Booking.Status.CONFIRMED,
    attendance=Booking.Attendance.UNKNOWN,
    at=None,
    language="da",
    cancelled_at=None,
    entered=None,
) -> Booking:
    """A booking of ``owner``'s slot made at ``at`` (default: a week before it starts).
    Bookings that entered the slot (all but a visitor's unconfirmed ones: pass
    ``entered=False`` for a cancelled one of those) get the next arrival number."""
    slot = owner.booking_slots.get()
    at = at or slot.starts_at - timedelta(days=7)
    if entered is None:
        entered = status != Booking.Status.PENDING
    sequence = None
    if entered:
        Slot.objects.filter(pk=slot.pk).update(arrivals=F("arrivals") + 1)
        sequence = Slot.objects.values_list("arrivals", flat=True).get(pk=slot.pk)
    booking = Booking.objects.create(
        slot=slot,
        user=user,
        guest_name="" if user else "Gæst",
        guest_email="" if user else guest_email,
        language=language,
        status=status,
        sequence=sequence,
        confirmed_at=at if status == Booking.Status.CONFIRMED else None,
        cancelled_at=cancelled_at,
        attendance=attendance,
        attendance_marked_at=slot.starts_at if attendance != Booking.Attendance.UNKNOWN else None,
    )
    Booking.objects.filter(pk=booking.pk).update(created_at=at)
    booking.refresh_from_db()
    return booking


def approved_hours(volunteer, *, day: date, hours="2.00", **kwargs) -> HoursEntry:
    """Hours a coordinator approved for ``volunteer`` on ``day``."""
    return HoursEntryFactory(
        volunteer=volunteer,
        date=day,
        hours=Decimal(hours),
        status=HoursEntry.Status.APPROVED,
        **kwargs,
    )


def moved(owner, starts_at, *, hours=2, posted_at=None):
    """``owner`` (a shift, a need) made earlier through its service, moved to ``starts_at``
    with its slot, and posted at ``posted_at`` if given, as if it had happened then."""
    ends_at = starts_at + timedelta(hours=hours)
    changes = {"starts_at": starts_at, "ends_at": ends_at}
    if posted_at is not None:
        changes["created_at"] = posted_at
    type(owner).objects.filter(pk=owner.pk).update(**changes)
    owner.booking_slots.update(starts_at=starts_at, ends_at=ends_at)
    owner.refresh_from_db()
    return owner
