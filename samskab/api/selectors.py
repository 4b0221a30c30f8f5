"""What the read endpoints list, each in a fixed number of queries whatever the number of
rows (tests/test_api_queries.py): the rows of one page, then one query per prefetched
relation. Only what the site shows everyone: published activities and opportunities of
approved organisations, needs of approved organisations, published ideas, public
proposals, published indicators."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from samskab.activities.models import Activity, ActivitySession
from samskab.booking import selectors as booking_selectors
from samskab.booking.models import Slot
from samskab.catalogue import selectors as catalogue_selectors
from samskab.catalogue.models import NextSession
from samskab.ideas.models import Answer, Idea
from samskab.needs.models import Need
from samskab.organisations.models import Organisation
from samskab.proposals.models import PUBLIC_STATUSES, Proposal
from samskab.reference.models import Skill
from samskab.results.models import Indicator, Observation
from samskab.vision.models import FocusArea, Initiative
from samskab.volunteering import selectors as volunteering_selectors
from samskab.volunteering.models import Opportunity, Shift


def _focus_areas() -> Prefetch:
    return Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk"))


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Organisation.Status.APPROVED).prefetch_related(
        _focus_areas()
    )


# --- activities and sessions -----------------------------------------------------------------


def with_activity_relations(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """The activities with their organisation and town; ``attach_activity_details`` adds
    the rest for a page of them."""
    return activities.select_related("organisation", "town")


@dataclass(frozen=True)
class NextSessionRow:
    id: int
    starts_at: datetime
    ends_at: datetime
    places_left: int | None


# (relation, the value shown, the order of the list), as the activity page orders them.
ACTIVITY_LISTS = (
    ("focus_areas", "focusarea__slug", ("focusarea__order", "focusarea__pk")),
    ("interests", "interest__slug", ("interest__order", "interest__name", "interest__pk")),
    ("age_groups", "agegroup__slug", ("agegroup__order", "agegroup__pk")),
    ("languages", "language__code", ("language__order", "language__pk")),
)


def attach_activity_details(activities, *, now=None) -> list[Activity]:
    """Give each activity of a page ``api_lists`` (the slugs of its focus areas, interests,
    age groups and languages) and ``api_next_session`` (its next session that is neither
    over nor cancelled, from the catalogue's ``NextSession``, with places left): six
    queries of plain values for the whole page, whatever its size. Building model
    instances for every related row (prefetch_related) costs several times as much."""
    activities = list(activities)
    ids = [activity.pk for activity in activities]
    lists = {activity.pk: {name: [] for name, _v, _o in ACTIVITY_LISTS} for activity in activities}
    if ids:
        for name, value, order in ACTIVITY_LISTS:
            through = getattr(Activity, name).through
            rows = (
                through.objects.filter(activity_id__in=ids)
                .order_by(*order)
                .values_list("activity_id", value)
            )
            for activity_id, shown in rows:
                lists[activity_id][name].append(shown)
    now = now or timezone.now()
    entries = list(
        NextSession.objects.filter(
            activity_id__in=ids, ends_at__gt=now, session__isnull=False
        ).values_list("activity_id", "session_id", "starts_at", "ends_at")
    )
    places = {}
    if entries:
        slots = booking_selectors.slots_with_occupancy(
            Slot.objects.filter(
                content_type=ContentType.objects.get_for_model(ActivitySession),
                object_id__in=[entry[1] for entry in entries],
            )
        ).values_list("object_id", "capacity", "holding_count")
        places = {
            session_id: None if capacity is None else max(capacity - holding, 0)
            for session_id, capacity, holding in slots
        }
    next_sessions = {
        activity_id: NextSessionRow(session_id, starts_at, ends_at, places.get(session_id))
        for activity_id, session_id, starts_at, ends_at in entries
    }
    for activity in activities:
        activity.api_lists = lists[activity.pk]
        activity.api_next_session = next_sessions.get(activity.pk)
    return activities


def activities() -> QuerySet[Activity]:
    """Published activities of approved organisations."""
    return with_activity_relations(Activity.objects.published())


def own_activities(organisation) -> QuerySet[Activity]:
    """The organisation's activities written through the API, published or not, with their
    source ids and their sessions that have not ended (``coming_sessions``)."""
    return (
        with_activity_relations(
            Activity.objects.filter(organisation=organisation, api_source__isnull=False)
        )
        .select_related("api_source", "initiative")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=ActivitySession.objects.filter(ends_at__gt=timezone.now())
                .select_related("api_source")
                .prefetch_related(booking_selectors.slots_prefetch())
                .order_by("starts_at", "pk"),
                to_attr="coming_sessions",
            )
        )
    )


def matching_activities(criteria: catalogue_selectors.Criteria) -> QuerySet[Activity]:
    """The activities the catalogue page lists for these criteria."""
    return activities().filter(pk__in=catalogue_selectors.matching_activity_ids(criteria))


def sessions() -> QuerySet[ActivitySession]:
    """Sessions of published activities of approved organisations, cancelled ones included."""
    return (
        ActivitySession.objects.filter(activity__in=Activity.objects.published())
        .select_related("activity")
        .prefetch_related(booking_selectors.slots_prefetch())
    )


def matching_sessions(criteria: catalogue_selectors.Criteria) -> QuerySet[ActivitySession]:
    """The sessions that are on (not over, not cancelled) of the activities the catalogue
    lists for these criteria, within its dates, weekdays and times of day."""
    now = timezone.now()
    return sessions().filter(
        catalogue_selectors.session_condition(criteria, now=now),
        activity_id__in=catalogue_selectors.matching_activity_ids(criteria, now=now),
    )


# --- volunteering and needs --------------------------------------------------------------------


def opportunities() -> QuerySet[Opportunity]:
    return (
        Opportunity.objects.published()
        .select_related("organisation", "town")
        .prefetch_related(
            _focus_areas(),
            Prefetch("skills", queryset=volunteering_selectors.skills()),
            Prefetch("interests", queryset=volunteering_selectors.interests()),
            Prefetch("languages", queryset=volunteering_selectors.languages()),
        )
    )


def listed_opportunities() -> QuerySet[Opportunity]:
    """What the volunteer list starts from: ongoing roles and opportunities with a coming
    shift (annotated with the next shift's start)."""
    return volunteering_selectors.public_opportunities()


def shifts() -> QuerySet[Shift]:
    return (
        Shift.objects.filter(opportunity__in=Opportunity.objects.published())
        .select_related("opportunity")
        .prefetch_related(booking_selectors.slots_prefetch())
    )


def coming_shifts() -> QuerySet[Shift]:
    return shifts().filter(volunteering_selectors.coming_shift_q())


def needs() -> QuerySet[Need]:
    return (
        Need.objects.public()
        .select_related("organisation", "town")
        .prefetch_related(
            _focus_areas(),
            Prefetch("skills", queryset=Skill.objects.order_by("order", "name", "pk")),
            booking_selectors.slots_prefetch(),
        )
    )


def coming_needs() -> QuerySet[Need]:
    return needs().filter(ends_at__gt=timezone.now())


# --- ideas and proposals -----------------------------------------------------------------------


def ideas() -> QuerySet[Idea]:
    return (
        Idea.objects.published()
        .select_related("status", "town")
        .prefetch_related(
            _focus_areas(),
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("status", "initiative").order_by(
                    "created_at", "pk"
                ),
            ),
        )
    )


def proposals() -> QuerySet[Proposal]:
    return Proposal.objects.filter(status__in=PUBLIC_STATUSES)


# --- the vision and its results -------------------------------------------------------------


def initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("focus_area", "parent", "status")


def indicators() -> QuerySet[Indicator]:
    return Indicator.objects.published().select_related("focus_area")


def observations(indicator: Indicator) -> QuerySet[Observation]:
    """The indicator's figures under its current method."""
    return Observation.objects.filter(indicator=indicator, method_version=indicator.method_version)
