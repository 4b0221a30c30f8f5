"""Settings of the børneattest rule, each with a default so nothing has to be set.

- ``CHILDSAFETY_MAX_DAYS_IN_WINDOW`` (3) and ``CHILDSAFETY_WINDOW_MONTHS`` (3): a
  børneattest is needed when a volunteer helps *more than* this many times (counted by
  distinct day) within this many months on one organisation's tasks with children under 15,
- ``CHILDSAFETY_MAX_CONSECUTIVE_DAYS`` (4): ... or on *more than* this many days in a row
  (a camp from Monday to Friday is one time, but five days in a row).
- ``CHILDSAFETY_APPROVAL_VALID_FOR`` (2 years): an approval shows as expired after this, so
  the organisation asks for a new attest while the volunteer keeps helping.
- ``CHILDSAFETY_RETENTION`` (2 years): how long a status is kept after the later of its
  approval and the volunteer's last day on such tasks; ``clear_expired_attests`` then
  deletes it.
"""

from datetime import timedelta

from django.conf import settings

DEFAULT_MAX_DAYS_IN_WINDOW = 3
DEFAULT_WINDOW_MONTHS = 3
DEFAULT_MAX_CONSECUTIVE_DAYS = 4
DEFAULT_APPROVAL_VALID_FOR = timedelta(days=730)
DEFAULT_RETENTION = timedelta(days=730)


def max_days_in_window() -> int:
    return getattr(settings, "CHILDSAFETY_MAX_DAYS_IN_WINDOW", DEFAULT_MAX_DAYS_IN_WINDOW)


def window_months() -> int:
    return getattr(settings, "CHILDSAFETY_WINDOW_MONTHS", DEFAULT_WINDOW_MONTHS)


def max_consecutive_days() -> int:
    return getattr(settings, "CHILDSAFETY_MAX_CONSECUTIVE_DAYS", DEFAULT_MAX_CONSECUTIVE_DAYS)


def approval_valid_for() -> timedelta:
    return getattr(settings, "CHILDSAFETY_APPROVAL_VALID_FOR", DEFAULT_APPROVAL_VALID_FOR)


def retention() -> timedelta:
    return getattr(settings, "CHILDSAFETY_RETENTION", DEFAULT_RETENTION)
