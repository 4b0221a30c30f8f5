from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REQUESTED = "requested"
APPROVED = "approved"


class ApprovalForm(forms.Form):
    """The date of the attest a coordinator records as approved. Each volunteer's row has
    its own form, told apart by ``prefix``; "requested" needs no input, only the button."""

    approved_on = forms.DateField(
        label=_("Date of the attest"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date on the børneattest the organisation received, without remarks."),
        error_messages={
            "invalid": _("Enter the date like this: 2025-03-14."),
            "required": _("Enter the date of the attest."),
        },
    )

    def clean_approved_on(self):
        approved_on = self.cleaned_data["approved_on"]
        if approved_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return approved_on
