"""How the engine writes a slot's time, the same way on pages and in emails."""

from django.utils import timezone
from django.utils.formats import date_format

EN_DASH = "\N{EN DASH}"


def slot_time_range(slot) -> str:
    """ "Tuesday March 3, 2026, 10:00-12:00" (with an en dash) in the active language and
    the site's time zone. The 24-hour clock is used in both languages: it is what Danish
    readers expect and it is unambiguous for everyone else."""
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    start_day = f"{date_format(start, 'l')} {date_format(start, 'DATE_FORMAT')}"
    if start.date() == end.date():
        return f"{start_day}, {start:%H:%M}{EN_DASH}{end:%H:%M}"
    end_day = f"{date_format(end, 'l')} {date_format(end, 'DATE_FORMAT')}"
    return f"{start_day}, {start:%H:%M} {EN_DASH} {end_day}, {end:%H:%M}"


def local_datetime(value) -> str:
    """A single moment, e.g. an offer's deadline, in the same style."""
    moment = timezone.localtime(value)
    return f"{date_format(moment, 'l')} {date_format(moment, 'DATE_FORMAT')}, {moment:%H:%M}"
