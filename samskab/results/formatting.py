"""How a published figure reads, in the active language: the period ("jan. 2026", "Q1
2026", "2026"), the number (grouped digits and the locale's decimal mark; a share in per
cent, a rate per 1,000 with one decimal) and "fewer than 5" for a figure too small to
publish. Pages, charts and downloads all go through here, so they say the same."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from samskab.results import conf, engine

MONTHS = (
    pgettext_lazy("abbreviated month", "Jan"),
    pgettext_lazy("abbreviated month", "Feb"),
    pgettext_lazy("abbreviated month", "Mar"),
    pgettext_lazy("abbreviated month", "Apr"),
    pgettext_lazy("abbreviated month", "May"),
    pgettext_lazy("abbreviated month", "Jun"),
    pgettext_lazy("abbreviated month", "Jul"),
    pgettext_lazy("abbreviated month", "Aug"),
    pgettext_lazy("abbreviated month", "Sep"),
    pgettext_lazy("abbreviated month", "Oct"),
    pgettext_lazy("abbreviated month", "Nov"),
    pgettext_lazy("abbreviated month", "Dec"),
)


def period_label(period: str, starts_on: date) -> str:
    if period == engine.YEAR:
        return str(starts_on.year)
    if period == engine.QUARTER:
        return _("Q%(quarter)s %(year)s") % {
            "quarter": (starts_on.month - 1) // 3 + 1,
            "year": starts_on.year,
        }
    return _("%(month)s %(year)s") % {"month": MONTHS[starts_on.month - 1], "year": starts_on.year}


def period_end(period: str, starts_on: date) -> date:
    """The period's last day."""
    return engine.next_period(starts_on, period) - timedelta(days=1)


def has_ended(period: str, starts_on: date, today: date) -> bool:
    return engine.next_period(starts_on, period) <= today


def plain_number(value: Decimal, *, decimals: int | None = None) -> str:
    """``value`` in the active language's format; without ``decimals``, only those it needs
    (600.00 → "600", 2.50 → "2,5" in Danish)."""
    number = Decimal(value)
    if decimals is None:
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        number = (
            number.quantize(Decimal(1))
            if number == number.to_integral_value()
            else number.normalize()
        )
        decimals = max(0, -number.as_tuple().exponent)
    else:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(number, decimal_pos=decimals, force_grouping=True)


def percent(value: Decimal, *, decimals: int | None = None) -> str:
    return _("%(number)s%%") % {"number": plain_number(value, decimals=decimals)}


def number(value: Decimal | None, measure: str) -> str:
    """A published figure's number as it reads beside its unit."""
    if value is None:
        return ""
    if measure == "share":
        rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return percent(rounded)
    if measure == "per_1000":
        return plain_number(value, decimals=1)
    return plain_number(value)


def fewer_than() -> str:
    return _("fewer than %(count)s") % {"count": conf.small_count()}


def fewer_than_short() -> str:
    """The chart's label of a suppressed period, "<5"."""
    return f"<{conf.small_count()}"
