"""Load the demo activities (content/catalogue.toml) for the demo organisations, with weekly
sessions from this week on and demo people signed up through the booking engine, so that
some sessions are full with a waiting list and some have one place left.

Everything is relative to the day the loader runs: series start on Monday of the current
week and run for ``SERIES_WEEKS`` weeks, so "a free come-alone activity in Ribe this week"
always exists. Idempotent: activities are found by organisation and Danish title and only
changed when they differ; a series is only changed when its dates differ (the next week,
it moves on); sign-ups are only made for demo people who have none. Needs the vision and
organisations demos first (load_demo runs them in that order).

The demo people are invented and have no usable password. Their confirmation emails are
not sent: they would only fill the console of ``make run``.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone

from samskab.activities import services as activity_services
from samskab.activities.models import ACCESSIBILITY_FACT_NAMES, Activity
from samskab.activities.selectors import session_filter
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from samskab.catalogue import cache, services, signals
from samskab.demo.content import read
from samskab.demo.loaders import DemoLoader, bookable_after
from samskab.demo.loaders.organisations import DEMO_COORDINATOR_EMAIL
from samskab.organisations.models import Organisation
from samskab.reference.models import AgeGroup, Interest, Language, Town
from samskab.vision.models import FocusArea

SERIES_WEEKS = 12
DEMO_PEOPLE_DOMAIN = "demo.samskab.invalid"
WAITING_WHEN_FULL = 3
PEOPLE_COUNT = 70

# Short names for the accessibility facts (Activity's boolean fields).
ACCESS = {
    "step": "step_free_access",
    "loop": "hearing_loop",
    "toilet": "accessible_toilet",
    "seat": "seating",
    "quiet": "quiet_space",
    "parking": "accessible_parking",
}


@dataclass(frozen=True)
class DemoActivity:
    """One of content/catalogue.toml's activities; the defaults are those left out there."""

    organisation: str
    title: str
    text: str
    title_en: str = ""
    text_en: str = ""
    areas: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    ages: tuple[str, ...] = ("adults",)
    languages: tuple[str, ...] = ("da",)
    day: int = 2  # ISO weekday, 1 = Monday
    time: str = "10:00-12:00"
    every: int = 1  # weeks
    price: int = 0
    price_note: str = ""
    places: int = 0  # 0: just come (no sign-up)
    alone: bool = False
    access: tuple[str, ...] = ()
    access_note: str = ""
    # Where it happens, when not at the organisation's usual venue: place, street, postcode,
    # town slug.
    venue: tuple[str, str, str, str] | None = None
    # How many demo people sign up for the next session: "full" (every place and a
    # waiting list), "last" (all places but one), "some" (a third of the places).
    demand: str = ""

    @classmethod
    def from_content(cls, row: dict) -> "DemoActivity":
        values = {
            name: tuple(value) if isinstance(value, list) else value for name, value in row.items()
        }
        if "venue" in values:
            values["venue"] = _venue(values["venue"])
        return cls(**values)


def _venue(row: dict) -> tuple[str, str, str, str]:
    return row["place"], row["street"], row["postcode"], row["town"]


def _venues() -> dict[str, tuple[str, str, str, str]]:
    """Where each organisation usually meets: place, street, postcode, town slug."""
    return {slug: _venue(row) for slug, row in read("catalogue")["venues"].items()}


def _activities() -> list[DemoActivity]:
    return [DemoActivity.from_content(row) for row in read("catalogue")["activities"]]


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.isoweekday() - 1)


def _times(text: str) -> tuple[time, time]:
    start, end = text.split("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def _offset(key: str) -> tuple[float, float]:
    """A small, stable offset (up to ~600 m) so that activities in one town do not share
    one point on the map."""
    digest = hashlib.sha256(key.encode()).digest()
    return ((digest[0] - 128) * 0.00004, (digest[1] - 128) * 0.00007)


def ensure_towns() -> dict[str, Town]:
    # The towns the demo uses (latitude and longitude are the approximate centre). Most are
    # in the activities app's own list (its data migration); the rest are added here, and
    # any that a database lacks (staff deleted it, or a test emptied the table) comes back.
    for row in read("catalogue")["towns"]:
        slug, name = row["slug"], row["name"]
        postcode, latitude, longitude = row["postcode"], row["latitude"], row["longitude"]
        if Town.objects.filter(slug=slug).exists() or Town.objects.filter(name=name).exists():
            continue
        Town.objects.create(
            slug=slug, name=name, postcode=postcode, latitude=latitude, longitude=longitude
        )
    return {town.slug: town for town in Town.objects.all()}


def ensure_demo_people(count: int = PEOPLE_COUNT) -> list:
    """The first ``count`` invented demo people (the results demo's history wants more than
    the catalogue's sign-ups)."""
    user_model = get_user_model()
    names = read("catalogue")["people"]
    first_names, surnames = names["first_names"], names["surnames"]
    wanted = {}
    for number in range(count):
        first = first_names[number % len(first_names)]
        last = surnames[number % len(surnames)]
        email = f"{first.lower()}.{last.lower()}{number + 1}@{DEMO_PEOPLE_DOMAIN}"
        wanted[email] = f"{first} {last}"
    existing = set(user_model.objects.filter(email__in=wanted).values_list("email", flat=True))
    unusable = make_password(None)
    user_model.objects.bulk_create(
        [
            user_model(email=email, display_name=name, preferred_language="da", password=unusable)
            for email, name in wanted.items()
            if email not in existing
        ]
    )
    people = {user.email: user for user in user_model.objects.filter(email__in=wanted)}
    return [people[email] for email in wanted]


class _Lookups:
    def __init__(self, towns):
        self.towns = towns
        self.venues = _venues()
        self.organisations = Organisation.objects.in_bulk(list(self.venues), field_name="slug")
        missing = sorted(set(self.venues) - set(self.organisations))
        if missing:
            raise RuntimeError(
                "The activities demo needs the organisations demo; load it first "
                f"(missing: {', '.join(missing)})."
            )
        self.focus_areas = FocusArea.objects.in_bulk(field_name="slug")
        self.interests = Interest.objects.in_bulk(field_name="slug")
        self.age_groups = AgeGroup.objects.in_bulk(field_name="slug")
        self.languages = Language.objects.in_bulk(field_name="code")
        self.coordinator = get_user_model().objects.filter(email=DEMO_COORDINATOR_EMAIL).first()
        self.coordinated = set(
            Organisation.objects.filter(
                memberships__user__email=DEMO_COORDINATOR_EMAIL
            ).values_list("slug", flat=True)
        )

    def pick(self, table: dict, keys) -> list:
        return [table[key] for key in keys if key in table]


def _wanted(demo: DemoActivity, lookups: _Lookups) -> tuple[dict, dict]:
    """The activity's fields and its relations, as the services take them."""
    place, street, postcode, town_slug = demo.venue or lookups.venues[demo.organisation]
    town = lookups.towns[town_slug]
    north, east = _offset(f"{demo.organisation}/{demo.title}")
    fields = {
        "title_da": demo.title,
        "title_en": demo.title_en,
        "description_da": demo.text,
        "description_en": demo.text_en,
        "place_name": place,
        "street": street,
        "postcode": postcode,
        "town": town,
        "latitude": round(town.latitude + north, 6),
        "longitude": round(town.longitude + east, 6),
        "price": Decimal(demo.price),
        "price_note_da": demo.price_note,
        "participation": (
            Activity.Participation.SIGN_UP if demo.places else Activity.Participation.DROP_IN
        ),
        "come_alone_welcome": demo.alone,
        "accessibility_note_da": demo.access_note,
        "is_published": True,
    }
    organisation = lookups.organisations[demo.organisation]
    areas = demo.areas or tuple(area.slug for area in organisation.focus_areas.all())
    relations = {
        "focus_areas": lookups.pick(lookups.focus_areas, areas),
        "interests": lookups.pick(lookups.interests, demo.interests),
        "age_groups": lookups.pick(lookups.age_groups, demo.ages),
        "languages": lookups.pick(lookups.languages, demo.languages),
    }
    return fields, relations


def _spec(demo: DemoActivity, monday: date) -> activity_services.WeeklySpec:
    start, end = _times(demo.time)
    first = monday + timedelta(days=demo.day - 1)
    return activity_services.WeeklySpec(
        weekdays=(demo.day,),
        start_time=start,
        end_time=end,
        starts_on=first,
        ends_on=monday + timedelta(weeks=SERIES_WEEKS, days=-1),
        interval=demo.every,
        capacity=demo.places or None,
    )


def _differs(activity: Activity, fields: dict, relations: dict, access: set[str]) -> bool:
    for name, value in fields.items():
        current = getattr(activity, name)
        if name in ("title_en", "description_en", "price_note_da", "accessibility_note_da"):
            current = current or ""
        if current != value:
            return True
    if {name for name in ACCESSIBILITY_FACT_NAMES if getattr(activity, name)} != access:
        return True
    for name, wanted in relations.items():
        if {item.pk for item in getattr(activity, name).all()} != {item.pk for item in wanted}:
            return True
    return False


def _upsert(demo: DemoActivity, existing: dict, lookups: _Lookups, monday: date) -> tuple:
    fields, relations = _wanted(demo, lookups)
    access = {ACCESS[short] for short in demo.access}
    organisation = lookups.organisations[demo.organisation]
    spec = _spec(demo, monday)
    activity = existing.get((organisation.pk, demo.title))
    if activity is None:
        creator = lookups.coordinator if demo.organisation in lookups.coordinated else None
        activity = activity_services.create_activity(
            organisation=organisation,
            created_by=creator,
            first_dates=spec,
            accessibility=sorted(access),
            **relations,
            **fields,
        )
        return activity, "created"
    status = "unchanged"
    if _differs(activity, fields, relations, access):
        activity_services.update_activity(
            activity=activity, accessibility=sorted(access), **relations, **fields
        )
        status = "updated"
    schedules = list(activity.schedules.all())
    if not schedules:
        activity_services.create_schedule(activity=activity, spec=spec)
        status = "updated"
    elif activity_services.schedule_spec(schedules[0]) != spec:
        activity_services.update_schedule(schedule=schedules[0], spec=spec, by=None)
        status = "updated"
    return activity, status


def _wanted_signups(demo: DemoActivity) -> int:
    if not demo.places:
        return 0
    return {
        "full": demo.places + WAITING_WHEN_FULL,
        "last": demo.places - 1,
        "some": max(demo.places // 3, 1),
    }.get(demo.demand, 0)


def _sign_up_demo_people(pairs, people, now) -> int:
    """Sign demo people up for each activity's next session until it has the demand the
    demo asks for. Returns how many sign-ups were made."""
    wanted = {}
    for demo, activity in pairs:
        count = _wanted_signups(demo)
        if not count:
            continue
        session = (
            activity.sessions.filter(session_filter(now=now), starts_at__gt=bookable_after(now))
            .order_by("starts_at", "pk")
            .first()
        )
        if session is not None and session.booking_slot is not None:
            wanted[session.booking_slot] = min(count, len(people))
    if not wanted:
        return 0
    already = dict(
        Booking.objects.filter(
            slot__in=list(wanted), user__in=people, status__in=Booking.ACTIVE_STATUSES
        )
        .values_list("slot_id")
        .annotate(count=Count("pk"))
    )
    made = 0
    for slot, count in wanted.items():
        if already.get(slot.pk, 0) >= count:
            continue
        # Different people for different sessions, so that lists of sign-ups look real.
        start = slot.pk % len(people)
        chosen = (people[start:] + people[:start])[:count]
        for person in chosen:
            result = booking_services.request_booking(slot=slot, user=person)
            made += int(result.created)
    return made


def load_activities_demo() -> str:
    now = timezone.now()
    monday = _monday_of(timezone.localdate(now))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    # Demo people's emails would only fill the console; the catalogue's rows are written
    # once at the end instead of after every single change.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        signals.paused(),
        transaction.atomic(),
    ):
        lookups = _Lookups(ensure_towns())
        people = ensure_demo_people()
        existing = {
            (activity.organisation_id, activity.title_da): activity
            for activity in Activity.objects.filter(
                organisation__in=list(lookups.organisations.values())
            ).prefetch_related("focus_areas", "interests", "age_groups", "languages", "schedules")
        }
        activities = _activities()
        pairs = []
        for demo in activities:
            activity, status = _upsert(demo, existing, lookups, monday)
            counts[status] += 1
            pairs.append((demo, activity))
        signups = _sign_up_demo_people(pairs, people, now)
        services.refresh_entries(activity_ids=[activity.pk for _demo, activity in pairs])
    cache.forget_reference_lists()
    cache.forget_results()
    return (
        f"Activities: {len(activities)} ({counts['created']} created, {counts['updated']} "
        f"updated, {counts['unchanged']} unchanged), {signups} demo sign-ups made."
    )


LOADER = DemoLoader(
    "catalogue",
    "samskab.demo.loaders.catalogue.load_activities_demo",
    requires=("vision", "organisations"),
)
