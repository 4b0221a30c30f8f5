"""Forms of needs. The "post a need" form is meant to be filled in on a phone in a minute:
one column, the phone's own date and time pickers, and only title, description, time,
place and number of people required. The rules that hold whoever posts are in
``services``."""

from datetime import datetime, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.accounts.roles import is_municipal_staff
from samskab.needs.models import Need
from samskab.needs.services import MAX_PEOPLE, NEED_FIELDS
from samskab.organisations.models import Membership
from samskab.reference.models import Skill, Town
from samskab.vision.models import FocusArea


def _aware(day, moment) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_current_timezone())


class NeedForm(forms.ModelForm):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Until"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("A need ending after midnight ends the next day."),
    )
    people_needed = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=MAX_PEOPLE,
        initial=2,
        help_text=_("The first to say yes get it; everyone after is told that it is filled."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    focus_areas = forms.ModelMultipleChoiceField(
        queryset=FocusArea.objects.order_by("order", "pk"),
        label=_("Focus areas"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which parts of the municipality's vision this help supports."),
        error_messages={"required": _("Choose at least one focus area.")},
    )
    skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.order_by("order", "name", "pk"),
        label=_("Skills wanted"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only volunteers with at least one of the ticked skills are alerted. Tick none "
            "if anyone can help."
        ),
    )

    class Meta:
        model = Need
        fields = [
            "title_da",
            "title_en",
            "description_da",
            "description_en",
            "from_home",
            "place_name",
            "street",
            "postcode",
            "town",
            "involves_children",
            "contact_person",
            "contact_phone",
            "on_behalf_of_citizen",
        ]
        labels = {
            "title_da": _("What do you need? (in Danish)"),
            "title_en": _("What do you need? (in English)"),
            "description_da": _("Description in Danish"),
            "description_en": _("Description in English"),
        }
        help_texts = {
            "title_da": _("Say what and how many, e.g. “2 til at bære stole”."),
            "title_en": _("Optional. English pages and emails show the Danish title when empty."),
            "description_en": _(
                "Optional. English pages and emails show the Danish text when it is empty."
            ),
            "contact_phone": _("Shown only to the volunteers who say yes."),
        }
        widgets = {
            "description_da": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    field_order = [
        "title_da",
        "description_da",
        "date",
        "start_time",
        "end_time",
        "people_needed",
        "town",
        "place_name",
        "street",
        "postcode",
        "from_home",
        "skills",
        "focus_areas",
        "involves_children",
        "contact_person",
        "contact_phone",
        "on_behalf_of_citizen",
        "title_en",
        "description_en",
    ]

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["title_da"].required = True
        self.fields["description_da"].required = True
        self.fields["town"].queryset = Town.objects.order_by("name", "pk")
        self.fields["town"].help_text = _("Required unless it can be done from home.")
        # Most needs happen somewhere; a town is only optional for help given from home.
        self.fields["town"].required = not self.data.get(self.add_prefix("from_home"))
        self.fields["town"].error_messages["required"] = _(
            "Choose the town, or tick that it can be done from home."
        )
        self.fields["town"].empty_label = _("Choose the town")
        members = get_user_model().objects.filter(
            organisation_memberships__organisation=organisation,
            organisation_memberships__role__in=(
                Membership.Role.ADMINISTRATOR,
                Membership.Role.COORDINATOR,
            ),
            is_active=True,
        )
        contact_ids = set(members.values_list("pk", flat=True)) | {user.pk}
        self.fields["contact_person"].queryset = (
            get_user_model().objects.filter(pk__in=contact_ids).order_by("display_name", "email")
        )
        self.fields["contact_person"].label_from_instance = lambda person: person.get_full_name()
        self.fields["contact_person"].required = True
        self.fields["contact_person"].empty_label = None
        self.fields["contact_person"].help_text = _(
            "Shown only to the volunteers who say yes, with their email address."
        )
        self.initial.setdefault("contact_person", user.pk)
        if not is_municipal_staff(user):
            del self.fields["on_behalf_of_citizen"]

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            if start == end:
                self.add_error("end_time", _("The end must be after the start."))
            else:
                starts_at = _aware(day, start)
                end_day = day if end > start else day + timedelta(days=1)
                if starts_at <= timezone.now():
                    self.add_error("date", _("The need must start in the future."))
                cleaned["starts_at"] = starts_at
                cleaned["ends_at"] = _aware(end_day, end)
        town_missing = not cleaned.get("from_home") and cleaned.get("town") is None
        if town_missing and not self.has_error("town"):
            self.add_error("town", _("Choose the town, or tick that it can be done from home."))
        return cleaned

    def _post_clean(self):
        # The need is saved by the service (with its slot), not by the form; the model's
        # own checks run there. Skipping the model validation keeps the form from
        # validating a half-built need without times.
        pass

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in NEED_FIELDS if name in data}
        return {
            "fields": fields,
            "focus_areas": data["focus_areas"],
            "skills": data["skills"],
            "people_needed": data["people_needed"],
        }


class CancelNeedForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the volunteers who said yes."),
        error_messages={
            "required": _("Say briefly why, so the volunteers who said yes understand.")
        },
    )


class TownFilterForm(forms.Form):
    """The "needs near you" filter: one town, or all."""

    town = forms.ModelChoiceField(
        queryset=Town.objects.order_by("name", "pk"),
        to_field_name="slug",
        label=_("Town"),
        required=False,
        empty_label=_("All towns"),
    )
