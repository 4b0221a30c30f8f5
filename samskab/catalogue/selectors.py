"""Reading the catalogue: the lists the filters offer, the activities that match a set of
criteria, a page of them, their places on the map, and "this week near you".

Every function does a fixed number of queries whatever the number of activities:

- ``reference_lists()``: one query (a UNION of the five lists), usually none (cached);
- ``catalogue_page()``: a count (of at most ``core.paging.COUNT_CAP`` rows), the page, and
  two queries for the next sessions with their places left (the cards not kept in the cache
  read their age groups and languages with one more, ``activities.cards``);
- ``map_markers()``: a count and one query for at most ``MAP_MARKER_LIMIT`` markers;
- ``this_week()``: the sessions, and their booking slots with places left.

Activity-level criteria use the indexed filters of ``ActivityQuerySet``. Without criteria
on sessions, "has a coming session" and "soonest first" come from ``NextSession``
(models.py), an index scan; with them (dates, weekdays, times of day), one condition on
sessions (``activities.selectors.session_filter``) decides which activities match and which
of their sessions is shown. Search uses the search documents: PostgreSQL full-text search
(Danish and English stemming, prefix matching, GIN index) or, on SQLite, a substring match
of every word in lower case.

Callers run ``services.refresh_ended_next_sessions_if_due()`` first, so next sessions that
have ended move on to the following one.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    TextChoices,
    Value,
    Window,
)
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from samskab.activities import selectors as activity_selectors
from samskab.activities.models import Activity, ActivitySession
from samskab.activities.recurrence import local_moment
from samskab.catalogue import cache as catalogue_cache
from samskab.core import paging
from samskab.core.geo import distance_km_expression
from samskab.core.text import is_whole_number, search_condition, search_words
from samskab.reference.models import AgeGroup, Interest, Language, Town
from samskab.vision.models import FocusArea

PAGE_SIZE = 20
MAP_MARKER_LIMIT = 500
THIS_WEEK_DAYS = 7
THIS_WEEK_LIMIT = 6

TimeOfDay = activity_selectors.TimeOfDay


class Sort(TextChoices):
    SOONEST = "soonest", _("Soonest first")
    NEAREST = "nearest", _("Nearest first")


# --- the lists the filters offer ------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    pk: int
    value: str  # what the URL carries: a slug, or a language code
    label: str
    native_name: str = ""  # languages: the name in the language itself


@dataclass(frozen=True)
class Place:
    """A town (or a postcode's town) to sort by distance from."""

    pk: int
    value: str
    label: str
    postcode: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class ReferenceLists:
    focus_areas: tuple[Choice, ...]
    interests: tuple[Choice, ...]
    towns: tuple[Place, ...]
    age_groups: tuple[Choice, ...]
    languages: tuple[Choice, ...]

    def place_for(self, query: str) -> Place | None:
        """The town a postcode ("6760"), a town name ("ribe") or a slug means. Several towns
        share some postcodes; the postcode then means the first town entered for it (the
        largest, as the municipality's list is ordered), as in ``activities.selectors``."""
        query = (query or "").strip().casefold()
        if not query:
            return None
        if is_whole_number(query):
            sharing = [town for town in self.towns if town.postcode == query]
            return min(sharing, key=lambda town: town.pk) if sharing else None
        for town in self.towns:
            if query in (town.label.casefold(), town.value):
                return town
        return None


def _rows(model, kind, *, value, label_da, label_en, extra=None, position=None, order=None):
    """One list as uniform rows (kind, pk, value, Danish label, English label, extra text,
    latitude, longitude, order), so the five lists can be read with one UNION query."""
    text, number = CharField(), FloatField()
    # A plain QuerySet: modeltranslation's would reorder the columns, and a UNION needs
    # every part in the same order.
    return (
        QuerySet(model=model)
        .order_by()
        .annotate(
            r_kind=Value(kind, output_field=text),
            r_pk=F("pk"),
            r_value=F(value),
            r_label_da=F(label_da),
            r_label_en=F(label_en),
            r_extra=F(extra) if extra else Value("", output_field=text),
            r_latitude=F(position[0]) if position else Value(0.0, output_field=number),
            r_longitude=F(position[1]) if position else Value(0.0, output_field=number),
            r_order=F(order) if order else Value(0, output_field=IntegerField()),
        )
        .values_list(
            "r_kind",
            "r_pk",
            "r_value",
            "r_label_da",
            "r_label_en",
            "r_extra",
            "r_latitude",
            "r_longitude",
            "r_order",
        )
    )


def _reference_rows() -> list[tuple]:
    names = {"label_da": "name_da", "label_en": "name_en", "order": "order"}
    lists = [
        _rows(
            FocusArea,
            "focus_area",
            value="slug",
            label_da="title_da",
            label_en="title_en",
            order="order",
        ),
        _rows(Interest, "interest", value="slug", **names),
        _rows(
            Town,
            "town",
            value="slug",
            label_da="name",
            label_en="name",
            extra="postcode",
            position=("latitude", "longitude"),
        ),
        _rows(AgeGroup, "age_group", value="slug", **names),
        _rows(Language, "language", value="code", extra="native_name", **names),
    ]
    return list(lists[0].union(*lists[1:], all=True))


def _lists_in(rows: list[tuple], language: str) -> ReferenceLists:
    by_kind = {"focus_area": [], "interest": [], "town": [], "age_group": [], "language": []}
    for kind, pk, value, label_da, label_en, extra, latitude, longitude, order in rows:
        label = (label_en if language == "en" else "") or label_da or value
        by_kind[kind].append((order, label, pk, value, extra, latitude, longitude))
    # Each list in the order staff gave it, then alphabetically (towns: alphabetically).
    for items in by_kind.values():
        items.sort(key=lambda item: (item[0], item[1].casefold(), item[2]))

    def choices(kind):
        return tuple(
            Choice(pk, value, label, extra if kind == "language" else "")
            for _order, label, pk, value, extra, _lat, _lng in by_kind[kind]
        )

    return ReferenceLists(
        focus_areas=choices("focus_area"),
        interests=choices("interest"),
        towns=tuple(
            Place(pk, value, label, extra, latitude, longitude)
            for _order, label, pk, value, extra, latitude, longitude in by_kind["town"]
        ),
        age_groups=choices("age_group"),
        languages=choices("language"),
    )


def reference_lists() -> ReferenceLists:
    """The focus areas, interests, towns, age groups and languages, labelled in the active
    language (English falls back to Danish); cached, one query otherwise."""
    key = catalogue_cache.REFERENCE_KEY
    rows = catalogue_cache.cache.get(key)
    if rows is None:
        rows = _reference_rows()
        catalogue_cache.cache.set(key, rows, catalogue_cache.reference_seconds())
    return _lists_in(rows, translation.get_language() or "da")


# --- criteria -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    """What someone is looking for; every part is optional."""

    search: str = ""
    focus_area_ids: tuple[int, ...] = ()
    interest_ids: tuple[int, ...] = ()
    town_ids: tuple[int, ...] = ()
    age_group_ids: tuple[int, ...] = ()
    language_ids: tuple[int, ...] = ()
    accessibility: tuple[str, ...] = ()
    free: bool = False
    come_alone: bool = False
    date_from: date | None = None
    date_to: date | None = None
    weekdays: tuple[int, ...] = ()
    times_of_day: tuple[str, ...] = ()
    near: Place | None = None
    sort: str = Sort.SOONEST

    @property
    def by_distance(self) -> bool:
        return self.sort == Sort.NEAREST and self.near is not None

    @property
    def has_session_criteria(self) -> bool:
        return bool(self.date_from or self.date_to or self.weekdays or self.times_of_day)


def _search_condition(words: list[str]) -> Q:
    return search_condition(
        words, vector="search_document__search_vector", text="search_document__search_text"
    )


def session_condition(criteria: Criteria, *, now: datetime) -> Q:
    """The sessions that count: not over, not cancelled, within the dates (local days, both
    included), on the weekdays and at the times of day asked for."""
    start = local_moment(criteria.date_from, time()) if criteria.date_from else None
    end = local_moment(criteria.date_to + timedelta(days=1), time()) if criteria.date_to else None
    return activity_selectors.session_filter(
        start=start,
        end=end,
        weekdays=criteria.weekdays,
        times_of_day=criteria.times_of_day,
        now=now,
    )


def _listable(now: datetime) -> QuerySet:
    """Published activities of approved organisations that have a coming session at all
    (their ``NextSession`` is not over)."""
    return Activity.objects.published().filter(next_session_entry__ends_at__gt=now)


def _apply_activity_criteria(activities: QuerySet, criteria: Criteria) -> QuerySet:
    if criteria.focus_area_ids:
        activities = activities.in_focus_areas(criteria.focus_area_ids)
    if criteria.interest_ids:
        activities = activities.with_interests(criteria.interest_ids)
    if criteria.town_ids:
        activities = activities.in_towns(criteria.town_ids)
    if criteria.age_group_ids:
        activities = activities.for_age_groups(criteria.age_group_ids)
    if criteria.language_ids:
        activities = activities.in_languages(criteria.language_ids)
    if criteria.accessibility:
        activities = activities.with_accessibility(criteria.accessibility)
    if criteria.free:
        activities = activities.free()
    if criteria.come_alone:
        activities = activities.come_alone()
    words = search_words(criteria.search)
    if words:
        activities = activities.filter(_search_condition(words))
    return activities


def _by_next_session(criteria: Criteria, *, now: datetime) -> QuerySet:
    """Without criteria on sessions: matching activities annotated with the next session
    ``NextSession`` keeps (``next_session_id``, ``next_session_starts_at``)."""
    return _apply_activity_criteria(_listable(now), criteria).annotate(
        next_session_id=F("next_session_entry__session_id"),
        next_session_starts_at=F("next_session_entry__starts_at"),
    )


def _first_matching_sessions(criteria: Criteria, *, now: datetime) -> QuerySet:
    """With criteria on sessions: one row per matching activity (``activity_id``) with the
    start of its first matching session (``first_start``), read from the sessions side: one
    pass over the sessions the (indexed) session criteria select."""
    activities = _apply_activity_criteria(Activity.objects.published(), criteria)
    return (
        ActivitySession.objects.filter(session_condition(criteria, now=now))
        .filter(activity__in=activities)
        .values("activity_id")
        .annotate(first_start=Min("starts_at"))
    )


def _ordered_first_sessions(rows: QuerySet, criteria: Criteria) -> QuerySet:
    if criteria.by_distance:
        near = criteria.near
        return rows.annotate(
            distance_km=distance_km_expression(near.latitude, near.longitude, prefix="activity__")
        ).order_by("distance_km", "first_start", "activity_id")
    return rows.order_by("first_start", "activity_id")


def ordered(activities: QuerySet, criteria: Criteria) -> QuerySet:
    """Activities from ``_by_next_session`` soonest first, or nearest first (then soonest)
    when a place is given."""
    if criteria.by_distance:
        near = criteria.near
        return activities.annotate(
            distance_km=distance_km_expression(near.latitude, near.longitude)
        ).order_by("distance_km", "next_session_starts_at", "pk")
    return activities.order_by("next_session_starts_at", "pk")


def matching_activity_ids(criteria: Criteria, *, now: datetime | None = None) -> QuerySet:
    """The ids of the matching activities, as a subquery (``pk__in=``)."""
    now = now or timezone.now()
    if criteria.has_session_criteria:
        return _first_matching_sessions(criteria, now=now).values("activity_id")
    return _by_next_session(criteria, now=now).values("pk")


@dataclass
class Entry:
    """One activity on a page of the catalogue: which, the start of the session its card
    shows (its first matching one), and how far it is from the place asked for (or None).
    The view sets ``card`` (``activities.cards``)."""

    activity_id: int
    starts_at: datetime | None
    distance_km: float | None = None
    card: str = ""


@dataclass
class CataloguePage:
    page: Page
    criteria: Criteria
    page_was_adjusted: bool = False

    @property
    def entries(self) -> list[Entry]:
        return self.page.object_list

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def count_capped(self) -> bool:
        """More activities match than ``count`` (the cap, see ``core.paging``)."""
        return self.page.paginator.count_capped


def page_number(raw) -> tuple[int, bool]:
    """The page asked for as a positive number, and whether the raw value was unusable."""
    if raw in (None, ""):
        return 1, False
    text = str(raw).strip()
    if not is_whole_number(text) or len(text) > 9:
        return 1, True
    number = int(text)
    return (number, False) if number >= 1 else (1, True)


def _page_bounds(counted: tuple[int, bool], page, per_page: int) -> tuple[Page, bool]:
    """The page asked for of a list whose ``capped_count`` is ``counted``."""
    number, adjusted = page_number(page)
    paginator = paging.CappedPaginator([], per_page, counted=counted)
    if number > paginator.num_pages:
        number, adjusted = paginator.num_pages, True
    return paginator.page(number), adjusted


def catalogue_page(
    criteria: Criteria, *, page=1, per_page: int = PAGE_SIZE, now: datetime | None = None
) -> CataloguePage:
    """One page of matching activities as ``Entry`` rows, soonest (or nearest) first. A
    page past the end shows the last page, an unusable page number the first
    (``page_was_adjusted``). Two queries: a count and the page's rows (one query for both
    when filtering on sessions). The activities themselves are read only for the cards not
    kept in the cache (``entry_activities``)."""
    now = now or timezone.now()
    if criteria.has_session_criteria:
        return _page_by_sessions(criteria, page=page, per_page=per_page, now=now)
    activities = _by_next_session(criteria, now=now)
    result, adjusted = _page_bounds(paging.capped_count(activities), page, per_page)
    entries = []
    if result.paginator.count:
        offset = (result.number - 1) * per_page
        fields = ["pk", "next_session_starts_at"]
        if criteria.by_distance:
            fields.append("distance_km")
        rows = ordered(activities, criteria).values(*fields)[offset : offset + per_page]
        entries = [
            Entry(row["pk"], row["next_session_starts_at"], row.get("distance_km")) for row in rows
        ]
    result.object_list = entries
    return CataloguePage(page=result, criteria=criteria, page_was_adjusted=adjusted)


def _page_by_sessions(criteria: Criteria, *, page, per_page: int, now) -> CataloguePage:
    firsts = _ordered_first_sessions(_first_matching_sessions(criteria, now=now), criteria)
    number, adjusted = page_number(page)
    offset = (number - 1) * per_page
    # The total comes with the page's rows; only a page past the end needs a count.
    chosen = list(firsts.annotate(total=Window(Count("*")))[offset : offset + per_page])
    if chosen:
        total = chosen[0]["total"]
        result, _adjusted = _page_bounds(
            (min(total, paging.COUNT_CAP), total > paging.COUNT_CAP), number, per_page
        )
    else:
        result, adjusted = _page_bounds(paging.capped_count(firsts), number, per_page)
        if result.paginator.count:
            offset = (result.number - 1) * per_page
            chosen = list(firsts[offset : offset + per_page])
    result.object_list = [
        Entry(row["activity_id"], row["first_start"], row.get("distance_km")) for row in chosen
    ]
    return CataloguePage(page=result, criteria=criteria, page_was_adjusted=adjusted)


def entry_activities(
    entries: list[Entry], criteria: Criteria, *, now: datetime | None = None
) -> list[Activity]:
    """The activities of ``entries``, in their order, each with the session its entry
    shows as ``next_session`` (with its places left): three queries. An activity deleted
    since the page was read is left out."""
    now = now or timezone.now()
    by_id = activity_selectors.card_activities(
        entries, condition=session_condition(criteria, now=now), now=now
    )
    rows = []
    for entry in entries:
        activity = by_id.get(entry.activity_id)
        if activity is None:
            continue
        activity.distance_km = entry.distance_km
        rows.append(activity)
    return rows


# --- the map ----------------------------------------------------------------------------------


@dataclass
class MapData:
    markers: list[dict]
    count: int

    @property
    def is_limited(self) -> bool:
        return self.count > len(self.markers)


MARKER_FIELDS = ["pk", "title_da", "title_en", "slug", "latitude", "longitude", "place_name"]


def _marker(activity: Activity, starts_at) -> dict:
    return {
        "id": activity.pk,
        "title": activity.title,
        "url": activity.get_absolute_url(),
        "place": activity.place_name,
        "town": activity.town.name,
        "lat": activity.latitude,
        "lng": activity.longitude,
        "starts_at": starts_at,
    }


def map_markers(
    criteria: Criteria, *, limit: int | None = None, now: datetime | None = None
) -> MapData:
    """The first ``limit`` matching activities in the list's order, as plain data for the
    map: id, title, link, place, town, coordinates and the start of the session shown.
    Two queries."""
    now = now or timezone.now()
    limit = limit or MAP_MARKER_LIMIT
    if criteria.has_session_criteria:
        firsts = _ordered_first_sessions(_first_matching_sessions(criteria, now=now), criteria)
        chosen = list(firsts.annotate(total=Window(Count("*")))[:limit])
        if not chosen:
            return MapData(markers=[], count=0)
        starts = {row["activity_id"]: row["first_start"] for row in chosen}
        by_id = Activity.objects.select_related("town").only(*MARKER_FIELDS, "town__name")
        by_id = by_id.in_bulk(list(starts))
        markers = [_marker(by_id[pk], start) for pk, start in starts.items() if pk in by_id]
        return MapData(markers=markers, count=chosen[0]["total"])
    activities = _by_next_session(criteria, now=now)
    count = activities.count()
    if not count:
        return MapData(markers=[], count=0)
    rows = (
        ordered(activities, criteria)
        .select_related("town")
        .only(*MARKER_FIELDS, "town__name")[:limit]
    )
    return MapData(
        markers=[_marker(activity, activity.next_session_starts_at) for activity in rows],
        count=count,
    )


# --- this week near you --------------------------------------------------------------------


def this_week(
    *,
    near: Place | None = None,
    focus_area_id: int | None = None,
    limit: int = THIS_WEEK_LIMIT,
    now: datetime | None = None,
) -> list[ActivitySession]:
    """Sessions in the next seven days, soonest first, or nearest to ``near`` first; only
    of activities in ``focus_area_id`` when given. At most one session per activity (its
    first), from the first ``limit * 4`` sessions, so a daily activity does not fill the
    list. Two queries: the sessions and their slots (the cards read the activities' lists
    when they are not kept, ``activities.cards``)."""
    now = now or timezone.now()
    condition = activity_selectors.session_filter(
        start=now, end=now + timedelta(days=THIS_WEEK_DAYS), now=now
    )
    sessions = activity_selectors.upcoming_sessions(session_q=condition, now=now)
    if focus_area_id is not None:
        sessions = sessions.filter(
            Exists(
                Activity.focus_areas.through.objects.filter(
                    activity_id=OuterRef("activity_id"), focusarea_id=focus_area_id
                )
            )
        )
    if near is not None:
        sessions = sessions.annotate(
            distance_km=distance_km_expression(near.latitude, near.longitude, prefix="activity__")
        ).order_by("distance_km", "starts_at", "pk")
    chosen, seen = [], set()
    for session in sessions[: limit * 4]:
        if session.activity_id not in seen:
            seen.add(session.activity_id)
            # The activity card reads the activity's next session.
            session.activity.next_session = session
            chosen.append(session)
            if len(chosen) == limit:
                break
    return chosen
