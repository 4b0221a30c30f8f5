"""Forms for organisers, built for a phone: one column, native date and time pickers, the
keyboards that fit, and the fewest fields that describe an activity. They only validate
input; the services make the changes."""

from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samskab.activities import selectors
from samskab.activities.models import (
    ACCESSIBILITY_FACT_NAMES,
    Activity,
    ActivitySchedule,
    accessibility_fact_choices,
)
from samskab.activities.services import SingleDateSpec, WeeklySpec
from samskab.vision.models import FocusArea, Initiative

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
EXCEPTION_DATE_FORMAT = "%d-%m-%Y"


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PriceField(forms.DecimalField):
    """Accepts "25", "25,50" and "25.50"; empty means free."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        if value in self.empty_values:
            return Decimal("0")
        return super().to_python(value)


class DateListField(forms.CharField):
    """Dates separated by commas, spaces or new lines, e.g. "14-10-2025, 23-12-2025"."""

    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value):
        text = super().to_python(value)
        dates, invalid = set(), []
        for token in text.replace(",", " ").replace(";", " ").split():
            parsed = _parse_date(token)
            if parsed is None:
                invalid.append(token)
            else:
                dates.add(parsed)
        if invalid:
            raise ValidationError(
                ngettext(
                    "This is not a date: %(dates)s. Write dates as day-month-year, e.g. "
                    "24-12-2025.",
                    "These are not dates: %(dates)s. Write dates as day-month-year, e.g. "
                    "24-12-2025.",
                    len(invalid),
                )
                % {"dates": ", ".join(invalid)},
                code="invalid",
            )
        return sorted(dates)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(
                day.strftime(EXCEPTION_DATE_FORMAT) if isinstance(day, date) else str(day)
                for day in value
            )
        return value


def _parse_date(token: str) -> date | None:
    for fmt in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(token, fmt).date()
        except ValueError:
            continue
    return None


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, initiative):
        return f"{initiative.focus_area.title}: {initiative.title}"


class ActivityForm(forms.ModelForm):
    """What an activity is, for whom, where, the price and the accessibility facts."""

    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas of the vision"),
        queryset=FocusArea.objects.order_by("order", "pk"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which parts of the municipality's vision does the activity support?"),
        error_messages={"required": _("Choose at least one focus area.")},
    )
    initiative = InitiativeChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.select_related("focus_area").order_by(
            "focus_area__order", "focus_area__pk", "order", "pk"
        ),
        required=False,
        empty_label=_("None"),
        help_text=_("Optional. Must belong to one of the focus areas you chose."),
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Interests"),
        queryset=selectors.interests(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What people who look for this are interested in."),
    )
    age_groups = forms.ModelMultipleChoiceField(
        label=_("Age groups"),
        queryset=selectors.age_groups(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unticked if everyone is welcome."),
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages spoken"),
        queryset=selectors.languages(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    town = forms.ModelChoiceField(
        label=_("Town"),
        queryset=selectors.towns(),
        empty_label=_("Choose a town"),
        error_messages={"required": _("Choose the town where the activity takes place.")},
    )
    price = PriceField(
        label=_("Price in DKK"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Leave empty if it is free."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    accessibility = forms.MultipleChoiceField(
        label=_("What is true at the place?"),
        choices=accessibility_fact_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Tick what is true at the place. It helps people decide whether they can come."
        ),
    )

    class Meta:
        model = Activity
        fields = [
            "title_da",
            "title_en",
            "description_da",
            "description_en",
            "focus_areas",
            "initiative",
            "interests",
            "age_groups",
            "languages",
            "participation",
            "come_alone_welcome",
            "place_name",
            "street",
            "postcode",
            "town",
            "latitude",
            "longitude",
            "price",
            "price_note_da",
            "price_note_en",
            "accessibility_note_da",
            "accessibility_note_en",
            "is_published",
        ]
        labels = {
            "title_da": _("Title"),
            "title_en": _("Title in English"),
            "description_da": _("Description"),
            "description_en": _("Description in English"),
            "participation": _("How do people take part?"),
            "come_alone_welcome": _("Come alone — you will be welcomed"),
            "place_name": _("Name of the place"),
            "street": _("Street and number"),
            "postcode": _("Postcode"),
            "latitude": _("Latitude"),
            "longitude": _("Longitude"),
            "price_note_da": _("About the price"),
            "price_note_en": _("About the price, in English"),
            "accessibility_note_da": _("More about accessibility"),
            "accessibility_note_en": _("More about accessibility, in English"),
            "is_published": _("Show the activity to everyone"),
        }
        help_texts = {
            "title_da": _("Short and clear, e.g. Knitting café at the library."),
            "title_en": _("Without it, the Danish title is shown on English pages."),
            "description_da": _("What happens, who it is for, and what to bring."),
            "description_en": _(
                "Helps newcomers who do not read Danish. Without it, the Danish text is shown."
            ),
            "come_alone_welcome": _(
                "Tick if someone welcomes newcomers, so people who know no one feel at home."
            ),
            "place_name": _("For example Ribe Bibliotek or the club house."),
            "postcode": _("Four digits. Leave empty to use the town's postcode."),
            "latitude": _("Optional. Without it, the activity is placed at the town's centre."),
            "longitude": _("Optional, e.g. 8.7620."),
            "price_note_da": _("For example: per time, coffee included."),
            "is_published": _(
                "Untick to prepare the activity without showing it yet. It is shown once the "
                "organisation is approved."
            ),
        }
        widgets = {
            "title_da": forms.TextInput(attrs={"lang": "da", "autocomplete": "off"}),
            "title_en": forms.TextInput(attrs={"lang": "en", "autocomplete": "off"}),
            "description_da": forms.Textarea(attrs={"rows": 5, "lang": "da"}),
            "description_en": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
            "participation": forms.RadioSelect,
            "street": forms.TextInput(attrs={"autocomplete": "off"}),
            "postcode": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 4}
            ),
            "latitude": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            "longitude": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            "price_note_da": forms.TextInput(attrs={"lang": "da"}),
            "price_note_en": forms.TextInput(attrs={"lang": "en"}),
            "accessibility_note_da": forms.Textarea(attrs={"rows": 2, "lang": "da"}),
            "accessibility_note_en": forms.Textarea(attrs={"rows": 2, "lang": "en"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_da"].required = True
        self.fields["description_da"].required = True
        self.fields["latitude"].required = False
        self.fields["longitude"].required = False
        self.fields["title_da"].error_messages["required"] = _("Give the activity a title.")
        self.fields["description_da"].error_messages["required"] = _(
            "Describe the activity in a few sentences."
        )
        self.fields["place_name"].error_messages["required"] = _(
            "Say where it takes place, e.g. the name of the building."
        )
        if self.instance.pk and not self.is_bound:
            self.initial["accessibility"] = [
                name for name in ACCESSIBILITY_FACT_NAMES if getattr(self.instance, name)
            ]

    def clean(self):
        cleaned = super().clean()
        initiative = cleaned.get("initiative")
        focus_areas = cleaned.get("focus_areas")
        if (
            initiative is not None
            and focus_areas is not None
            and initiative.focus_area_id not in {area.pk for area in focus_areas}
        ):
            self.add_error(
                "initiative", _("The initiative must belong to one of the focus areas you chose.")
            )
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not (
            {"latitude", "longitude"} & set(self.errors)
        ):
            self.add_error(
                "latitude" if latitude is None else "longitude",
                _("Give both latitude and longitude, or leave both empty."),
            )
        town = cleaned.get("town")
        if town is not None:
            # Filled before the model is validated, which needs a position.
            if latitude is None and longitude is None and not self.has_error("latitude"):
                cleaned["latitude"] = town.latitude
                cleaned["longitude"] = town.longitude
            if not cleaned.get("postcode"):
                cleaned["postcode"] = town.postcode
        return cleaned

    def service_fields(self) -> dict:
        """Keyword arguments for ``services.create_activity``/``update_activity``."""
        return dict(self.cleaned_data)


class WeeklyFieldsMixin(forms.Form):
    """The fields of a weekly series, shared by the series form and the first-dates part
    of the new-activity form."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=ActivitySchedule.Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one weekday.")},
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        input_formats=TIME_INPUT_FORMATS,
        widget=_time_input(),
        help_text=_("For example 10:00."),
        error_messages={"required": _("Give the start time."), "invalid": _("Enter a time.")},
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        input_formats=TIME_INPUT_FORMATS,
        widget=_time_input(),
        help_text=_("For example 12:00."),
        error_messages={"required": _("Give the end time."), "invalid": _("Enter a time.")},
    )
    starts_on = forms.DateField(
        label=_("First date"),
        input_formats=DATE_INPUT_FORMATS,
        widget=_date_input(),
        error_messages={"required": _("Give the first date."), "invalid": _("Enter a date.")},
    )
    ends_on = forms.DateField(
        label=_("Last date"),
        input_formats=DATE_INPUT_FORMATS,
        widget=_date_input(),
        help_text=_("At most a year after the first date. You can extend it later."),
        error_messages={"required": _("Give the last date."), "invalid": _("Enter a date.")},
    )
    interval = forms.TypedChoiceField(
        label=_("How often"),
        choices=[
            (1, _("Every week")),
            (2, _("Every other week")),
            (3, _("Every third week")),
            (4, _("Every fourth week")),
        ],
        coerce=int,
        initial=1,
    )
    exception_dates = DateListField(
        label=_("Dates without a session"),
        required=False,
        help_text=_("For example holidays. Write day-month-year, separated by commas."),
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        required=False,
        min_value=1,
        max_value=100000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Only for activities with sign-up. Leave empty for no limit."),
    )

    def _check_weekly(self, cleaned) -> None:
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        first, last = cleaned.get("starts_on"), cleaned.get("ends_on")
        if first and last:
            if last < first:
                self.add_error("ends_on", _("The last date cannot be before the first date."))
            elif (last - first).days > ActivitySchedule.MAX_SPAN_DAYS:
                self.add_error(
                    "ends_on",
                    _("A series can run for at most a year. You can extend it later."),
                )

    def weekly_spec(self) -> WeeklySpec:
        data = self.cleaned_data
        return WeeklySpec(
            weekdays=tuple(data["weekdays"]),
            start_time=data["start_time"],
            end_time=data["end_time"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            interval=data["interval"],
            exception_dates=tuple(data.get("exception_dates") or ()),
            capacity=data.get("capacity"),
        )


class ScheduleForm(WeeklyFieldsMixin):
    """Create or edit a weekly series."""

    reason = forms.CharField(
        label=_("Message to people whose session is cancelled"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only used if the change removes a date someone has signed up for. They are told "
            "by email."
        ),
    )

    field_order = [
        "weekdays",
        "interval",
        "start_time",
        "end_time",
        "starts_on",
        "ends_on",
        "exception_dates",
        "capacity",
        "reason",
    ]

    def __init__(self, *args, requires_sign_up=True, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not requires_sign_up:
            del self.fields["capacity"]
        if not editing:
            del self.fields["reason"]

    @classmethod
    def initial_for(cls, schedule: ActivitySchedule) -> dict:
        return {
            "weekdays": schedule.weekdays,
            "interval": schedule.interval,
            "start_time": schedule.start_time,
            "end_time": schedule.end_time,
            "starts_on": schedule.starts_on,
            "ends_on": schedule.ends_on,
            "exception_dates": schedule.exceptions,
            "capacity": schedule.capacity,
        }

    def clean(self):
        cleaned = super().clean()
        self._check_weekly(cleaned)
        return cleaned


class FirstDatesForm(WeeklyFieldsMixin):
    """The "when" part of the new-activity form: every week, once, or later."""

    WEEKLY = "weekly"
    ONCE = "once"
    LATER = "later"

    kind = forms.ChoiceField(
        label=_("When is it?"),
        choices=[
            (WEEKLY, _("Every week or every few weeks")),
            (ONCE, _("Once")),
            (LATER, _("I will add the dates later")),
        ],
        initial=WEEKLY,
        widget=forms.RadioSelect,
    )

    field_order = [
        "kind",
        "weekdays",
        "interval",
        "starts_on",
        "ends_on",
        "start_time",
        "end_time",
        "exception_dates",
        "capacity",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What is required depends on the answer to "When is it?": the dates of a weekly
        # series, one date, or nothing yet. An unanswered form shows the weekly case.
        kind = self.data.get(self.add_prefix("kind")) if self.is_bound else self.WEEKLY
        for name in ("starts_on", "start_time", "end_time"):
            self.fields[name].required = kind in (self.WEEKLY, self.ONCE)
        for name in ("weekdays", "ends_on", "interval"):
            self.fields[name].required = kind == self.WEEKLY
        self.fields["starts_on"].label = _("Date, or first date")
        self.fields["starts_on"].help_text = _("For a weekly activity: the first time it is on.")
        if kind == self.ONCE:
            self.fields["starts_on"].error_messages["required"] = _("Give the date.")
        self.fields["ends_on"].label = _("Last date (weekly only)")
        self.fields["weekdays"].label = _("Weekdays (weekly only)")
        self.fields["interval"].label = _("How often (weekly only)")
        self.fields["exception_dates"].label = _("Dates without a session (weekly only)")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == self.WEEKLY:
            self._check_weekly(cleaned)
        elif kind == self.ONCE:
            start, end = cleaned.get("start_time"), cleaned.get("end_time")
            if start and end and start == end:
                self.add_error("end_time", _("The end time must differ from the start time."))
        return cleaned

    def spec(self) -> WeeklySpec | SingleDateSpec | None:
        kind = self.cleaned_data["kind"]
        if kind == self.WEEKLY:
            return self.weekly_spec()
        if kind == self.ONCE:
            return SingleDateSpec(
                day=self.cleaned_data["starts_on"],
                start_time=self.cleaned_data["start_time"],
                end_time=self.cleaned_data["end_time"],
                capacity=self.cleaned_data.get("capacity"),
            )
        return None


class SessionForm(forms.Form):
    """A single date: add one, or move one."""

    day = forms.DateField(
        label=_("Date"),
        input_formats=DATE_INPUT_FORMATS,
        widget=_date_input(),
        error_messages={"required": _("Give the date."), "invalid": _("Enter a date.")},
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        input_formats=TIME_INPUT_FORMATS,
        widget=_time_input(),
        error_messages={"required": _("Give the start time."), "invalid": _("Enter a time.")},
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        input_formats=TIME_INPUT_FORMATS,
        widget=_time_input(),
        help_text=_("If it ends after midnight, it ends on the next day."),
        error_messages={"required": _("Give the end time."), "invalid": _("Enter a time.")},
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        required=False,
        min_value=1,
        max_value=100000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Leave empty for no limit."),
    )

    def __init__(self, *args, requires_sign_up=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not requires_sign_up:
            del self.fields["capacity"]

    @classmethod
    def initial_for(cls, session) -> dict:
        start = timezone.localtime(session.starts_at)
        end = timezone.localtime(session.ends_at)
        slot = session.booking_slot
        return {
            "day": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "capacity": slot.capacity if slot is not None else None,
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and start == end:
            self.add_error("end_time", _("The end time must differ from the start time."))
        return cleaned

    def spec(self) -> SingleDateSpec:
        return SingleDateSpec(
            day=self.cleaned_data["day"],
            start_time=self.cleaned_data["start_time"],
            end_time=self.cleaned_data["end_time"],
            capacity=self.cleaned_data.get("capacity"),
        )


class EndScheduleForm(forms.Form):
    reason = forms.CharField(
        label=_("Message to people who have signed up"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent by email to everyone signed up for a date that is cancelled."),
    )
