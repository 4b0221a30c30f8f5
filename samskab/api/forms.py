from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.api.scopes import ACTIVITIES_WRITE, SCOPE_CHOICES


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the system"),
        max_length=100,
        help_text=_("So you can tell your clients apart, e.g. Club booking system."),
        error_messages={"required": _("Give the client a name.")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What may it do?"),
        choices=SCOPE_CHOICES,
        initial=[ACTIVITIES_WRITE],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one.")},
    )
