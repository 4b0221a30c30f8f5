"""Rules of markup that every template keeps, so that the HTML served is valid (the browser
tests send every page they visit to the W3C Nu Html Checker; these catch the same mistakes
in templates no browser test renders)."""

import re

from samskab.core.tests.test_security import TAG, violations

# htmx reads its attributes in either spelling; only data-hx-* is valid HTML.
BARE_HTMX_ATTRIBUTE = re.compile(r"\shx-[a-z][\w:-]*\s*=", re.IGNORECASE)
# The date filter's "c" writes microseconds, and a valid datetime has at most three digits.
# A box that scrolls sideways is reachable by keyboard and named only through the one tag.
HAND_MADE_SCROLL_WRAPPER = re.compile(r"table--responsive-scroll")
ISO_FORMAT_IN_DATETIME = re.compile(r"""\sdatetime\s*=\s*["'][^"']*date:\s*["']c["']""")


def test_no_template_has_an_htmx_attribute_that_is_not_valid_html():
    def bare_htmx(source):
        yield from (tag for tag in TAG.findall(source) if BARE_HTMX_ATTRIBUTE.search(tag))

    found = violations(bare_htmx)
    assert not found, "Spell htmx attributes data-hx-* (hx-* is not valid HTML):\n" + "\n".join(
        found
    )


def test_no_datetime_attribute_is_written_with_microseconds():
    def iso_format(source):
        yield from (tag for tag in TAG.findall(source) if ISO_FORMAT_IN_DATETIME.search(tag))

    found = violations(iso_format)
    assert not found, (
        "Write a datetime attribute with date:'Y-m-d\\TH:i:sO' (date:'c' writes microseconds, "
        "which is not a valid HTML datetime):\n" + "\n".join(found)
    )


def test_every_sideways_scrolling_box_is_the_core_tag():
    def hand_made(source):
        yield from (tag for tag in TAG.findall(source) if HAND_MADE_SCROLL_WRAPPER.search(tag))

    found = violations(hand_made)
    assert not found, (
        "Wrap a wide table in {% scroll_region label=… %} from core_tags (a focusable, named "
        "region a keyboard can scroll):\n" + "\n".join(found)
    )


def test_the_markup_checks_catch_what_they_look_for():
    assert BARE_HTMX_ATTRIBUTE.search('<form hx-get="/x/">')
    assert not BARE_HTMX_ATTRIBUTE.search('<form data-hx-get="/x/">')
    assert ISO_FORMAT_IN_DATETIME.search("""<time datetime="{{ at|date:'c' }}">""")
    assert not ISO_FORMAT_IN_DATETIME.search("""<time datetime="{{ at|date:'Y-m-d' }}">""")
