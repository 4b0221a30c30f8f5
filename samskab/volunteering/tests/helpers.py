"""Steps tests take through the booking engine and the services, as people would."""

from datetime import timedelta

from django.utils import timezone

from samskab.booking import services as booking_services
from samskab.volunteering import services
from samskab.volunteering.models import Shift


def sign_up(shift, user):
    """Sign a user up for a shift through the engine."""
    return booking_services.request_booking(slot=shift.booking_slot, user=user).booking


def move_to(shift, *, starts_in, duration=timedelta(hours=2)):
    """Move a shift (and its slot) through the services, e.g. into the past after people
    signed up, as time passing would."""
    starts_at = timezone.now() + starts_in
    shift = Shift.objects.get(pk=shift.pk)
    return services.update_shift(
        shift=shift,
        spec=services.ShiftSpec(
            starts_at=starts_at,
            ends_at=starts_at + duration,
            volunteers_needed=shift.booking_slot.capacity,
        ),
    )


def attend(shift, user, *, by):
    """Sign up, move the shift to an hour ago and record that the person came."""
    booking = sign_up(shift, user)
    shift = move_to(shift, starts_in=timedelta(hours=-3))
    services.record_attendance(booking=booking, attended=True, by=by)
    booking.refresh_from_db()
    return shift, booking
