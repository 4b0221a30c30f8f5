from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.visiting import selectors
from samskab.visiting.errors import ConsentMissing, ContactMissing
from samskab.visiting.models import (
    WEEKDAYS,
    Gender,
    VisitingProgramme,
    VisitOffer,
    VisitRequest,
    phone_validator,
)


class LanguageChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, language):
        return language.name


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, programme):
        return programme.organisation.name


def _programme_field(programmes):
    return ProgrammeChoiceField(
        queryset=VisitingProgramme.objects.filter(pk__in=[p.pk for p in programmes]),
        label=_("Organisation"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the organisation.")},
    )


class VisitRequestForm(forms.Form):
    relation = forms.ChoiceField(
        label=_("Who are you asking for?"),
        choices=VisitRequest.Relation.choices,
        widget=forms.RadioSelect,
        initial=VisitRequest.Relation.SELF,
    )
    person_name = forms.CharField(
        label=_("Name of the person who would like visits"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Only shown to the visiting friend once you have both said yes."),
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("The number the visiting friend should call. Give a phone or an email."),
    )
    contact_email = forms.EmailField(
        label=_("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    town = forms.ModelChoiceField(
        queryset=selectors.towns(),
        label=_("Where does the person live?"),
        empty_label=_("Choose a town"),
        error_messages={"required": _("Choose the town where the person lives.")},
    )
    interests = forms.ModelMultipleChoiceField(
        queryset=selectors.interests(),
        label=_("What does the person like?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = LanguageChoiceField(
        queryset=selectors.languages(),
        label=_("Which languages does the person speak?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_gender = forms.ChoiceField(
        label=_("Would the person prefer a woman or a man?"),
        choices=[("", _("No preference")), (Gender.WOMAN, _("A woman")), (Gender.MAN, _("A man"))],
        required=False,
        widget=forms.RadioSelect,
        initial="",
    )
    preferred_days = forms.TypedMultipleChoiceField(
        label=_("Which days suit the person best?"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave them all empty if any day will do."),
    )
    description = forms.CharField(
        label=_("About the person"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What they enjoy and what a good visit would be like. A proposed visiting friend "
            "reads this before you both say yes, so leave out names and addresses."
        ),
        error_messages={"required": _("Write a few words about the person.")},
    )
    consent = forms.BooleanField(
        label=_(
            "The person who would like visits agrees that the organisation's coordinators see "
            "this request, and that their name and contact details are given to the visiting "
            "friend once both have said yes."
        ),
        error_messages={"required": ConsentMissing.message},
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"programme": _programme_field(programmes), **self.fields}
        if len(programmes) == 1:
            self.fields["programme"].initial = programmes[0].pk

    def clean(self):
        cleaned = super().clean()
        if (
            not self.has_error("contact_phone")
            and not self.has_error("contact_email")
            and not cleaned.get("contact_phone")
            and not cleaned.get("contact_email")
        ):
            self.add_error("contact_phone", ContactMissing.message)
        return cleaned


class VisitOfferForm(forms.Form):
    gender = forms.ChoiceField(
        label=_("Your gender"),
        choices=[("", _("I would rather not say")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Some people would like a visitor of a particular gender."),
    )
    available_days = forms.TypedMultipleChoiceField(
        label=_("Which days can you usually visit?"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave them all empty if it varies."),
    )
    capacity = forms.TypedChoiceField(
        label=_("How many people would you like to visit?"),
        choices=[(number, str(number)) for number in range(1, 6)],
        coerce=int,
        initial=1,
    )
    note = forms.CharField(
        label=_("A few words about you"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What you enjoy doing with others. The person you might visit reads this before "
            "you both say yes, without your name."
        ),
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"programme": _programme_field(programmes), **self.fields}
        if len(programmes) == 1:
            self.fields["programme"].initial = programmes[0].pk

    @classmethod
    def initial_from(cls, offer: VisitOffer | None) -> dict:
        if offer is None:
            return {"capacity": 1}
        return {
            "programme": offer.programme_id,
            "gender": offer.gender,
            "available_days": offer.available_days,
            "capacity": offer.capacity,
            "note": offer.note,
        }


class ProgrammeForm(forms.Form):
    intro_da = forms.CharField(
        label=_("Introduction in Danish"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "da"}),
        help_text=VisitingProgramme._meta.get_field("intro").help_text,
    )
    intro_en = forms.CharField(
        label=_("Introduction in English"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "en"}),
        help_text=_("Optional. English pages show the Danish text when this is empty."),
    )
    is_active = forms.BooleanField(
        label=_("Take new requests and offers"), required=False, initial=True
    )


class ProposeForm(forms.Form):
    offer = forms.IntegerField(widget=forms.HiddenInput)


ACCEPT = "accept"
DECLINE = "decline"


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[(ACCEPT, ACCEPT), (DECLINE, DECLINE)])
