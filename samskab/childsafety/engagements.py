"""Where engagement with children under 15 is read from: bookings in the booking engine.

A booking counts when it is confirmed (signed up, coming or past), belongs to a person with
an account, is not marked as a no-show, its slot is not cancelled, and its slot's owner
leads to something with ``involves_children`` and ``organisation`` — a volunteering
``Shift`` through its ``Opportunity``, or a ``Need``. Each app whose bookings can be tasks
with children declares the lookup path from ``Booking`` to that row in its
``contributions.py`` (``volunteer_engagements=("slot__needs_need",)``).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from samskab.booking.models import Booking
from samskab.childsafety.rules import Occasion
from samskab.core import extensions


def engagement_paths() -> tuple[str, ...]:
    """The lookup paths other apps declare (``Contributions.volunteer_engagements``)."""
    return tuple(path for _, path in extensions.declared("volunteer_engagements"))


def _counted_bookings(path: str, *, user_ids=None, organisation_ids=None, since=None):
    bookings = Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        user__isnull=False,
        slot__cancelled_at__isnull=True,
        **{f"{path}__involves_children": True},
    ).exclude(attendance=Booking.Attendance.NO_SHOW)
    if user_ids is not None:
        bookings = bookings.filter(user_id__in=list(user_ids))
    if organisation_ids is not None:
        bookings = bookings.filter(**{f"{path}__organisation_id__in": list(organisation_ids)})
    if since is not None:
        bookings = bookings.filter(slot__ends_at__gte=since)
    return bookings


def occasion_of(starts_at: datetime, ends_at: datetime) -> Occasion:
    """The local days a slot covers; a slot ending at midnight does not cover the next day."""
    first = timezone.localtime(starts_at).date()
    last = timezone.localtime(max(ends_at - timedelta(microseconds=1), starts_at)).date()
    return Occasion(first_day=first, last_day=last)


@dataclass(frozen=True)
class Engagement:
    """One person's counted occasions with one organisation."""

    user_id: int
    organisation_id: int
    occasions: tuple[Occasion, ...]

    @property
    def last_day(self):
        return max(occasion.last_day for occasion in self.occasions)


def engagements(*, user_ids=None, organisation_ids=None, since=None) -> list[Engagement]:
    """Counted occasions per (person, organisation), one query per registered path.
    ``since`` keeps slots that end at or after it."""
    occasions: dict[tuple[int, int], set[Occasion]] = defaultdict(set)
    for path in engagement_paths():
        rows = _counted_bookings(
            path, user_ids=user_ids, organisation_ids=organisation_ids, since=since
        ).values_list("user_id", f"{path}__organisation_id", "slot__starts_at", "slot__ends_at")
        for user_id, organisation_id, starts_at, ends_at in rows:
            occasions[(user_id, organisation_id)].add(occasion_of(starts_at, ends_at))
    return [
        Engagement(user_id=user_id, organisation_id=organisation_id, occasions=tuple(found))
        for (user_id, organisation_id), found in occasions.items()
    ]


def last_engagement_days(*, user_ids, organisation_ids) -> dict[tuple[int, int], object]:
    """(person, organisation) → the local day their last counted slot ends, at any time."""
    latest: dict[tuple[int, int], datetime] = {}
    for path in engagement_paths():
        rows = (
            _counted_bookings(path, user_ids=user_ids, organisation_ids=organisation_ids)
            .values("user_id", f"{path}__organisation_id")
            .annotate(last_end=Max("slot__ends_at"))
            .order_by()
        )
        for row in rows:
            key = (row["user_id"], row[f"{path}__organisation_id"])
            if key not in latest or row["last_end"] > latest[key]:
                latest[key] = row["last_end"]
    return {key: timezone.localtime(value).date() for key, value in latest.items()}


def organisations_of_booking(booking_id: int) -> list[tuple[int, int]]:
    """(person, organisation) pairs that this booking counts for (none when it is not a
    confirmed booking of a task with children)."""
    pairs = set()
    for path in engagement_paths():
        pairs.update(
            _counted_bookings(path)
            .filter(pk=booking_id)
            .values_list("user_id", f"{path}__organisation_id")
        )
    return sorted(pairs)
