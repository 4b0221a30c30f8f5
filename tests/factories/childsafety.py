"""Shifts on given days and sign-ups through the booking engine, as people make them."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from samskab.booking import services as booking_services
from samskab.volunteering import services as volunteering_services
from tests.factories.volunteering import OpportunityFactory


def local(day: date, hour: int = 15) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def children_opportunity(organisation, **kwargs):
    return OpportunityFactory(organisation=organisation, involves_children=True, **kwargs)


def shift_on(opportunity, day: date, *, days: int = 1, places: int = 5):
    """A shift starting at 15:00 on ``day``; with ``days`` > 1 it runs until 17:00 on the
    last day (a camp)."""
    starts_at = local(day)
    ends_at = local(day + timedelta(days=days - 1), 17)
    return volunteering_services.create_shift(
        opportunity=opportunity,
        spec=volunteering_services.ShiftSpec(
            starts_at=starts_at, ends_at=ends_at, volunteers_needed=places
        ),
    )


def sign_up(shift, user):
    return booking_services.request_booking(slot=shift.booking_slot, user=user).booking


def help_on(opportunity, user, days: list[date], *, length: int = 1):
    """Sign the user up for a shift on each day."""
    return [sign_up(shift_on(opportunity, day, days=length), user) for day in days]


def soon(days_from_now: int) -> date:
    return timezone.localdate() + timedelta(days=days_from_now)
