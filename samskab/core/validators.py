"""Validators for text that people publish: personal numbers must not slip into it.

What citizens write on the site is public. A CPR number or a phone number typed into a
comment by mistake would be published for everyone (and kept in search engines), so text
that looks like one is refused at submit with a message that says what to remove; the form
keeps what was typed.

- ``refuse_cpr_numbers(text)``: "ddmmyy-xxxx", "ddmmyy xxxx" or ten digits in a row whose
  first six form a real date (the modulus-11 check is not used: numbers issued since 2007
  need not pass it).
- ``refuse_phone_numbers(text)``: a Danish phone number, eight digits starting with 2–9,
  written together, in pairs ("12 34 56 78") or in fours ("1234 5678"), with or without
  "+45" or "0045" in front.
- ``refuse_personal_numbers(text)``: both; what a form field of published text uses
  (``validators=[refuse_personal_numbers]``).

Digits that are part of a longer number (an account number, a reference) do not count.
Each raises ``django.core.exceptions.ValidationError`` with a translated message and the
code ``"cpr_number"`` or ``"phone_number"``.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CPR = re.compile(r"(?<![\d+])(\d{2})(\d{2})(\d{2})[-\s]?\d{4}(?!\d)")

# Eight digits starting with 2–9 (Danish subscriber numbers never start with 0 or 1),
# together, in pairs or in fours, optionally after the country code.
_PHONE = re.compile(
    r"(?<![\d+])"
    r"(?:(?:\+|00)\s?45[\s-]?)?"
    r"(?:[2-9]\d{7}|[2-9]\d(?:\s\d{2}){3}|[2-9]\d{3}\s\d{4})"
    r"(?![\d])"
)

CPR_MESSAGE = _(
    "Your text seems to contain a CPR number. Remove it before you post: what you write "
    "here is public."
)
PHONE_MESSAGE = _(
    "Your text seems to contain a phone number. Remove it before you post: what you write "
    "here is public. If someone should be able to contact you, they can write to you here."
)


def _is_date(day: str, month: str, year: str) -> bool:
    """Whether day, month and two-digit year form a date in the 1900s or the 2000s (a CPR
    number's seventh digit says which century; either will do here)."""
    for century in (1900, 2000):
        try:
            date(century + int(year), int(month), int(day))
        except ValueError:
            continue
        return True
    return False


def contains_cpr_number(text: str) -> bool:
    return any(_is_date(*match.groups()) for match in _CPR.finditer(text or ""))


def contains_phone_number(text: str) -> bool:
    return _PHONE.search(text or "") is not None


def refuse_cpr_numbers(text: str) -> None:
    if contains_cpr_number(text):
        raise ValidationError(CPR_MESSAGE, code="cpr_number")


def refuse_phone_numbers(text: str) -> None:
    if contains_phone_number(text):
        raise ValidationError(PHONE_MESSAGE, code="phone_number")


def refuse_personal_numbers(text: str) -> None:
    """Refuse text that looks like it holds a CPR number or a phone number (CPR first: ten
    digits may look like both, and the CPR number is the graver mistake)."""
    refuse_cpr_numbers(text)
    refuse_phone_numbers(text)
