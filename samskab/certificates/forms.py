from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.certificates.codes import normalise_code
from samskab.certificates.models import Certificate


class IssueCertificateForm(forms.Form):
    """What the volunteer decides about a new certificate: the name printed on it, its
    language and which organisations it covers (all by default)."""

    name = forms.CharField(
        label=_("Your name as it should appear on the certificate"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the certificate"),
        choices=Certificate.Language.choices,
        widget=forms.RadioSelect,
    )
    organisations = forms.TypedMultipleChoiceField(
        label=_("Organisations on the certificate"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("All are ticked. Untick any you would rather leave out."),
        error_messages={"required": _("Tick at least one organisation.")},
    )

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].choices = [
            (record.organisation_id, record.name) for record in records
        ]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Write your name as it should appear."))
        return name


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("Ten letters and digits, printed on the certificate, e.g. K7QXM-4RPZA."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Type the code printed on the certificate.")},
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "A verification code has ten letters and digits, e.g. K7QXM-4RPZA. Check "
                    "that you typed it as printed."
                )
            )
        return code
