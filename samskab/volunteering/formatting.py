"""How volunteering writes hours, the same way on pages, in emails and in CSV files."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import ngettext


def hours_number(value) -> str:
    """ "2", "1,5" or "2,25" in Danish ("1.5" in English): no needless decimals."""
    value = Decimal(value or 0).quantize(Decimal("0.01"))
    if value == value.to_integral_value():
        decimals = 0
    elif (value * 10) == (value * 10).to_integral_value():
        decimals = 1
    else:
        decimals = 2
    return number_format(value, decimals, use_l10n=True)


def hours_text(value) -> str:
    """ "1 hour", "2,5 hours" in the active language."""
    value = Decimal(value or 0)
    return ngettext("%(hours)s hour", "%(hours)s hours", 1 if value == 1 else 2) % {
        "hours": hours_number(value)
    }


def csv_decimal(value) -> str:
    """A number for Danish Excel, whatever the page's language: decimal comma, no thousands
    separator (the CSV files are semicolon-separated, Danish Excel's default)."""
    value = Decimal(value or 0).quantize(Decimal("0.01"))
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
