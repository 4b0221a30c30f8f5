from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import refuse_personal_numbers
from samskab.proposals.models import Channel, Decision, Proposal, RejectionReason
from samskab.vision.models import Initiative


class ProposalForm(forms.ModelForm):
    """Writing or changing a draft."""

    class Meta:
        model = Proposal
        fields = ["title", "text", "language"]
        labels = {
            "title": _("Your proposal in one sentence"),
            "text": _("What should the city council decide, and why?"),
            "language": _("Language you write in"),
        }
        help_texts = {
            "title": _("At most 150 characters."),
            "text": _(
                "Say what you want decided, why, and what it means for the people it "
                "concerns. From the moment you submit it, the text cannot change: people "
                "sign exactly what they read. Do not write anyone's CPR number or phone "
                "number."
            ),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        if not self.instance.pk:
            self.initial.setdefault("language", get_language() or settings.LANGUAGE_CODE)
        self.fields["title"].validators.append(refuse_personal_numbers)
        self.fields["text"].validators.append(refuse_personal_numbers)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the proposal?"),
        help_text=_("Shown with the proposal, so that those who signed understand."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FormalCheckForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"
    outcome = forms.ChoiceField(
        label=_("Outcome of the formal check"),
        choices=[
            (APPROVE, _("Approve: collection of signatures starts now")),
            (REJECT, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.ModelChoiceField(
        label=_("Reason for rejecting"),
        queryset=RejectionReason.objects.all(),
        required=False,
        empty_label=_("Choose a reason"),
    )
    text = forms.CharField(
        label=_("Explanation to the author (public)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == self.REJECT and not data.get("reason"):
            self.add_error("reason", _("Choose the reason for the rejection."))
        return data


class TextFixForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("What was corrected, and why"),
        help_text=_("Public, with the difference between the two texts."),
        max_length=300,
    )

    class Meta:
        model = Proposal
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}


class ScheduleForm(forms.Form):
    meeting = forms.DateField(
        label=_("Date of the city council meeting"),
        help_text=_("For example 2027-03-24."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    agenda_url = forms.URLField(
        label=_("Link to the agenda"), required=False, assume_scheme="https"
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("The city council's decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    decision_text = forms.CharField(
        label=_("The decision in the council's words"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ProgressForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("Initiative of the vision that carries it out"),
        queryset=Initiative.objects.order_by("title"),
        required=False,
        empty_label=_("None"),
    )
    note = forms.CharField(
        label=_("What happens now (public)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeskSignatureForm(forms.Form):
    """A signature staff register for a citizen in person or from a paper form."""

    channel = forms.ChoiceField(
        label=_("How the citizen signs"),
        choices=[(Channel.DESK, Channel.DESK.label), (Channel.PAPER, Channel.PAPER.label)],
        widget=forms.RadioSelect,
        initial=Channel.DESK,
    )
    person_identifier = forms.CharField(
        label=_("The citizen's CPR number"),
        help_text=_(
            "Checked against the ID or the paper form. It is never stored: only a keyed "
            "hash of it, so that nobody signs twice."
        ),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birthdate = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    municipality_code = forms.CharField(
        label=_("Municipality code of the address"),
        help_text=_("From the CPR register, for example 0561."),
        max_length=4,
        min_length=4,
    )
    checked = forms.BooleanField(label=_("I have checked the citizen's identity, age and address"))

    def clean_person_identifier(self):
        identifier = "".join(
            character for character in self.cleaned_data["person_identifier"] if character.isdigit()
        )
        if len(identifier) != 10:
            raise forms.ValidationError(_("A CPR number has 10 digits."))
        return identifier
