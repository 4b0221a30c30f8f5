"""Forms of volunteering. They check what a person typed and say what is wrong in words;
the rules that hold whoever calls them are in ``services``."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.organisations.models import Membership
from samskab.vision.models import Initiative
from samskab.volunteering import selectors
from samskab.volunteering.models import (
    AVAILABILITY_CODES,
    MAX_HOURS_PER_ENTRY,
    WEEKDAYS,
    HoursEntry,
    Opportunity,
    Period,
    VolunteerProfile,
    availability_code,
)
from samskab.volunteering.services import MAX_REPEAT_WEEKS, OPPORTUNITY_FIELDS, ShiftSpec


def language_label(language) -> str:
    """ "Ukrainian (українська)": newcomers recognise their language whatever the page's."""
    if language.native_name and language.native_name.lower() != language.name.lower():
        return f"{language.name} ({language.native_name})"
    return language.name


class LanguageChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, language):
        return language_label(language)


def _checkboxes(queryset, label, *, help_text="", field_class=forms.ModelMultipleChoiceField):
    return field_class(
        queryset=queryset,
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


# --- the volunteer profile -------------------------------------------------------------------


def availability_choices():
    return [
        (availability_code(day, period), f"{day_label} {period_label.lower()}")
        for day, day_label in WEEKDAYS
        for period, period_label in Period.choices
    ]


class ProfileForm(forms.Form):
    """The whole profile on one page: everything is optional, so a volunteer can save it in
    a minute and come back to add more."""

    towns = _checkboxes(
        selectors.towns(),
        _("Where would you like to help?"),
        help_text=_("Choose the towns you can easily get to."),
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you usually free?"),
        required=False,
        choices=availability_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave it all empty if it varies."),
    )
    interests = _checkboxes(selectors.interests(), _("What are you interested in?"))
    skills = _checkboxes(selectors.skills(), _("What can you do or bring?"))
    languages = _checkboxes(
        selectors.languages(), _("Which languages do you speak?"), field_class=LanguageChoiceField
    )
    about = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words for the organisations you sign up with. At most 600 characters."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        validators=VolunteerProfile._meta.get_field("phone").validators,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    share_phone = forms.BooleanField(
        label=VolunteerProfile._meta.get_field("share_phone").verbose_name, required=False
    )
    share_profile = forms.BooleanField(
        label=VolunteerProfile._meta.get_field("share_profile").verbose_name,
        required=False,
        initial=True,
    )
    ad_hoc_alerts = forms.BooleanField(
        label=_("Email me when a one-off task near me needs a hand"),
        required=False,
        help_text=_("Only tasks that fit your towns, skills and free time."),
    )
    max_alerts_per_week = forms.IntegerField(
        label=_("At most this many emails a week"),
        min_value=1,
        max_value=14,
        initial=3,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    quiet_hours_start = forms.TimeField(
        label=_("No emails from"),
        required=False,
        initial=time(21, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_hours_end = forms.TimeField(
        label=_("No emails until"),
        required=False,
        initial=time(8, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean_availability(self):
        values = self.cleaned_data["availability"]
        return [value for value in AVAILABILITY_CODES if value in values]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_hours_start"), cleaned.get("quiet_hours_end")
        if (start is None) != (end is None) and not self.has_error("quiet_hours_start"):
            self.add_error(
                "quiet_hours_end", _("Give both times for quiet hours, or leave both empty.")
            )
        if cleaned.get("share_phone") and not cleaned.get("phone"):
            self.add_error("phone", _("Give your phone number to share it, or untick sharing."))
        return cleaned

    @classmethod
    def initial_for(cls, profile: VolunteerProfile | None, user) -> dict:
        if profile is None:
            language = selectors.languages().filter(code=user.preferred_language).first()
            return {
                "languages": [language] if language else [],
                "max_alerts_per_week": 3,
                "quiet_hours_start": time(21, 0),
                "quiet_hours_end": time(8, 0),
                "share_profile": True,
            }
        return {
            "towns": list(profile.towns.all()),
            "availability": list(profile.availability),
            "interests": list(profile.interests.all()),
            "skills": list(profile.skills.all()),
            "languages": list(profile.languages.all()),
            "about": profile.about,
            "phone": profile.phone,
            "share_phone": profile.share_phone,
            "share_profile": profile.share_profile,
            "ad_hoc_alerts": profile.ad_hoc_alerts,
            "max_alerts_per_week": profile.max_alerts_per_week,
            "quiet_hours_start": profile.quiet_hours_start,
            "quiet_hours_end": profile.quiet_hours_end,
        }

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "fields": {
                name: data[name]
                for name in (
                    "availability",
                    "about",
                    "phone",
                    "ad_hoc_alerts",
                    "max_alerts_per_week",
                    "quiet_hours_start",
                    "quiet_hours_end",
                    "share_phone",
                    "share_profile",
                )
            },
            "interests": data["interests"],
            "skills": data["skills"],
            "towns": data["towns"],
            "languages": data["languages"],
        }

    def availability_grid(self):
        """Rows of (weekday label, [(period label, bound checkbox)]) for the grid."""
        boxes = {box.data["value"]: box for box in self["availability"]}
        return [
            (
                day_label,
                [
                    (period_label, boxes[availability_code(day, period)])
                    for period, period_label in Period.choices
                ],
            )
            for day, day_label in WEEKDAYS
        ]


# --- hours -----------------------------------------------------------------------------------


HOURS_VALIDATORS = [MinValueValidator(Decimal("0.25")), MaxValueValidator(MAX_HOURS_PER_ENTRY)]


class HoursField(forms.DecimalField):
    """Hours as people type them: "2", "1,5" or "1.5"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", HOURS_VALIDATORS)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class LogHoursForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=selectors.organisations_for_logging(),
        label=_("Organisation"),
        empty_label=_("Choose the organisation"),
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hours = HoursField(
        label=_("Hours"),
        help_text=_("For example 2 or 1,5. At most 24 for one day."),
    )
    description = forms.CharField(
        label=_("What did you do?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class HoursReviewForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Do not approve"))],
        widget=forms.RadioSelect,
        initial=APPROVE,
    )
    hours = HoursField(
        label=_("Hours to approve"),
        required=False,
        help_text=_("Change the number to correct it; then say why in the note."),
    )
    note = forms.CharField(
        label=_("Note to the volunteer"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, entry: HoursEntry, **kwargs):
        kwargs.setdefault("prefix", f"entry{entry.pk}")
        kwargs.setdefault("initial", {"hours": entry.hours, "decision": self.APPROVE})
        super().__init__(*args, **kwargs)
        self.entry = entry

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        hours = cleaned.get("hours")
        note = (cleaned.get("note") or "").strip()
        if decision == self.REJECT and not note:
            self.add_error("note", _("Say in a note why the hours are not approved."))
        if (
            decision == self.APPROVE
            and hours is not None
            and hours != self.entry.hours
            and not note
        ):
            self.add_error("note", _("Say in a note why you correct the hours."))
        return cleaned


# --- opportunities and shifts (coordinators) -------------------------------------------------


class OpportunityForm(forms.ModelForm):
    focus_areas = forms.ModelMultipleChoiceField(
        queryset=selectors.focus_areas(),
        label=_("Focus areas"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which parts of the municipality's vision this work supports."),
        error_messages={"required": _("Choose at least one focus area.")},
    )
    skills = _checkboxes(selectors.skills(), _("Skills wanted"))
    interests = _checkboxes(
        selectors.interests(),
        _("Interests"),
        help_text=_("Helps us suggest the task to volunteers who like this kind of thing."),
    )
    languages = _checkboxes(
        selectors.languages(), _("Languages spoken"), field_class=LanguageChoiceField
    )

    class Meta:
        model = Opportunity
        fields = [
            "title_da",
            "title_en",
            "kind",
            "description_da",
            "description_en",
            "initiative",
            "minimum_age",
            "involves_children",
            "from_home",
            "place_name",
            "street",
            "postcode",
            "town",
            "contact_person",
            "contact_phone",
            "is_published",
        ]
        labels = {
            "title_da": _("Title in Danish"),
            "title_en": _("Title in English"),
            "description_da": _("Description in Danish"),
            "description_en": _("Description in English"),
        }
        help_texts = {
            "title_en": _("Optional. English pages show the Danish title when it is empty."),
            "description_en": _("Optional. English pages show the Danish text when it is empty."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description_da": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "minimum_age": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    field_order = [
        "title_da",
        "title_en",
        "kind",
        "description_da",
        "description_en",
        "focus_areas",
        "initiative",
        "skills",
        "interests",
        "languages",
        "minimum_age",
        "involves_children",
        "from_home",
        "place_name",
        "street",
        "postcode",
        "town",
        "contact_person",
        "contact_phone",
        "is_published",
    ]

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["title_da"].required = True
        self.fields["description_da"].required = True
        self.fields["kind"].choices = Opportunity.Kind.choices
        self.fields["initiative"].queryset = Initiative.objects.select_related(
            "focus_area"
        ).order_by("focus_area__order", "order", "pk")
        self.fields["initiative"].label_from_instance = lambda initiative: (
            f"{initiative.focus_area.title}: {initiative.title}"
        )
        members = get_user_model().objects.filter(
            organisation_memberships__organisation=organisation,
            organisation_memberships__role__in=(
                Membership.Role.ADMINISTRATOR,
                Membership.Role.COORDINATOR,
            ),
            is_active=True,
        )
        contact_ids = set(members.values_list("pk", flat=True)) | {user.pk}
        if self.instance.contact_person_id:
            contact_ids.add(self.instance.contact_person_id)
        self.fields["contact_person"].queryset = (
            get_user_model().objects.filter(pk__in=contact_ids).order_by("display_name", "email")
        )
        self.fields["contact_person"].label_from_instance = lambda person: person.get_full_name()
        self.fields["town"].queryset = selectors.towns()
        self.fields["town"].help_text = _("Required unless it can be done from home.")
        if self.instance.pk:
            self.initial.setdefault("focus_areas", list(self.instance.focus_areas.all()))
            self.initial.setdefault("skills", list(self.instance.skills.all()))
            self.initial.setdefault("interests", list(self.instance.interests.all()))
            self.initial.setdefault("languages", list(self.instance.languages.all()))
        else:
            self.initial.setdefault("contact_person", user.pk)

    def clean(self):
        cleaned = super().clean()
        initiative = cleaned.get("initiative")
        areas = cleaned.get("focus_areas")
        if initiative is not None and areas is not None and initiative.focus_area not in areas:
            self.add_error(
                "initiative", _("The initiative must belong to one of the chosen focus areas.")
            )
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in OPPORTUNITY_FIELDS if name in data}
        return {
            "fields": fields,
            "focus_areas": data["focus_areas"],
            "skills": data["skills"],
            "interests": data["interests"],
            "languages": data["languages"],
        }


def _aware(day, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_current_timezone())


class ShiftForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Until"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("A shift ending after midnight ends the next day."),
    )
    volunteers_needed = forms.IntegerField(
        label=_("Volunteers needed"),
        min_value=1,
        max_value=500,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    place = forms.CharField(
        label=_("Place, if different"),
        required=False,
        max_length=250,
        help_text=_("Leave empty to use the opportunity's place."),
    )
    note_da = forms.CharField(
        label=_("Note for volunteers in Danish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: meet at the back entrance, bring work gloves."),
    )
    note_en = forms.CharField(
        label=_("Note for volunteers in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    auto_confirm_waitlist = forms.BooleanField(
        label=_("Give freed places directly to the next person waiting"),
        required=False,
        help_text=_(
            "Otherwise the next person waiting is offered the place by email and has to accept it."
        ),
    )
    repeat_weeks = forms.IntegerField(
        label=_("Number of weeks"),
        min_value=1,
        max_value=MAX_REPEAT_WEEKS,
        initial=1,
        help_text=_("1 for this date only. 4 adds the same time on the next three weeks too."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, repeat: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not repeat:
            del self.fields["repeat_weeks"]

    @classmethod
    def initial_for(cls, shift) -> dict:
        start = timezone.localtime(shift.starts_at)
        end = timezone.localtime(shift.ends_at)
        slot = shift.booking_slot
        return {
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "volunteers_needed": slot.capacity if slot else None,
            "place": shift.place,
            "note_da": shift.note_da,
            "note_en": shift.note_en,
            "auto_confirm_waitlist": slot.auto_confirm_waitlist if slot else False,
        }

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            if start == end:
                self.add_error("end_time", _("The end must be after the start."))
            else:
                starts_at = _aware(day, start)
                end_day = day if end > start else day + timedelta(days=1)
                cleaned["starts_at"] = starts_at
                cleaned["ends_at"] = _aware(end_day, end)
        return cleaned

    def spec(self) -> ShiftSpec:
        data = self.cleaned_data
        return ShiftSpec(
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            volunteers_needed=data["volunteers_needed"],
            place=data["place"],
            note_da=data["note_da"],
            note_en=data["note_en"],
            auto_confirm_waitlist=data["auto_confirm_waitlist"],
        )


class AddPlacesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Places to add"),
        min_value=1,
        max_value=100,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, waiting: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        if waiting:
            self.fields["count"].initial = min(waiting, 100)


class CancelShiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the shift cancelled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent by email to everyone signed up or waiting."),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Each volunteer gets their own email; replies come to your email address. We add "
            "a line saying who sent it and why they get it."
        ),
    )


class DeleteOpportunityForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete the opportunity and its shifts"),
        error_messages={"required": _("Tick the box to confirm.")},
    )
