"""The vision's results that activities' data shows (``Indicator`` in
samskab/core/extensions.py, declared in contributions.py): sign-ups, attendance, the
people taking part, newcomers, people who came alone, and the activities there are per
1,000 residents of each town.

Each facts function reads with a fixed number of queries whatever the number of rows: a map
of every activity's age group, then one ``values_list`` read in chunks. A person is
"user:<id>", or "guest:<email>" for a visitor who signed up without an account.
"""

from collections.abc import Iterator
from datetime import datetime
from itertools import groupby

from django.db.models import F, Min, Q, QuerySet, Window
from django.db.models.functions import Lower, RowNumber
from django.utils.translation import gettext_lazy as _

from samskab.activities.models import Activity, ActivitySession
from samskab.booking.models import Booking
from samskab.core.extensions import Fact, Indicator

CHUNK = 5000
ENTERED = Booking.ARRIVED_STATUSES
ATTENDED = Booking.Attendance.ATTENDED
RECORDED = (Booking.Attendance.ATTENDED, Booking.Attendance.NO_SHOW)

SESSION = "slot__activities_activitysession"
# What every booking fact reads: who, the session's activity and town, the language.
BOOKING_COLUMNS = (
    "user_id",
    "guest_email",
    f"{SESSION}__activity_id",
    f"{SESSION}__activity__town__slug",
    "language",
)


def person_key(user_id: int | None, guest_email: str) -> str:
    if user_id is not None:
        return f"user:{user_id}"
    return f"guest:{guest_email.strip().lower()}"


def age_groups_by_activity() -> dict[int, str]:
    """The age group of every activity that names exactly one (one query); the others are
    for several groups or everyone, and are left out of the age-group breakdown."""
    groups: dict[int, list[str]] = {}
    for activity_id, slug in (
        Activity.age_groups.through.objects.values_list("activity_id", "agegroup__slug")
        .order_by()
        .iterator(chunk_size=CHUNK)
    ):
        groups.setdefault(activity_id, []).append(slug)
    return {activity_id: slugs[0] for activity_id, slugs in groups.items() if len(slugs) == 1}


def session_bookings() -> QuerySet:
    """Bookings of activity sessions (not of volunteer shifts or needs)."""
    return Booking.objects.filter(**{f"{SESSION}__isnull": False}).order_by()


def _between(field: str, since: datetime | None, until: datetime) -> Q:
    window = Q(**{f"{field}__lt": until})
    if since is not None:
        window &= Q(**{f"{field}__gte": since})
    return window


def _booking_fact(at, user_id, guest_email, activity_id, town, language, age_groups) -> Fact:
    return Fact(
        at=at,
        key=person_key(user_id, guest_email),
        town=town or "",
        age_group=age_groups.get(activity_id, ""),
        language=language or "",
    )


def sign_up_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    age_groups = age_groups_by_activity()
    rows = (
        session_bookings()
        .filter(_between("created_at", since, until), sequence__isnull=False)
        .values_list("created_at", *BOOKING_COLUMNS)
    )
    for created_at, *columns in rows.iterator(chunk_size=CHUNK):
        yield _booking_fact(created_at, *columns, age_groups)


def attendance_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    age_groups = age_groups_by_activity()
    rows = (
        session_bookings()
        .filter(_between(f"{SESSION}__starts_at", since, until), attendance=ATTENDED)
        .values_list(f"{SESSION}__starts_at", *BOOKING_COLUMNS)
    )
    for starts_at, *columns in rows.iterator(chunk_size=CHUNK):
        yield _booking_fact(starts_at, *columns, age_groups)


def participant_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    """Per session that took place: those marked as attended or, where the organisers
    recorded no attendance at all, those whose place was confirmed."""
    age_groups = age_groups_by_activity()
    rows = (
        session_bookings()
        .filter(
            _between(f"{SESSION}__starts_at", since, until),
            Q(attendance__in=RECORDED) | Q(status=Booking.Status.CONFIRMED),
            slot__cancelled_at__isnull=True,
        )
        .values_list("slot_id", f"{SESSION}__starts_at", "attendance", "status", *BOOKING_COLUMNS)
        .order_by("slot_id")
    )
    for _slot_id, in_slot in groupby(rows.iterator(chunk_size=CHUNK), key=lambda row: row[0]):
        bookings = [row[1:] for row in in_slot]
        recorded = any(attendance in RECORDED for _, attendance, *_ in bookings)
        for starts_at, attendance, status, *columns in bookings:
            took_part = attendance == ATTENDED if recorded else status == Booking.Status.CONFIRMED
            if took_part:
                yield _booking_fact(starts_at, *columns, age_groups)


def first_time_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    """Each person's first sign-up ever, when it falls between ``since`` and ``until``.
    Visitors are told apart by email address, apart from account holders."""
    age_groups = age_groups_by_activity()
    entered = session_bookings().filter(sequence__isnull=False)
    people = (
        (entered.filter(user__isnull=False), F("user_id")),
        (entered.filter(user__isnull=True), Lower("guest_email")),
    )
    for bookings, person in people:
        # Filtering on the window functions keeps the other sign-ups in each partition:
        # the first is found among all of a person's sign-ups, then the period is applied.
        firsts = (
            bookings.annotate(
                place=Window(RowNumber(), partition_by=[person], order_by=["created_at", "pk"]),
                first_at=Window(Min("created_at"), partition_by=[person]),
            )
            .filter(place=1, **_window_period(since, until))
            .values_list("first_at", *BOOKING_COLUMNS)
        )
        for first_at, *columns in firsts.iterator(chunk_size=CHUNK):
            yield _booking_fact(first_at, *columns, age_groups)


def _window_period(since: datetime | None, until: datetime) -> dict:
    period = {"first_at__lt": until}
    if since is not None:
        period["first_at__gte"] = since
    return period


def come_alone_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    age_groups = age_groups_by_activity()
    rows = (
        session_bookings()
        .filter(
            _between(f"{SESSION}__starts_at", since, until),
            attendance=ATTENDED,
            **{f"{SESSION}__activity__come_alone_welcome": True},
        )
        .values_list(f"{SESSION}__starts_at", *BOOKING_COLUMNS)
    )
    for starts_at, *columns in rows.iterator(chunk_size=CHUNK):
        yield _booking_fact(starts_at, *columns, age_groups)


def activities_in_town_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    """One fact per session that was not cancelled; the activity is its key, so the
    measure counts each activity once per period and town."""
    rows = (
        ActivitySession.objects.filter(
            _between("starts_at", since, until), booking_slots__cancelled_at__isnull=True
        )
        .order_by()
        .values_list("starts_at", "activity_id", "activity__town__slug")
    )
    for starts_at, activity_id, town in rows.iterator(chunk_size=CHUNK):
        yield Fact(
            at=starts_at,
            key=f"activity:{activity_id}",
            town=town or "",
        )


PEOPLE = _("people")
ALL_BREAKDOWNS = ("town", "age_group", "language")

INDICATORS = (
    Indicator(
        slug="activities-sign-ups",
        title=_("Sign-ups to activities"),
        definition=_(
            "Sign-ups to sessions of activities: every booking that got a place or a place "
            "on the waiting list, counted at the moment the sign-up was made, also when it "
            "was later cancelled or the session was cancelled. A visitor's sign-up counts "
            "once they confirmed their email address; one never confirmed is not counted. "
            "Drop-in activities take no sign-ups and are not in this figure. Town and age "
            "group are the activity's (age group only when the activity is for exactly one); "
            "language is the one the person signed up in."
        ),
        unit=_("sign-ups"),
        measure="count",
        facts=sign_up_facts,
        breakdowns=ALL_BREAKDOWNS,
    ),
    Indicator(
        slug="activities-attendance",
        title=_("Attendance at activities"),
        definition=_(
            "Bookings of activity sessions that the organisers marked as attended, counted "
            "at the session's start. A person who came to three sessions counts three "
            "times. Sessions where the organisers did not record attendance, and drop-in "
            "activities, add nothing."
        ),
        unit=_("attendances"),
        measure="count",
        facts=attendance_facts,
        breakdowns=ALL_BREAKDOWNS,
    ),
    Indicator(
        slug="activities-participants",
        title=_("People taking part in activities"),
        definition=_(
            "Different people who took part in a session of an activity that took place "
            "(was not cancelled) in the period, counted once whatever the number of "
            "sessions, at the session's start. Taking part means marked as attended; for a "
            "session where the organisers recorded no attendance for anybody, it means "
            "holding a confirmed place when the session began. People at drop-in activities "
            "without sign-up are not known and not counted. A person in several towns is "
            "counted in each."
        ),
        unit=PEOPLE,
        measure="distinct",
        facts=participant_facts,
        breakdowns=ALL_BREAKDOWNS,
    ),
    Indicator(
        slug="activities-first-time",
        title=_("New participants"),
        definition=_(
            "People whose very first sign-up to an activity session on the platform (a "
            "place or a place on the waiting list, also if later cancelled) was made in the "
            "period, counted once. Town, age group and language are those of that first "
            "sign-up. A visitor without an account is told apart by their email address."
        ),
        unit=PEOPLE,
        measure="distinct",
        facts=first_time_facts,
        breakdowns=ALL_BREAKDOWNS,
    ),
    Indicator(
        slug="activities-came-alone",
        title=_("People who came to a 'come alone' activity"),
        definition=_(
            "Different people marked as attended at a session of an activity that says "
            "“come alone — you will be welcomed”, counted once per period, at the "
            "session's start. Whether an activity says so is read as it stands today."
        ),
        unit=PEOPLE,
        measure="distinct",
        facts=come_alone_facts,
        breakdowns=ALL_BREAKDOWNS,
    ),
    Indicator(
        slug="activities-per-1000",
        title=_("Activities per 1,000 residents"),
        definition=_(
            "Activities that had at least one session that was not cancelled in the "
            "period, published or not, per 1,000 residents of the activity's town (for the "
            "whole municipality: of all towns with a known number of residents). An "
            "activity is counted once per period however many sessions it had. Towns "
            "without a number of residents show no figure."
        ),
        unit=_("activities per 1,000 residents"),
        measure="per_1000",
        facts=activities_in_town_facts,
        # Only a town has residents of its own to count per 1,000 of.
        breakdowns=("town",),
    ),
)
