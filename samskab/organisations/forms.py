from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samskab.organisations import selectors
from samskab.organisations.models import LOGO_EXTENSIONS, Membership, Organisation
from samskab.organisations.services import INVITATION_VALID_FOR
from samskab.vision.models import FocusArea

MAX_LOGO_BYTES = 2 * 1024 * 1024


class OrganisationForm(forms.ModelForm):
    """Registering and editing an organisation: one column of plain fields that works on a
    phone, with the input types that bring up the right keyboard."""

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("For example https://www.example.dk"),
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.order_by("order", "pk"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Which parts of the municipality's vision does your work support?"),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "type",
            "description_da",
            "description_en",
            "focus_areas",
            "contact_name",
            "contact_email",
            "contact_phone",
            "street",
            "postcode",
            "town",
            "website",
            "logo",
        ]
        labels = {
            "name": _("Name of the organisation"),
            "type": _("Type of organisation"),
            "description_da": _("Description in Danish"),
            "description_en": _("Description in English"),
            "contact_name": _("Contact person"),
            "contact_email": _("Contact email"),
            "contact_phone": _("Contact phone"),
            "street": _("Street and number"),
            "postcode": _("Postcode"),
            "town": _("Town"),
            "logo": _("Logo"),
        }
        help_texts = {
            "description_da": _("What you do, for whom, and how to take part."),
            "description_en": _(
                "Helps newcomers who do not read Danish. Without it, the Danish text is shown."
            ),
            "contact_name": _("Shown on the organisation's public page."),
            "contact_email": _("Shown on the organisation's public page."),
            "contact_phone": _("Shown on the organisation's public page."),
            "postcode": _("Four digits, e.g. 6760."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "type": forms.RadioSelect,
            "description_da": forms.Textarea(attrs={"rows": 6, "lang": "da"}),
            "description_en": forms.Textarea(attrs={"rows": 6, "lang": "en"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "contact_phone": forms.TextInput(
                attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}
            ),
            "street": forms.TextInput(attrs={"autocomplete": "off"}),
            "postcode": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": "off",
                    "maxlength": 4,
                    "class": "input-char-4",
                }
            ),
            "town": forms.TextInput(attrs={"autocomplete": "off"}),
            "logo": forms.ClearableFileInput(
                attrs={"accept": ",".join(f".{extension}" for extension in LOGO_EXTENSIONS)}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A radio list needs no empty "---------" choice: nothing is chosen until you choose.
        self.fields["type"].choices = Organisation.Type.choices
        self.fields["description_da"].required = True
        self.fields["description_en"].required = False
        self.fields["website"].widget.attrs["autocomplete"] = "off"

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if selectors.organisation_name_taken(name, exclude_pk=self.instance.pk):
            raise forms.ValidationError(
                _(
                    "An organisation with this name is already registered. If it is yours, "
                    "ask one of its administrators to invite you."
                )
            )
        return name

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo may be at most 2 MB."))
        return logo

    def service_details(self) -> dict:
        """The cleaned values in the form the services expect. An unchanged logo is left
        out, so that saving does not touch the stored file."""
        details = dict(self.cleaned_data)
        if "logo" not in self.changed_data:
            details.pop("logo", None)
        return details


class InviteMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.COORDINATOR,
        widget=forms.RadioSelect,
        help_text=_(
            "Coordinators publish activities and volunteer tasks. Administrators can also "
            "edit the organisation and its members."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = INVITATION_VALID_FOR.days
        self.fields["email"].help_text = ngettext(
            "We send an invitation link to this address. It works for %(days)d day.",
            "We send an invitation link to this address. It works for %(days)d days.",
            days,
        ) % {"days": days}


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def __init__(self, *args, member_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Each row of the members table has its own select: name the member in its label.
        self.fields["role"].label = _("Role of %(member)s") % {"member": member_name}


class RejectOrganisationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        help_text=_("Sent to the person who registered the organisation."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class OrganisationFilterForm(forms.Form):
    """Filters for the public list. Invalid values are dropped (with a notice), never an
    error page, because filter links are shared and edited by hand."""

    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(label=_("Type"), required=False)
    focus_area = forms.ChoiceField(label=_("Focus area"), required=False)

    def __init__(self, *args, focus_area_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types")), *Organisation.Type.choices]
        self.fields["focus_area"].choices = [("", _("All focus areas")), *focus_area_choices]

    def filters(self) -> tuple[dict, bool]:
        """(valid filters for ``selectors.organisation_list``, whether any value was
        ignored)."""
        if not self.is_bound:
            return {}, False
        self.is_valid()
        values = {
            name: self.cleaned_data.get(name, "")
            for name in ("q", "type", "focus_area")
            if name not in self.errors
        }
        ignored = bool(self.errors)
        return (
            {
                "search": values.get("q", "").strip(),
                "organisation_type": values.get("type", ""),
                "focus_area": values.get("focus_area", ""),
            },
            ignored,
        )
