"""The validators of published text: CPR and phone numbers are refused, with a message
that says what to remove, in both languages; numbers that only look a little like them
are not."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from samskab.core.validators import (
    contains_cpr_number,
    contains_phone_number,
    refuse_personal_numbers,
)


@pytest.mark.parametrize(
    "text",
    [
        "Mit CPR-nummer er 010190-1234, ring hvis der er noget",
        "0101901234",
        "cpr: 241224 5678.",
        "290200-1234",  # 29 February 2000
        "310175-4321",
    ],
)
def test_cpr_numbers_are_found(text):
    assert contains_cpr_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "310299-1234",  # 31 February does not exist
        "123456-7890",  # month 34
        "290201-1234",  # 29 February 1901 and 2001 do not exist
        "Kontonummer 12010190123456",  # part of a longer number
        "Vi var 120 mennesker den 1. januar 2025",
        "",
    ],
)
def test_other_numbers_are_not_cpr_numbers(text):
    assert not contains_cpr_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ring til mig på 23 45 67 89",
        "23456789",
        "+45 23 45 67 89",
        "+4523456789",
        "0045 23456789",
        "Mobil: 2345 6789.",
        "tlf. 75 11 22 33",
    ],
)
def test_danish_phone_numbers_are_found(text):
    assert contains_phone_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "12345678",  # Danish numbers never start with 1
        "Fra 2024-2025 og frem",
        "6700 Esbjerg",
        "Vi var 23 i alt, og 45 kom senere",
        "Budgettet er 12.345.678 kr.",
        "Reference 123456789012",
        "1.234 underskrifter",
    ],
)
def test_other_numbers_are_not_phone_numbers(text):
    assert not contains_phone_number(text)


def test_the_refusal_says_what_to_remove_in_danish_and_english():
    with translation.override("da"):
        with pytest.raises(ValidationError) as refused:
            refuse_personal_numbers("Mit nummer er 010190-1234")
        assert refused.value.code == "cpr_number"
        assert "CPR-nummer" in refused.value.messages[0]
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            refuse_personal_numbers("Call me on 23 45 67 89")
        assert refused.value.code == "phone_number"
        assert "phone number" in refused.value.messages[0]


def test_ordinary_text_passes():
    refuse_personal_numbers("Flere bænke ved stranden, tak! Vi er 12 i foreningen.")
