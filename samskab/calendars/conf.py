"""The rules of calendar import (settings ``CALENDARS_*``): how often each calendar is
fetched, how far back and ahead its events become sessions, and the limits a fetch runs
under (size, time, number of occurrences)."""

from datetime import timedelta

from django.conf import settings


def fetch_every() -> timedelta:
    return timedelta(minutes=settings.CALENDARS_FETCH_MINUTES)


def window_past() -> timedelta:
    return timedelta(days=settings.CALENDARS_WINDOW_PAST_DAYS)


def window_ahead() -> timedelta:
    return timedelta(days=settings.CALENDARS_WINDOW_DAYS)


def max_bytes() -> int:
    return settings.CALENDARS_MAX_BYTES


def timeout_seconds() -> float:
    return float(settings.CALENDARS_TIMEOUT)


def max_occurrences() -> int:
    return settings.CALENDARS_MAX_OCCURRENCES


def max_redirects() -> int:
    return 5


def allow_loopback() -> bool:
    """Only the test settings turn this on (their calendar server listens on 127.0.0.1);
    production settings refuse to start with it."""
    return bool(getattr(settings, "CALENDARS_ALLOW_LOOPBACK", False))
