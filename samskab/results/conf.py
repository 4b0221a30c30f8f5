"""The results' rules (settings ``RESULTS_*``): a figure resting on fewer than
``SMALL_COUNT`` people (or things) is published as "fewer than N", never exactly; a period
is frozen ``FREEZE_DAYS`` after it ended, so late registrations of attendance and hours
still count; the worker updates the open periods every ``COMPUTE_MINUTES``."""

from datetime import timedelta

from django.conf import settings


def small_count() -> int:
    return settings.RESULTS_SMALL_COUNT


def freeze_after() -> timedelta:
    return timedelta(days=settings.RESULTS_FREEZE_DAYS)


def compute_every() -> timedelta:
    return timedelta(minutes=settings.RESULTS_COMPUTE_MINUTES)
