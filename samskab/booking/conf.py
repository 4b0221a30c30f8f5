"""The booking engine's settings, each with a default so the engine works before a
deployment sets anything (``SITE_URL``, which emails link to, is read by
``samskab.core.emails.site_url``).

- ``BOOKING_OFFER_HOURS``: how long a freed place stays offered to the first person waiting
  before it goes to the next (12). Never beyond the start of the session.
- ``BOOKING_REMINDER_BEFORE``: how long before a session its reminder goes out (24 h); a
  slot may override it with ``Slot.reminder_before``.
- ``BOOKING_GUEST_CONFIRMATION_HOURS``: how long a visitor's confirmation link works (72).
- ``BOOKING_ATTENDANCE_OPENS_BEFORE``: how long before the start attendance may be marked,
  so people can check in on arrival (2 h).
"""

from datetime import timedelta

from django.conf import settings


def offer_duration() -> timedelta:
    return timedelta(hours=getattr(settings, "BOOKING_OFFER_HOURS", 12))


def reminder_before() -> timedelta:
    return getattr(settings, "BOOKING_REMINDER_BEFORE", timedelta(hours=24))


def guest_confirmation_duration() -> timedelta:
    return timedelta(hours=getattr(settings, "BOOKING_GUEST_CONFIRMATION_HOURS", 72))


def attendance_opens_before() -> timedelta:
    return getattr(settings, "BOOKING_ATTENDANCE_OPENS_BEFORE", timedelta(hours=2))
