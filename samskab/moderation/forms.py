"""Forms of moderation: a report, the inbox's bulk decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.moderation.models import REASON_MAX_LENGTH, REPORT_TEXT_MAX_LENGTH, Report, Review


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with it.")},
    )
    text = forms.CharField(
        label=_("More about it"),
        required=False,
        max_length=REPORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the municipality's moderators read this."),
    )


ACTIONS = {"hide": Review.Outcome.HIDDEN, "publish": Review.Outcome.PUBLISHED}


class ItemDecisionForm(forms.Form):
    """Staff decide on one item, wherever they meet it."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("hide", _("Hide")),
            ("publish", _("Publish or restore")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to hide or publish.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The author is told this by email. Write it so that it helps them: which rule, "
            "and what they could write instead."
        ),
        error_messages={"required": _("Give a reason: the author is told it.")},
    )

    def outcome(self) -> str:
        return ACTIONS[self.cleaned_data["action"]]


class DecisionForm(ItemDecisionForm):
    """The inbox's bulk decision: the same, for the ticked reviews."""

    reviews = forms.ModelMultipleChoiceField(
        # Closed ones too: a review someone else decided meanwhile is skipped, not an error.
        queryset=Review.objects.all(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": _("Tick at least one item."),
            "invalid_choice": _("One of the ticked items no longer exists. Try again."),
        },
    )
