from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from samskab.calendars import fetching
from samskab.calendars.errors import CalendarError


class SubscriptionForm(forms.Form):
    url = forms.CharField(
        label=_("Calendar address"),
        max_length=2000,
        help_text=_(
            "The calendar's address in iCal format, starting with https:// or webcal://. "
            "Google Calendar: Settings → the calendar → “Public address in iCal format” (or "
            "the secret one). Outlook: Settings → Calendar → Shared calendars → Publish a "
            "calendar → the ICS link. Apple Calendar: share the calendar as a public "
            "calendar and copy its address."
        ),
    )
    activity = forms.ModelChoiceField(
        label=_("Activity"),
        queryset=None,
        help_text=_(
            "The calendar's events become sessions of this activity. It says what, where and "
            "for whom; the calendar says when."
        ),
    )
    capacity = forms.IntegerField(
        label=_("Places per session"),
        min_value=1,
        required=False,
        help_text=_("Only for an activity that requires sign-up. Empty: no limit."),
    )
    include_all_day = forms.BooleanField(
        label=_("Import all-day events"),
        required=False,
        help_text=_(
            "Many calendars use all-day entries for notes such as holidays. Tick this if "
            "yours are activities: each becomes a session lasting the whole day."
        ),
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities

    def clean_url(self):
        try:
            url = fetching.normalise_url(self.cleaned_data["url"])
        except CalendarError as error:
            raise forms.ValidationError(str(error.message)) from error
        URLValidator(schemes=["http", "https"], message=_("Enter a valid address."))(url)
        return url
