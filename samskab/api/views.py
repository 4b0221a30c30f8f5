"""The public read endpoints (``/api/v1/…``). Thin: the selectors choose the rows, the
pages' own filters (``filters.py``) narrow them, cursor pagination pages them, and every
answer carries an ETag so that a client asking again with ``If-None-Match`` gets 304 Not
Modified when nothing changed."""

from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView

from samskab.api import filters, selectors, serializers
from samskab.api.auth import ApiClientAuth
from samskab.api.pagination import Cursor
from samskab.catalogue import services as catalogue_services
from samskab.core.text import is_whole_number
from samskab.ideas import selectors as idea_selectors
from samskab.results.models import Dimension, Period


class ApiViewMixin:
    """Messages (errors) in the language of ``Accept-Language`` (Danish by default): the
    API's addresses have no language prefix.

    ETag from the body; 304 when the client's ``If-None-Match`` matches. Public answers
    may be kept by any cache but are checked again before reuse (``no-cache``); answers to
    an API client are its own (``private``)."""

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request._request))
        if getattr(request._request, "input_left_out", False):
            # core.middleware left out a query value no text column can hold (a NUL): a
            # page shows the rest with a notice, but a client must hear that it was wrong.
            raise ValidationError(
                {"query": [_("This text contains a character that cannot be stored (NUL).")]}
            )
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if isinstance(request.auth, ApiClientAuth):
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, no_cache=True)
        response.render()
        set_response_etag(response)
        return get_conditional_response(request._request, etag=response["ETag"], response=response)


class ReadOnlyViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    pass


def _flag(name, description):
    return OpenApiParameter(name, OpenApiTypes.BOOL, description=description)


def _many(name, description):
    return OpenApiParameter(
        name, {"type": "array", "items": {"type": "string"}}, description=description, explode=True
    )


CATALOGUE_PARAMETERS = [
    OpenApiParameter("q", str, description="Search words (title, description, place, …)."),
    _many("town", "Town slug, e.g. `ribe`; repeat for several."),
    _many("interest", "Interest slug; repeat for several."),
    _many("age", "Age group slug; repeat for several."),
    _many("area", "Focus area slug; repeat for several."),
    _many("language", "Language code spoken; repeat for several."),
    _many("access", "Accessibility fact that must hold, e.g. `step_free_access`."),
    _many("day", "ISO weekday 1 (Monday) to 7; repeat for several."),
    _many("time", "Time of day: `morning`, `afternoon`, `evening`."),
    _flag("free", "Only free activities."),
    _flag("alone", "Only activities where someone welcomes people who come alone."),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="With a session on or after."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="With a session on or before."),
    OpenApiParameter(
        "when",
        str,
        enum=list(filters.WHEN_CHOICES),
        description="`today`, or `week` (today and the next six days); instead of dates.",
    ),
    OpenApiParameter("near", str, description="Postcode or town, for `sort=nearest`."),
]


@extend_schema_view(
    list=extend_schema(
        summary="Organisations",
        description="Approved organisations, by id order.",
    ),
    retrieve=extend_schema(summary="One organisation"),
)
class OrganisationViewSet(ReadOnlyViewSet):
    serializer_class = serializers.OrganisationSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.organisations()


@extend_schema_view(
    list=extend_schema(
        summary="Activities",
        description=(
            "The activities the catalogue page lists (published, with a coming session), "
            "with the catalogue's filters. A filter value the catalogue does not know is "
            "refused with a 400 problem naming it."
        ),
        parameters=CATALOGUE_PARAMETERS,
    ),
    retrieve=extend_schema(summary="One published activity"),
)
class ActivityViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ActivitySerializer

    def paginate_queryset(self, queryset):
        return selectors.attach_activity_details(super().paginate_queryset(queryset))

    def get_object(self):
        return selectors.attach_activity_details([super().get_object()])[0]

    def get_queryset(self):
        catalogue_services.refresh_ended_next_sessions_if_due()
        if self.action == "list":
            return selectors.matching_activities(filters.catalogue_criteria(self.request.GET))
        return selectors.activities()


class SessionCursor(Cursor):
    ordering = ("starts_at", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="Sessions",
        description=(
            "Sessions that are on (not over, not cancelled) of the activities the catalogue "
            "lists, soonest first, with the catalogue's filters; the dates, weekdays and "
            "times of day choose the sessions themselves. `activity` narrows to one "
            "activity."
        ),
        parameters=[
            *CATALOGUE_PARAMETERS,
            OpenApiParameter("activity", int, description="Only this activity's sessions."),
        ],
    ),
    retrieve=extend_schema(summary="One session (also when cancelled)"),
)
class SessionViewSet(ReadOnlyViewSet):
    serializer_class = serializers.SessionSerializer
    pagination_class = SessionCursor

    def get_queryset(self):
        if self.action != "list":
            return selectors.sessions()
        sessions = selectors.matching_sessions(filters.catalogue_criteria(self.request.GET))
        activity = self.request.GET.get("activity")
        if activity is not None:
            if not is_whole_number(activity) or len(activity) > 18:
                raise ValidationError({"activity": ["An activity id is a whole number."]})
            sessions = sessions.filter(activity_id=int(activity))
        return sessions


@extend_schema_view(
    list=extend_schema(
        summary="Volunteer opportunities",
        description=(
            "The opportunities the volunteer page lists (ongoing roles and those with a "
            "coming shift), with its filters."
        ),
        parameters=[
            OpenApiParameter("q", str, description="Search words."),
            OpenApiParameter("kind", str, enum=["ongoing", "ad_hoc"]),
            _many("focus_area", "Focus area slug; repeat for several."),
            OpenApiParameter("town", str, description="Town slug."),
            _many("skill", "Skill slug; repeat for several."),
            OpenApiParameter("language", str, description="Language code."),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
            _flag("from_home", "Only what can be done from home."),
        ],
    ),
    retrieve=extend_schema(summary="One published volunteer opportunity"),
)
class OpportunityViewSet(ReadOnlyViewSet):
    serializer_class = serializers.OpportunitySerializer

    def get_queryset(self):
        if self.action != "list":
            return selectors.opportunities()
        listed = filters.opportunity_filter(self.request.GET, selectors.listed_opportunities())
        return selectors.opportunities().filter(pk__in=listed.order_by().values("pk"))


class ShiftCursor(Cursor):
    ordering = ("starts_at", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="Volunteer shifts",
        description="Coming shifts that are not cancelled, soonest first.",
        parameters=[OpenApiParameter("opportunity", int, description="Only this one's shifts.")],
    ),
    retrieve=extend_schema(summary="One shift"),
)
class ShiftViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ShiftSerializer
    pagination_class = ShiftCursor

    def get_queryset(self):
        if self.action != "list":
            return selectors.shifts()
        shifts = selectors.coming_shifts()
        opportunity = self.request.GET.get("opportunity")
        if opportunity is not None:
            if not is_whole_number(opportunity) or len(opportunity) > 18:
                raise ValidationError({"opportunity": ["An opportunity id is a whole number."]})
            shifts = shifts.filter(opportunity_id=int(opportunity))
        return shifts


@extend_schema_view(
    list=extend_schema(
        summary="Needs",
        description="Needs of approved organisations that have not ended, any status.",
    ),
    retrieve=extend_schema(summary="One need"),
)
class NeedViewSet(ReadOnlyViewSet):
    serializer_class = serializers.NeedSerializer

    def get_queryset(self):
        return selectors.coming_needs() if self.action == "list" else selectors.needs()


@extend_schema_view(
    list=extend_schema(
        summary="Ideas",
        description=(
            "Published ideas with the municipality's answers, with the idea list's filters."
        ),
        parameters=[
            OpenApiParameter("q", str, description="Search words."),
            OpenApiParameter("focus_area", str, description="Focus area slug."),
            OpenApiParameter("status", str, description="Answer status slug."),
            OpenApiParameter("town", str, description="Town slug."),
        ],
    ),
    retrieve=extend_schema(summary="One published idea"),
)
class IdeaViewSet(ReadOnlyViewSet):
    serializer_class = serializers.IdeaSerializer

    def get_queryset(self):
        if self.action != "list":
            return selectors.ideas()
        criteria = filters.idea_criteria(self.request.GET)
        return selectors.ideas().filter(
            pk__in=idea_selectors.ideas(criteria).order_by().values("pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Citizen proposals",
        description="Public proposals (collecting signatures or further) with their counts.",
    ),
    retrieve=extend_schema(summary="One public proposal"),
)
class ProposalViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ProposalSerializer

    def get_queryset(self):
        return selectors.proposals()


@extend_schema_view(
    list=extend_schema(summary="Initiatives of the vision", description="With their progress."),
    retrieve=extend_schema(summary="One initiative"),
)
class InitiativeViewSet(ReadOnlyViewSet):
    serializer_class = serializers.InitiativeSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.initiatives()


@extend_schema_view(
    list=extend_schema(summary="Result indicators", description="Published indicators."),
    retrieve=extend_schema(summary="One indicator"),
)
class IndicatorViewSet(ReadOnlyViewSet):
    serializer_class = serializers.IndicatorSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.indicators()


@extend_schema(
    summary="An indicator's figures",
    description=(
        "Published figures of the indicator under its current method, per period, for the "
        "total and each group of a breakdown. A figure too small to publish has `value` and "
        "`base` null and `suppressed` true."
    ),
    parameters=[
        OpenApiParameter("period", str, enum=list(Period.values)),
        OpenApiParameter(
            "dimension",
            str,
            enum=[value or "total" for value in Dimension.values],
            description="`total`, or a breakdown.",
        ),
    ],
)
class ObservationList(ApiViewMixin, ListAPIView):
    serializer_class = serializers.ObservationSerializer
    pagination_class = Cursor

    def get_queryset(self):
        indicator = get_object_or_404(selectors.indicators(), slug=self.kwargs["slug"])
        observations = selectors.observations(indicator)
        period = self.request.GET.get("period")
        if period is not None:
            if period not in Period.values:
                raise ValidationError({"period": [f"Choose one of {', '.join(Period.values)}."]})
            observations = observations.filter(period=period)
        dimension = self.request.GET.get("dimension")
        if dimension is not None:
            choices = [value or "total" for value in Dimension.values]
            if dimension not in choices:
                raise ValidationError({"dimension": [f"Choose one of {', '.join(choices)}."]})
            observations = observations.filter(dimension="" if dimension == "total" else dimension)
        return observations
