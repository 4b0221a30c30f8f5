"""The list endpoints' filters are the pages' own: the catalogue's ``CatalogueFilter`` for
activities and sessions, the volunteer list's ``OpportunityFilter`` for opportunities, the
idea list's criteria for ideas. The pages leave out a value they cannot use and say so; an
API client is told instead, with a 400 problem naming the parameter.

``when=today`` and ``when=week`` are the catalogue's quick date choices (today; today and
the next six days) as one parameter.
"""

from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from samskab.catalogue import selectors as catalogue_selectors
from samskab.catalogue.filters import CatalogueFilter
from samskab.ideas import selectors as idea_selectors
from samskab.ideas.forms import IdeaFilterForm
from samskab.ideas.models import AnswerStatus
from samskab.reference.models import Town
from samskab.vision.models import FocusArea
from samskab.volunteering.filters import OpportunityFilter

WHEN_CHOICES = ("today", "week")


def _expand_when(params: QueryDict) -> QueryDict:
    when = params.get("when")
    if when is None:
        return params
    if when not in WHEN_CHOICES:
        raise ValidationError({"when": [f"Choose one of {', '.join(WHEN_CHOICES)}."]})
    if "date_from" in params or "date_to" in params:
        raise ValidationError({"when": ["Give either when or date_from/date_to, not both."]})
    today = timezone.localdate()
    last = (
        today if when == "today" else today + timedelta(days=catalogue_selectors.THIS_WEEK_DAYS - 1)
    )
    params = params.copy()
    params.pop("when")
    params["date_from"] = today.isoformat()
    params["date_to"] = last.isoformat()
    return params


# Parameters that are not free text: given empty, they are refused (a page's form would
# send them empty and mean "any"; a client that sends one empty has made a mistake).
TYPED_PARAMETERS = (
    "date_from",
    "date_to",
    "free",
    "alone",
    "from_home",
    "kind",
    "when",
    "page_size",
)


def refuse_empty(params: QueryDict) -> None:
    empty = [name for name in TYPED_PARAMETERS if name in params and not params[name].strip()]
    if empty:
        raise ValidationError(
            {name: ["Give a value or leave the parameter out."] for name in empty}
        )


def _refuse_form_errors(form) -> None:
    if not form.is_valid():
        raise ValidationError({name: list(messages) for name, messages in form.errors.items()})


def catalogue_criteria(params: QueryDict) -> catalogue_selectors.Criteria:
    """The catalogue's criteria from the query string, or a ValidationError for a value the
    catalogue page would leave out (an unknown town, a malformed date, ``free=maybe``, a
    place it does not know)."""
    refuse_empty(params)
    params = _expand_when(params)
    lists = catalogue_selectors.reference_lists()
    unbound = CatalogueFilter(None, lists=lists)
    _refuse_form_errors(unbound.get_form_class()(params))
    filterset = CatalogueFilter(params, lists=lists)
    criteria = filterset.criteria
    near = (params.get("near") or "").strip()
    if near and criteria.near is None:
        raise ValidationError({"near": ["Enter a postcode or a town in the municipality."]})
    return criteria


def opportunity_filter(params: QueryDict, queryset):
    """The volunteer list's filters applied to ``queryset`` (its own base: published
    opportunities that are ongoing or have a coming shift)."""
    refuse_empty(params)
    filterset = OpportunityFilter(params or None, queryset=queryset)
    if filterset.is_bound:
        _refuse_form_errors(filterset.form)
    return filterset.qs


def idea_criteria(params: QueryDict) -> idea_selectors.Criteria:
    """The idea list's search and filters (``q``, ``focus_area``, ``status``, ``town``)."""
    form = IdeaFilterForm(
        params or None,
        focus_areas=FocusArea.objects.order_by("order", "pk"),
        statuses=AnswerStatus.objects.all(),
        towns=Town.objects.order_by("name", "pk"),
    )
    if form.is_bound:
        _refuse_form_errors(form)
    values = form.criteria_values()
    values.pop("sort", None)
    return idea_selectors.Criteria(**values)
