"""The empty guest sign-up form, rendered once per language, is the form Django renders."""

from django.utils import translation

from samskab.booking.forms import GuestSignupForm


def test_the_empty_form_for_a_slot_is_what_the_form_renders():
    for language in ("da", "en"):
        with translation.override(language):
            assert GuestSignupForm.empty_html(42) == str(GuestSignupForm(slot_id=42))
            assert 'id="id_slot42_email"' in GuestSignupForm.empty_html(42)
    with translation.override("en"):
        assert "Your email address" in GuestSignupForm.empty_html(7)
    with translation.override("da"):
        assert "Your email address" not in GuestSignupForm.empty_html(7)
