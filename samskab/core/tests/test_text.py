import pytest

from samskab.core.text import slugify_da


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Fællesspisning i Ølgod", "faellesspisning-i-oelgod"),
        ("Gåtur ved Åen", "gaatur-ved-aaen"),
        ("ÆBLER, ØL OG ÅL", "aebler-oel-og-aal"),
        ("  Åben café – alle er velkomne!  ", "aaben-cafe-alle-er-velkomne"),
        ("IT-hjælp", "it-hjaelp"),
        ("", ""),
    ],
)
def test_danish_letters_are_spelled_out(text, slug):
    assert slugify_da(text) == slug


def test_max_length_cuts_and_strips_a_trailing_dash():
    assert slugify_da("a" * 9 + " b", max_length=10) == "a" * 9
    assert slugify_da("a" * 9 + " b", max_length=10, strip=False) == "a" * 9 + "-"
    assert slugify_da("ø" * 10, max_length=5) == "oeoeo"
