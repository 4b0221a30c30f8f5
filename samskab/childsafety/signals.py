"""Check the børneattest rule as soon as a booking is confirmed, so the coordinator and the
volunteer know at once. The booking engine knows nothing about this: it only saves its
bookings, and this receiver reacts to confirmed ones after the transaction commits (a
failure is logged and never breaks the sign-up; ``check_attest_rule`` catches up)."""

from django.db.models.signals import post_save

from samskab.booking.models import Booking
from samskab.core import tasks

WATCHED_FIELDS = {"status", "user", "attendance"}


def booking_saved(sender, instance: Booking, created=False, update_fields=None, **kwargs):
    if instance.user_id is None or instance.status != Booking.Status.CONFIRMED:
        return
    if update_fields is not None and not WATCHED_FIELDS & set(update_fields):
        return
    from samskab.childsafety.services import check_booking

    tasks.enqueue(check_booking, instance.pk)


def connect() -> None:
    post_save.connect(booking_saved, sender=Booking, dispatch_uid="childsafety_booking_saved")
