"""The catalogue's filters as a django-filter FilterSet: the GET parameters it reads, the form
it renders, and the ``Criteria`` it hands to the selectors.

Every parameter lives in the URL (``?q=strik&town=ribe&free=1``), so a search can be shared
and the back button works. Input is never an error page: a value that is unknown or
malformed (a town that does not exist, a date like 2025-13-45, ``free=maybe``) is left out,
the rest of the search still runs, and ``notices`` says what was ignored.
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.activities.models import Activity, ActivitySchedule, accessibility_fact_choices
from samskab.catalogue import selectors
from samskab.core.filters import DateWithinRangeFilter, FlagFilter

SEARCH_MAX_LENGTH = 200
FILTER_FIELD_TEMPLATE = "catalogue/includes/filter_field.html"


def _checkboxes(label, **extra):
    return django_filters.MultipleChoiceFilter(
        label=label,
        widget=forms.CheckboxSelectMultiple,
        method="filter_nothing",
        template_name=FILTER_FIELD_TEMPLATE,
        **extra,
    )


class CatalogueFilter(django_filters.FilterSet):
    """Bind with ``CatalogueFilter(request.GET, lists=selectors.reference_lists())``; read
    ``criteria`` and ``notices``. The choices come from the (cached) reference lists, so
    building the form costs no query."""

    q = django_filters.CharFilter(
        label=gettext_lazy("Search"),
        method="filter_nothing",
        template_name=FILTER_FIELD_TEMPLATE,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=gettext_lazy("For example knitting, walk or café."),
    )
    area = _checkboxes(gettext_lazy("Focus area"))
    interest = _checkboxes(gettext_lazy("Interests"))
    town = _checkboxes(gettext_lazy("Town"))
    date_from = DateWithinRangeFilter(
        label=gettext_lazy("From date"),
        method="filter_nothing",
        template_name=FILTER_FIELD_TEMPLATE,
    )
    date_to = DateWithinRangeFilter(
        label=gettext_lazy("To date"),
        method="filter_nothing",
        template_name=FILTER_FIELD_TEMPLATE,
    )
    day = _checkboxes(gettext_lazy("Weekday"), choices=ActivitySchedule.Weekday.choices)
    time = _checkboxes(gettext_lazy("Time of day"), choices=selectors.TimeOfDay.choices)
    age = _checkboxes(gettext_lazy("For"))
    language = _checkboxes(gettext_lazy("Language spoken"))
    access = _checkboxes(gettext_lazy("Accessibility"))
    free = FlagFilter(
        label=gettext_lazy("Free"), method="filter_nothing", template_name=FILTER_FIELD_TEMPLATE
    )
    alone = FlagFilter(
        label=gettext_lazy("Come alone — you will be welcomed"),
        method="filter_nothing",
        template_name=FILTER_FIELD_TEMPLATE,
    )
    near = django_filters.CharFilter(
        label=gettext_lazy("Near (postcode or town)"),
        method="filter_nothing",
        help_text=gettext_lazy("For example 6760 or Ribe."),
        template_name=FILTER_FIELD_TEMPLATE,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": "12"}),
    )
    sort = django_filters.ChoiceFilter(
        label=gettext_lazy("Order"),
        choices=selectors.Sort.choices,
        empty_label=None,
        method="filter_nothing",
        widget=forms.RadioSelect,
        template_name=FILTER_FIELD_TEMPLATE,
    )

    class Meta:
        model = Activity
        fields = []

    # The names in the URL, for the notices, in the order of the form.
    multiple_choice_names = ("area", "interest", "town", "day", "time", "age", "language", "access")

    def __init__(self, data=None, *args, lists: selectors.ReferenceLists, **kwargs):
        self.lists = lists
        self.notices: list[str] = []
        super().__init__(data, *args, **kwargs)
        choices = {
            "area": [(c.value, c.label) for c in lists.focus_areas],
            "interest": [(c.value, c.label) for c in lists.interests],
            "town": [(c.value, c.label) for c in lists.towns],
            "age": [(c.value, c.label) for c in lists.age_groups],
            "language": [(c.value, c.label) for c in lists.languages],
            "access": accessibility_fact_choices(),
        }
        for name, values in choices.items():
            self.filters[name].extra["choices"] = values
        if self.is_bound:
            self.data = self._sanitised(self.data)

    def filter_nothing(self, queryset, name, value):
        # Filtering happens in ``filter_queryset`` from the criteria as a whole.
        return queryset

    def get_form_class(self):
        # django-filter makes a new form class each time it is asked (a class with eighty
        # choices to copy); the filters are this instance's, so one class serves it.
        if not hasattr(self, "_form_class"):
            self._form_class = super().get_form_class()
        return self._form_class

    # --- input that cannot be used is left out, with a notice --------------------------

    def _sanitised(self, data: QueryDict) -> QueryDict:
        data = data.copy()
        if len(data.get("q", "")) > SEARCH_MAX_LENGTH:
            data["q"] = data["q"][:SEARCH_MAX_LENGTH]
        for name in self.multiple_choice_names:
            if name in data:
                # Repeating a value changes nothing; a thousand repeats cost nothing either.
                data.setlist(name, list(dict.fromkeys(data.getlist(name)))[:100])
        form = self.get_form_class()(data, prefix=self.form_prefix)
        if form.is_valid():
            # The form of these data, validated: ``self.form`` is this one, not a second.
            self._form = form
            return data
        for name in form.errors:
            field = form.fields.get(name)
            if field is None:
                continue
            if isinstance(field, forms.MultipleChoiceField):
                kept = [value for value in data.getlist(name) if field.valid_value(value)]
                data.setlist(name, kept)
            else:
                data.pop(name, None)
            self._ignored(name)
        return data

    def _ignored(self, name: str) -> None:
        label = self.filters[name].label
        self.notices.append(_("We ignored an unknown value for “%(filter)s”.") % {"filter": label})

    # --- what the form asks for ----------------------------------------------------------

    @property
    def criteria(self) -> selectors.Criteria:
        if not hasattr(self, "_criteria"):
            self._criteria = self._build_criteria()
        return self._criteria

    def _ids(self, name: str, choices) -> tuple[int, ...]:
        wanted = set(self.form.cleaned_data.get(name) or ())
        return tuple(choice.pk for choice in choices if choice.value in wanted)

    def _build_criteria(self) -> selectors.Criteria:
        if not self.is_bound or not self.form.is_valid():
            return selectors.Criteria()
        data = self.form.cleaned_data
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_to < date_from:
            date_from, date_to = date_to, date_from
            self.notices.append(_("The end date was before the start date, so we swapped them."))
        near = None
        near_text = (data.get("near") or "").strip()
        if near_text:
            near = self.lists.place_for(near_text)
            if near is None:
                self.notices.append(
                    _(
                        "We do not know the place “%(place)s”. Enter a postcode or a town in "
                        "the municipality."
                    )
                    % {"place": near_text[:50]}
                )
        sort = data.get("sort") or ""
        if not sort:
            sort = selectors.Sort.NEAREST if near else selectors.Sort.SOONEST
        elif sort == selectors.Sort.NEAREST and near is None and not near_text:
            self.notices.append(_("To sort by distance, enter a postcode or a town."))
        return selectors.Criteria(
            search=data.get("q") or "",
            focus_area_ids=self._ids("area", self.lists.focus_areas),
            interest_ids=self._ids("interest", self.lists.interests),
            town_ids=self._ids("town", self.lists.towns),
            age_group_ids=self._ids("age", self.lists.age_groups),
            language_ids=self._ids("language", self.lists.languages),
            accessibility=tuple(data.get("access") or ()),
            free=bool(data.get("free")),
            come_alone=bool(data.get("alone")),
            date_from=date_from,
            date_to=date_to,
            weekdays=tuple(sorted({int(day) for day in data.get("day") or ()})),
            times_of_day=tuple(data.get("time") or ()),
            near=near,
            sort=sort,
        )

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """Matching activities (``qs``), in no particular order."""
        return queryset.filter(pk__in=selectors.matching_activity_ids(self.criteria))

    @property
    def active_filter_count(self) -> int:
        """How many filters (not the search, not the order) are in use."""
        if not self.is_bound or not self.form.is_valid():
            return 0
        data = self.form.cleaned_data
        names = [*self.multiple_choice_names, "free", "alone", "date_from", "date_to", "near"]
        return sum(1 for name in names if data.get(name))
