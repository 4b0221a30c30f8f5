from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import refuse_personal_numbers
from samskab.ideas.models import AnswerStatus, Idea
from samskab.ideas.selectors import Sort
from samskab.reference.models import Town
from samskab.vision.models import FocusArea, Initiative


def filter_options(*, focus_areas, statuses, towns) -> dict[str, list[tuple[str, str]]]:
    """The options of the idea list's filters, as (value, label) in the active language."""
    return {
        "focus_area": [(area.slug, area.title) for area in focus_areas],
        "status": [(status.slug, status.name) for status in statuses],
        "town": [(town.slug, town.name) for town in towns],
    }


class IdeaFilterForm(forms.Form):
    """The list's search, filters and order, from the query string; anything unknown is
    ignored rather than refused."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    focus_area = forms.ChoiceField(label=_("Focus area"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    town = forms.ChoiceField(label=_("Town"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            (Sort.NEWEST, _("Newest")),
            (Sort.SUPPORTED, _("Most supported")),
            (Sort.DISCUSSED, _("Most discussed")),
            (Sort.ANSWERED, _("Recently answered")),
        ],
    )

    def __init__(self, *args, focus_areas=(), statuses=(), towns=(), options=None, **kwargs):
        """The filters offer ``focus_areas``, ``statuses`` and ``towns``, or ``options``:
        ``filter_options()`` of them, made before (a list keeps it in the cache)."""
        super().__init__(*args, **kwargs)
        if options is None:
            options = filter_options(focus_areas=focus_areas, statuses=statuses, towns=towns)
        everything = [("", _("All"))]
        for name in ("focus_area", "status", "town"):
            self.fields[name].choices = everything + list(options[name])

    def criteria_values(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "search": self.cleaned_data["q"],
            "focus_area": self.cleaned_data["focus_area"],
            "status": self.cleaned_data["status"],
            "town": self.cleaned_data["town"],
            "sort": self.cleaned_data["sort"] or Sort.NEWEST,
        }


class IdeaForm(forms.ModelForm):
    """Proposing or editing an idea. Title and text are required; the rest is optional
    but for at least one focus area."""

    class Meta:
        model = Idea
        fields = [
            "title",
            "text",
            "language",
            "focus_areas",
            "initiative",
            "town",
            "latitude",
            "longitude",
        ]
        labels = {
            "title": _("Your idea in one sentence"),
            "text": _("Describe your idea"),
            "language": _("Language you write in"),
            "focus_areas": _("Which focus areas of the vision does it serve?"),
            "initiative": _("Does it belong to one of the municipality's initiatives?"),
            "town": _("Where? (a town)"),
            "latitude": _("Or a point: latitude"),
            "longitude": _("longitude"),
        }
        help_texts = {
            "title": _("At most 150 characters."),
            "text": _(
                "What should happen, for whom, and why? Do not write anyone's CPR number or "
                "phone number."
            ),
        }
        widgets = {
            "focus_areas": forms.CheckboxSelectMultiple,
            "text": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].queryset = FocusArea.objects.order_by("order", "pk")
        self.fields["initiative"].queryset = Initiative.objects.order_by("title")
        self.fields["initiative"].required = False
        self.fields["town"].queryset = Town.objects.order_by("name")
        for name in ("title", "text"):
            self.fields[name].validators.append(refuse_personal_numbers)
        if not self.instance.pk:
            current = get_language() or settings.LANGUAGE_CODE
            self.initial.setdefault("language", current if current in ("da", "en") else "da")

    def clean(self):
        cleaned = super().clean()
        has_latitude = cleaned.get("latitude") is not None
        has_longitude = cleaned.get("longitude") is not None
        if has_latitude != has_longitude:
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return cleaned


class AnswerForm(forms.Form):
    status = forms.ModelChoiceField(
        label=_("Status"), queryset=AnswerStatus.objects.all(), empty_label=None
    )
    text = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
        help_text=_("Required when the idea is not possible: say why."),
    )
    department = forms.CharField(label=_("Responsible department"), required=False, max_length=200)
    time_frame = forms.CharField(label=_("Expected time frame"), required=False, max_length=200)
    initiative = forms.ModelChoiceField(
        label=_("Initiative"), queryset=Initiative.objects.order_by("title"), required=False
    )
    decision_url = forms.URLField(
        label=_("Link to a council decision"), required=False, assume_scheme="https"
    )


class HelpOfferForm(forms.Form):
    text = forms.CharField(
        validators=[refuse_personal_numbers],
        label=_("What can you help with?"),
        help_text=_("Your skills and when you have time, e.g. “carpentry, weekends”."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
