"""The OpenActive data (Modelling Opportunity Data 2.0) of activities and their sessions.

An activity is a ``SessionSeries`` and each of its sessions a ``ScheduledSession`` whose
``superEvent`` is the series. What is in the feeds:

- a series while its activity is public (published, organisation approved), is a physical
  activity (one of its interests has an OpenActive activity, ``InterestConcept``) and has a
  session that has not ended; otherwise it is deleted from the feed;
- a session while it has not ended and its activity's series is in the feed. A cancelled
  session stays, with ``eventStatus`` EventCancelled, until it ends, so apps that listed it
  can tell people; then, like every past session, it is deleted.

``render(keys, now)`` renders a batch of items in a fixed number of queries. The data is
written in Danish, the site's first language (OpenActive data has one language), with
absolute addresses on ``SITE_URL``.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation

from samskab.activities.models import Activity, ActivitySchedule, ActivitySession
from samskab.booking import selectors as booking_selectors
from samskab.core.emails import absolute_url
from samskab.openactive import activity_list, conf
from samskab.openactive.models import InterestConcept, Kind

CONTEXT = "https://openactive.io/"
SCHEMA = "https://schema.org/"
ACCESSIBILITY_SCHEME = "https://openactive.io/accessibility-support"

# Our accessibility facts that tell a person with an impairment that the place is ready for
# them, as concepts of OpenActive's accessibility support list. The other facts (seating, a
# quiet room, toilet, parking) have no concept of their own and go in
# accessibilityInformation with the rest.
ACCESSIBILITY_SUPPORT = {
    "step_free_access": (
        f"{ACCESSIBILITY_SCHEME}#dd026873-6713-4ea1-af5a-08901f651d98",
        "Physical impairment",
    ),
    "hearing_loop": (
        f"{ACCESSIBILITY_SCHEME}#2bfb7228-5969-4927-8435-38b5005a8771",
        "Hearing impairment",
    ),
}

# The reference list's age groups as ages (none for families: every age).
AGE_RANGES = {
    "children": (0, 12),
    "young-people": (13, 25),
    "adults": (18, None),
    "seniors": (65, None),
}

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Rendered:
    """An item's data, or None when the item is not (or no longer) in its feed, and when
    time alone will change it."""

    data: dict | None
    expires_at: datetime | None = None


DELETED = Rendered(None)


def series_id(activity_id: int) -> str:
    return absolute_url(reverse("openactive:series_item", kwargs={"pk": activity_id}))


def session_id(session_pk: int) -> str:
    return absolute_url(reverse("openactive:session_item", kwargs={"pk": session_pk}))


def iso_duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    date_part = f"{days}D" if days else ""
    time_part = "".join(
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if value
    )
    if not time_part and not date_part:
        return "PT0S"
    return f"P{date_part}" + (f"T{time_part}" if time_part else "")


def _local_iso(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def render(keys, now: datetime) -> dict[tuple[str, int], Rendered]:
    """The current form of each ``(kind, item_id)`` in ``keys``."""
    series_ids = {pk for kind, pk in keys if kind == Kind.SESSION_SERIES}
    session_ids = {pk for kind, pk in keys if kind == Kind.SCHEDULED_SESSION}
    result = {}
    with translation.override(settings.LANGUAGE_CODE):
        if series_ids:
            for pk, rendered in render_series(series_ids, now).items():
                result[(Kind.SESSION_SERIES, pk)] = rendered
        if session_ids:
            for pk, rendered in render_sessions(session_ids, now).items():
                result[(Kind.SCHEDULED_SESSION, pk)] = rendered
    return result


def _concepts_by_activity(activity_ids) -> dict[int, list[str]]:
    concepts = defaultdict(list)
    rows = (
        InterestConcept.objects.filter(interest__activities__in=activity_ids)
        .values_list("interest__activities", "concept_id")
        .order_by("interest__order", "interest__pk")
    )
    for activity_id, concept_id in rows:
        if concept_id not in concepts[activity_id] and activity_list.label(concept_id):
            concepts[activity_id].append(concept_id)
    return concepts


def _public_activities():
    return Activity.objects.published()


# --- SessionSeries ----------------------------------------------------------------------


def render_series(activity_ids, now: datetime) -> dict[int, Rendered]:
    activities = {
        activity.pk: activity
        for activity in _public_activities()
        .filter(pk__in=activity_ids)
        .select_related("organisation", "town")
    }
    concepts = _concepts_by_activity(list(activities))
    listed = [pk for pk in activities if concepts.get(pk)]
    last_end = dict(
        ActivitySession.objects.filter(activity_id__in=listed, ends_at__gt=now)
        .values("activity_id")
        .annotate(last=Max("ends_at"))
        .values_list("activity_id", "last")
    )
    today = timezone.localdate(now)
    schedules = defaultdict(list)
    for schedule in ActivitySchedule.objects.filter(
        activity_id__in=list(last_end), ends_on__gte=today
    ).order_by("starts_on", "start_time", "pk"):
        schedules[schedule.activity_id].append(schedule)
    # Sessions no weekly series in eventSchedule stands for: single dates, and sessions of
    # a series whose last date has passed (a cancelled date kept after the series changed).
    singles = defaultdict(list)
    for session in ActivitySession.objects.filter(
        Q(schedule__isnull=True) | Q(schedule__ends_on__lt=today),
        activity_id__in=list(last_end),
        ends_at__gt=now,
    ).order_by("starts_at", "pk"):
        singles[session.activity_id].append(session)
    age_groups = defaultdict(list)
    for activity_id, slug in Activity.age_groups.through.objects.filter(
        activity_id__in=list(last_end)
    ).values_list("activity_id", "agegroup__slug"):
        age_groups[activity_id].append(slug)

    rendered = {}
    for pk in activity_ids:
        if pk not in last_end:
            rendered[pk] = DELETED
            continue
        rendered[pk] = Rendered(
            _series_data(
                activities[pk],
                concepts=concepts[pk],
                schedules=schedules[pk],
                singles=singles[pk],
                age_groups=age_groups[pk],
            ),
            # The series changes by itself when a date it lists ends, when a weekly series
            # it lists is over, and when its last session ends.
            expires_at=min(
                [last_end[pk]]
                + [session.ends_at for session in singles[pk]]
                + [_day_after(schedule.ends_on) for schedule in schedules[pk]]
            ),
        )
    return rendered


def _day_after(day) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))


def _place(activity) -> dict:
    place = {
        "@type": "Place",
        "name": activity.place_name,
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": activity.latitude,
            "longitude": activity.longitude,
        },
    }
    # OpenActive's PostalAddress has every part or none: without a street, the
    # coordinates say where.
    if activity.street:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": activity.street,
            "addressLocality": activity.town.name,
            "addressRegion": conf.address_region(),
            "postalCode": activity.postcode or activity.town.postcode,
            "addressCountry": "DK",
        }
    return place


def _organizer(organisation) -> dict:
    url = absolute_url(organisation.get_absolute_url())
    organizer = {"@type": "Organization", "@id": url, "name": organisation.name, "url": url}
    if organisation.website:
        organizer["sameAs"] = [organisation.website]
    return organizer


def _age_range(slugs) -> dict | None:
    if not slugs or any(slug not in AGE_RANGES for slug in slugs):
        return None
    minimum = min(AGE_RANGES[slug][0] for slug in slugs)
    maxima = [AGE_RANGES[slug][1] for slug in slugs]
    age_range = {"@type": "QuantitativeValue", "minValue": minimum}
    if None not in maxima:
        age_range["maxValue"] = max(maxima)
    return age_range


def _offer(activity, url: str) -> dict:
    offer = {
        "@type": "Offer",
        "@id": f"{series_id(activity.pk)}#/offers/0",
        "identifier": "0",
        "price": float(activity.price),
        "priceCurrency": "DKK",
        "url": url,
    }
    if activity.price_note:
        offer["name"] = activity.price_note
    return offer


def _partial_schedule(schedule: ActivitySchedule) -> dict:
    """A weekly series as information (PartialSchedule): every session it made is in the
    ScheduledSession feed, so nobody needs to work out dates from it."""
    starts = datetime.combine(schedule.starts_on, schedule.start_time)
    ends = datetime.combine(schedule.starts_on, schedule.end_time)
    partial = {
        "@type": "PartialSchedule",
        "repeatFrequency": f"P{schedule.interval}W",
        "byDay": [f"{SCHEMA}{WEEKDAYS[day - 1]}" for day in sorted(schedule.weekdays)],
        "startDate": schedule.starts_on.isoformat(),
        "endDate": schedule.ends_on.isoformat(),
        "startTime": schedule.start_time.strftime("%H:%M"),
        "endTime": schedule.end_time.strftime("%H:%M"),
        "duration": iso_duration(ends - starts),
        "scheduleTimezone": settings.TIME_ZONE,
    }
    if schedule.exception_dates:
        partial["exceptDate"] = sorted(schedule.exception_dates)
    return partial


def _sub_event(session: ActivitySession) -> dict:
    return {
        "@type": "ScheduledSession",
        "@id": session_id(session.pk),
        "startDate": _local_iso(session.starts_at),
        "endDate": _local_iso(session.ends_at),
        "duration": iso_duration(session.ends_at - session.starts_at),
    }


def _series_data(activity, *, concepts, schedules, singles, age_groups) -> dict:
    url = absolute_url(activity.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "SessionSeries",
        "@id": series_id(activity.pk),
        "identifier": activity.pk,
        "name": activity.title,
        "description": activity.description,
        "url": url,
        "organizer": _organizer(activity.organisation),
        "location": _place(activity),
        "activity": [activity_list.concept(concept_id) for concept_id in concepts],
        "eventAttendanceMode": f"{SCHEMA}OfflineEventAttendanceMode",
        "isAccessibleForFree": activity.is_free,
        "offers": [_offer(activity, url)],
    }
    age_range = _age_range(age_groups)
    if age_range:
        data["ageRange"] = age_range
    support = [
        {
            "@type": "Concept",
            "@id": concept_id,
            "prefLabel": label,
            "inScheme": ACCESSIBILITY_SCHEME,
        }
        for name, (concept_id, label) in ACCESSIBILITY_SUPPORT.items()
        if getattr(activity, name)
    ]
    if support:
        data["accessibilitySupport"] = support
    information = [str(fact) for fact in activity.accessibility_facts]
    if activity.accessibility_note:
        information.append(activity.accessibility_note)
    if information:
        data["accessibilityInformation"] = ". ".join(part.rstrip(".") for part in information) + "."
    if schedules:
        data["eventSchedule"] = [_partial_schedule(schedule) for schedule in schedules]
    if singles:
        data["subEvent"] = [_sub_event(session) for session in singles]
    return data


# --- ScheduledSession ---------------------------------------------------------------------


def render_sessions(session_ids, now: datetime) -> dict[int, Rendered]:
    sessions = {
        session.pk: session
        for session in ActivitySession.objects.filter(
            pk__in=session_ids,
            ends_at__gt=now,
            activity__in=_public_activities(),
        )
        .select_related("activity")
        .prefetch_related(booking_selectors.slots_prefetch())
    }
    concepts = _concepts_by_activity({session.activity_id for session in sessions.values()})
    rendered = {}
    for pk in session_ids:
        session = sessions.get(pk)
        if session is None or not concepts.get(session.activity_id):
            rendered[pk] = DELETED
        else:
            rendered[pk] = Rendered(_session_data(session), expires_at=session.ends_at)
    return rendered


def _session_data(session: ActivitySession) -> dict:
    activity = session.activity
    slot = session.booking_slot
    cancelled = slot is not None and slot.is_cancelled
    data = {
        "@context": CONTEXT,
        "@type": "ScheduledSession",
        "@id": session_id(session.pk),
        "identifier": session.pk,
        "superEvent": series_id(activity.pk),
        "url": absolute_url(session.get_absolute_url()),
        "startDate": _local_iso(session.starts_at),
        "endDate": _local_iso(session.ends_at),
        "duration": iso_duration(session.ends_at - session.starts_at),
        "eventStatus": f"{SCHEMA}EventCancelled" if cancelled else f"{SCHEMA}EventScheduled",
    }
    # Places only mean something where people sign up; a drop-in session has no limit.
    if slot is not None and activity.requires_sign_up and slot.capacity is not None:
        data["maximumAttendeeCapacity"] = slot.capacity
        data["remainingAttendeeCapacity"] = 0 if cancelled else booking_selectors.places_left(slot)
    return data
