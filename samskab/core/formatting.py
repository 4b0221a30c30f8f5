"""How Samskab writes dates and times, the same way on pages, in emails and on PDFs, in the
active language and the site's time zone. The 24-hour clock is used in both languages: it
is what Danish readers expect and it is unambiguous for everyone else.

Templates use them through ``{% load core_tags %}``: ``{{ slot|time_range }}`` and
``{{ value|moment }}``.
"""

from datetime import date
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

EN_DASH = "\N{EN DASH}"
# The settings the text of a date depends on besides the date and the active language.
_FORMAT_SETTINGS = {"LANGUAGE_CODE", "LANGUAGES", "FORMAT_MODULE_PATH", "DATE_FORMAT"}


def weekday_date(value) -> str:
    """ "Tuesday March 3, 2026" (a moment in the site's time zone, or a date)."""
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return _weekday_date(value, get_language())


# A page writes dozens of dates (cards, sessions, comments), mostly the same few days, and
# Django's date formatting costs about 0.1 ms each.
@lru_cache(maxsize=4096)
def _weekday_date(day: date, language: str | None) -> str:
    return f"{date_format(day, 'l')} {date_format(day, 'DATE_FORMAT')}"


@receiver(setting_changed)
def _forget_on_setting_change(*, setting, **kwargs):
    if setting in _FORMAT_SETTINGS:
        _weekday_date.cache_clear()


def clock_range(start, end) -> str:
    """ "10:00-12:00" (with an en dash), from two times or moments in the site's time zone."""
    if hasattr(start, "tzinfo") and hasattr(start, "date"):
        start, end = timezone.localtime(start), timezone.localtime(end)
    return f"{start:%H:%M}{EN_DASH}{end:%H:%M}"


def date_range(first, last) -> str:
    """ "3 March 2025 – 14 June 2025", or one date when both are the same day."""
    if first == last:
        return date_format(first, "DATE_FORMAT")
    return f"{date_format(first, 'DATE_FORMAT')} {EN_DASH} {date_format(last, 'DATE_FORMAT')}"


def slot_time_range(slot) -> str:
    """ "Tuesday March 3, 2026, 10:00-12:00" (with an en dash) for anything with
    ``starts_at`` and ``ends_at`` (a slot, a shift, a need)."""
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    if start.date() == end.date():
        return f"{weekday_date(start)}, {clock_range(start, end)}"
    return f"{weekday_date(start)}, {start:%H:%M} {EN_DASH} {weekday_date(end)}, {end:%H:%M}"


def local_datetime(value) -> str:
    """A single moment, e.g. an offer's deadline, in the same style: "Tuesday March 3,
    2026, 10:00"."""
    moment = timezone.localtime(value)
    return f"{weekday_date(moment)}, {moment:%H:%M}"
