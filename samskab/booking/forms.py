import functools

from django import forms
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samskab.booking.models import Booking


class GuestSignupForm(forms.Form):
    """What a visitor without an account gives to sign up: nothing more than needed."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send a link to confirm your sign-up, and a reminder before it starts."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, slot_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Several sign-up forms may share a page (one per session): keep ids unique.
        if slot_id is not None:
            self.auto_id = f"id_slot{slot_id}_%s"

    @classmethod
    def empty_html(cls, slot_id: int) -> SafeString:
        """The empty form's fields for one slot, as ``{{ form }}`` renders them. A page
        lists many sessions, and rendering the same two fields through the form templates
        for each cost more than the rest of the page: they are rendered once per language
        and process, and only the slot's number differs."""
        language = get_language() or ""
        # While developing, form templates change without a restart.
        html = _render_empty(language) if settings.DEBUG else _empty_guest_form(language)
        # Our own form, rendered by Django's form templates.
        return mark_safe(html.replace(_SLOT_PLACEHOLDER, str(int(slot_id))))  # noqa: S308


_SLOT_PLACEHOLDER = "__slot__"


def _render_empty(language: str) -> str:
    return str(GuestSignupForm(slot_id=_SLOT_PLACEHOLDER))


@functools.lru_cache(maxsize=16)
def _empty_guest_form(language: str) -> str:
    # The language is the key: get_language() decides the labels while rendering.
    return _render_empty(language)


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Number of places"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for no limit. New places go to the people waiting, in order."),
    )


class CancelSlotForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=1000,
        help_text=_("Sent by email to everyone who signed up."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(
        choices=[
            (Booking.Attendance.ATTENDED, Booking.Attendance.ATTENDED.label),
            (Booking.Attendance.NO_SHOW, Booking.Attendance.NO_SHOW.label),
            (Booking.Attendance.UNKNOWN, Booking.Attendance.UNKNOWN.label),
        ]
    )

    @property
    def attended(self) -> bool | None:
        value = self.cleaned_data["attendance"]
        if value == Booking.Attendance.UNKNOWN:
            return None
        return value == Booking.Attendance.ATTENDED
