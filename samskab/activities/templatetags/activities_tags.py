"""How activities write their schedule and price, the same way on every page.

{% load activities_tags %}
{{ schedule|schedule_summary }}     "Every Tuesday, 10:00–12:00, 6 January 2026 – 30 June 2026"
{{ activity|price_text }}           "Free" / "25 kr." / "DKK 25.50"
{{ session|session_day }}           "Tuesday 6 January 2026"
"""

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from samskab.activities.models import ActivitySchedule
from samskab.core.formatting import EN_DASH, clock_range, weekday_date

register = template.Library()


def _weekday_plural(day: int) -> str:
    return {
        1: _("Mondays"),
        2: _("Tuesdays"),
        3: _("Wednesdays"),
        4: _("Thursdays"),
        5: _("Fridays"),
        6: _("Saturdays"),
        7: _("Sundays"),
    }[day]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


@register.filter
def schedule_days(schedule: ActivitySchedule) -> str:
    """ "Tuesdays", "Tuesdays and Thursdays, every other week"."""
    days = _join([_weekday_plural(day) for day in sorted(schedule.weekdays)])
    if schedule.interval == 1:
        return _("%(days)s, every week") % {"days": days}
    if schedule.interval == 2:
        return _("%(days)s, every other week") % {"days": days}
    return _("%(days)s, every %(count)d weeks") % {"days": days, "count": schedule.interval}


@register.filter
def schedule_summary(schedule: ActivitySchedule) -> str:
    # Always both dates: a schedule is a period, even one that starts and ends on a day.
    starts_on, ends_on = (
        date_format(day, "DATE_FORMAT") for day in (schedule.starts_on, schedule.ends_on)
    )
    period = f"{starts_on} {EN_DASH} {ends_on}"
    times = clock_range(schedule.start_time, schedule.end_time)
    return f"{schedule_days(schedule)}, {times} ({period})"


@register.filter
def price_text(activity) -> str:
    if activity.price == 0:
        return _("Free")
    decimals = 0 if activity.price == activity.price.to_integral_value() else 2
    return _("DKK %(amount)s") % {"amount": number_format(activity.price, decimals)}


@register.filter
def session_day(session) -> str:
    return weekday_date(session.starts_at)


@register.filter
def session_hours(session) -> str:
    return clock_range(session.starts_at, session.ends_at)
