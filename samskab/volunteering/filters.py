"""The filters of the opportunity list, as a django-filter FilterSet.

Every filter lives in the URL's query string (bookmarkable, shareable, works without
JavaScript); htmx only swaps the results in place and pushes the same URL. A value the
filters cannot understand (an unknown town, a date like 2025-13-45) is left out and the page
says so: ``valid_filterset`` rebinds the filters without it. It never causes an error page."""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from samskab.core import page_cache

# The strict yes/no and bounded date filters shared with the activity catalogue, so both
# lists treat odd values (from_home=maybe, a date in year 1) the same way: left out, with
# a notice.
from samskab.core.filters import (
    DateWithinRangeFilter,
    FlagFilter,
    ListedChoiceField,
    ListedChoiceFilter,
    ListedMultipleChoiceFilter,
)
from samskab.volunteering import selectors
from samskab.volunteering.forms import language_label
from samskab.volunteering.models import Opportunity

# The filter form of an address is the same for everyone: what it offers are the reference
# lists and the vision's focus areas. So it is kept as a template fragment
# (opportunity_list.html), for people who are logged in too, and forgotten when one of
# those lists changes.
FORMS = page_cache.Scope("volunteering:filter_form", setting=page_cache.PUBLIC_PAGE_SECONDS)
FORMS_SHOW = ("reference", "vision")


def connect() -> None:
    page_cache.forget_on_change(FORMS, *FORMS_SHOW)


def kept_form(request) -> dict:
    """The list's filter form kept per address (``page_cache.kept_filter_form``)."""
    return page_cache.kept_filter_form(request, FORMS)


FILTER_FIELDS = (
    "q",
    "kind",
    "focus_area",
    "town",
    "date_from",
    "date_to",
    "skill",
    "language",
    "from_home",
)


class SingleLanguageField(ListedChoiceField):
    def label_from_instance(self, language):
        return language_label(language)


class LanguageFilter(ListedChoiceFilter):
    field_class = SingleLanguageField


class OpportunityFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The last date is before the first date."))
        return cleaned


class OpportunityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        max_length=100,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of help"),
        choices=Opportunity.Kind.choices,
        empty_label=_("Both"),
        widget=forms.RadioSelect,
    )
    focus_area = ListedMultipleChoiceFilter(
        label=_("Focus areas"),
        queryset=selectors.focus_areas(),
        to_field_name="slug",
        method="filter_focus_areas",
        widget=forms.CheckboxSelectMultiple,
    )
    town = ListedChoiceFilter(
        label=_("Town"),
        queryset=selectors.towns(),
        to_field_name="slug",
        field_name="town",
        empty_label=_("All towns"),
    )
    date_from = DateWithinRangeFilter(label=_("From date"), method="filter_by_dates")
    date_to = DateWithinRangeFilter(label=_("To date"), method="filter_by_dates")
    skill = ListedMultipleChoiceFilter(
        label=_("Skills"),
        queryset=selectors.skills(),
        to_field_name="slug",
        method="filter_skills",
        widget=forms.CheckboxSelectMultiple,
    )
    language = LanguageFilter(
        label=_("Language spoken"),
        queryset=selectors.languages(),
        to_field_name="code",
        method="filter_language",
        empty_label=_("Any language"),
    )
    from_home = FlagFilter(label=_("Can be done from home"), method="filter_from_home")

    class Meta:
        model = Opportunity
        fields = []
        form = OpportunityFilterForm

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now

    def filter_text(self, queryset, name, value):
        return selectors.with_text(queryset, value)

    # An empty choice arrives as an empty queryset, which django-filter does not skip.
    def filter_focus_areas(self, queryset, name, value):
        value = list(value)
        return selectors.with_focus_areas(queryset, value) if value else queryset

    def filter_skills(self, queryset, name, value):
        value = list(value)
        return selectors.with_skills(queryset, value) if value else queryset

    def filter_language(self, queryset, name, value):
        return selectors.in_languages(queryset, [value])

    def filter_from_home(self, queryset, name, value):
        return queryset.filter(from_home=True) if value else queryset

    def filter_by_dates(self, queryset, name, value):
        # Dates decide which shifts count, so they are applied in filter_queryset.
        return queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start or end:
            queryset = selectors.public_opportunities(
                shift_q=selectors.coming_shift_q(
                    start=selectors.local_day_start(start) if start else None,
                    end=selectors.local_day_start(end, days_later=1) if end else None,
                    now=self.now,
                ),
                now=self.now,
            )
        return super().filter_queryset(queryset).order_by(*selectors.SOONEST)

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(
            value not in (None, "", [], False) for value in self.form.cleaned_data.values()
        )


SEARCH_MAX_LENGTH = 100
MULTIPLE_CHOICE_FIELDS = ("focus_area", "skill")


def _valid_values(field, values: list[str]) -> list[str]:
    """The values of a multiple choice that name existing rows (one query)."""
    key = field.to_field_name or "pk"
    existing = {
        str(value)
        for value in field.queryset.filter(**{f"{key}__in": values}).values_list(key, flat=True)
    }
    return [value for value in values if value in existing]


def valid_filterset(data: QueryDict, *, now=None) -> tuple[OpportunityFilter, list[str]]:
    """The filters from the query string with anything malformed left out (of a multiple
    choice, only the unknown values), and the labels of what was left out (for a notice)."""
    base = selectors.public_opportunities(now=now).order_by(*selectors.SOONEST)
    data = data.copy()
    if len(data.get("q", "")) > SEARCH_MAX_LENGTH:
        data["q"] = data["q"][:SEARCH_MAX_LENGTH]
    for name in MULTIPLE_CHOICE_FIELDS:
        if name in data:
            # Repeating a value changes nothing; a thousand repeats cost nothing either.
            data.setlist(name, list(dict.fromkeys(data.getlist(name)))[:50])
    filterset = OpportunityFilter(data or None, queryset=base, now=now)
    if not filterset.is_bound or filterset.is_valid():
        return filterset, []
    form = filterset.form
    ignored = [str(form.fields[name].label) for name in FILTER_FIELDS if name in form.errors]
    for name in form.errors:
        if name in MULTIPLE_CHOICE_FIELDS:
            data.setlist(name, _valid_values(form.fields[name], data.getlist(name)))
        else:
            data.pop(name, None)
    filterset = OpportunityFilter(data or None, queryset=base, now=now)
    filterset.is_valid()
    return filterset, ignored
