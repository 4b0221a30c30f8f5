"""Activities, weekly series and sessions: creating them, editing a series without losing
anyone's place, cancelling with emails, and the rules that hold whoever calls."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from samskab.activities import services
from samskab.activities.models import Activity, ActivitySchedule, ActivitySession
from samskab.activities.services import ActivityError, SingleDateSpec, WeeklySpec
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from tests.factories import (
    ActivityFactory,
    FocusAreaFactory,
    InitiativeFactory,
    OrganisationFactory,
    TownFactory,
    UserFactory,
    local_date_in,
    one_off,
    weekly,
)

pytestmark = pytest.mark.django_db

STATUS = Booking.Status


def sign_up_activity(**kwargs):
    return ActivityFactory(participation=Activity.Participation.SIGN_UP, **kwargs)


def book(session, user=None):
    return booking_services.request_booking(
        slot=session.booking_slot, user=user or UserFactory()
    ).booking


def sessions_of(activity):
    return list(activity.sessions.prefetch_related("booking_slots").order_by("starts_at"))


def spec_of(schedule, **changes):
    values = services.schedule_spec(schedule).__dict__ | changes
    return WeeklySpec(**values)


# --- creating --------------------------------------------------------------------------------


def test_a_coordinator_creates_a_weekly_activity_with_its_sessions_in_one_go():
    organisation = OrganisationFactory()
    area = FocusAreaFactory()
    coordinator = UserFactory()
    starts_on = local_date_in(1)
    activity = services.create_activity(
        organisation=organisation,
        created_by=coordinator,
        focus_areas=[area],
        title_da="Gåtur ved åen",
        description_da="Vi går en tur langs Ribe Å.",
        place_name="Ribe Domkirke",
        town=TownFactory(),
        participation=Activity.Participation.SIGN_UP,
        accessibility=["step_free_access", "seating"],
        first_dates=WeeklySpec(
            weekdays=(2,),
            start_time=time(10),
            end_time=time(12),
            starts_on=starts_on,
            ends_on=starts_on + timedelta(weeks=4) - timedelta(days=1),
            capacity=12,
        ),
    )
    activity.refresh_from_db()
    assert activity.slug == "gaatur-ved-aaen"
    assert activity.is_free is True
    assert (activity.latitude, activity.longitude) == (55.3285, 8.7620)
    assert activity.step_free_access and activity.seating and not activity.hearing_loop
    sessions = sessions_of(activity)
    assert len(sessions) == 4
    for session in sessions:
        local_start = timezone.localtime(session.starts_at)
        assert (local_start.isoweekday(), local_start.time()) == (2, time(10))
        assert (session.weekday, session.start_time) == (2, time(10))
        assert session.booking_slot.capacity == 12
        assert session.booking_slot.starts_at == session.starts_at
        assert session.schedule is not None


def test_a_drop_in_activity_has_sessions_without_a_limit():
    activity = ActivityFactory()
    schedule = weekly(activity, weeks=2, capacity=30)
    assert schedule.capacity == 30
    assert [s.booking_slot.capacity for s in sessions_of(activity)] == [None, None]


def test_price_decides_whether_an_activity_is_free():
    activity = ActivityFactory(price=Decimal("25.50"))
    activity.refresh_from_db()
    assert activity.is_free is False
    assert Activity.objects.free().filter(pk=activity.pk).count() == 0
    services.update_activity(
        activity=activity, focus_areas=activity.focus_areas.all(), price=Decimal("0")
    )
    assert activity.is_free is True
    assert Activity.objects.free().filter(pk=activity.pk).count() == 1


def test_an_activity_needs_a_focus_area_and_its_initiative_must_belong_to_one():
    organisation = OrganisationFactory()
    area, other_area = FocusAreaFactory(), FocusAreaFactory()
    common = {
        "organisation": organisation,
        "created_by": None,
        "title_da": "Kor",
        "description_da": "Vi synger.",
        "place_name": "Kirken",
        "town": TownFactory(),
    }
    with pytest.raises(ActivityError) as missing:
        services.create_activity(focus_areas=[], **common)
    assert missing.value.field == "focus_areas"
    with pytest.raises(ActivityError) as wrong:
        services.create_activity(
            focus_areas=[area], initiative=InitiativeFactory(focus_area=other_area), **common
        )
    assert wrong.value.field == "initiative"
    assert not Activity.objects.filter(title_da="Kor").exists()


def test_a_series_must_have_a_date_in_the_future_and_sensible_times():
    activity = ActivityFactory()
    past = timezone.localdate() - timedelta(days=30)
    with pytest.raises(ActivityError):
        services.create_schedule(
            activity=activity,
            spec=WeeklySpec(
                weekdays=(1, 2, 3, 4, 5, 6, 7),
                start_time=time(10),
                end_time=time(12),
                starts_on=past,
                ends_on=past + timedelta(days=7),
            ),
        )
    with pytest.raises(ValidationError) as invalid:
        services.create_schedule(
            activity=activity,
            spec=WeeklySpec(
                weekdays=(2,),
                start_time=time(12),
                end_time=time(10),
                starts_on=local_date_in(1),
                ends_on=local_date_in(400),
            ),
        )
    assert set(invalid.value.message_dict) == {"end_time", "ends_on"}
    assert not ActivitySchedule.objects.filter(activity=activity).exists()


def test_a_single_date_must_be_in_the_future():
    with pytest.raises(ActivityError):
        services.add_session(
            activity=ActivityFactory(),
            spec=SingleDateSpec(
                day=timezone.localdate() - timedelta(days=1), start_time=time(10), end_time=time(11)
            ),
        )


# --- editing a weekly series -------------------------------------------------------------------


def test_editing_a_series_keeps_unchanged_sessions_with_their_bookings(run_on_commit):
    activity = sign_up_activity()
    schedule = weekly(activity, weeks=4, capacity=10)
    first, second, _third, fourth = sessions_of(activity)
    keeper = book(second)
    leaver = book(fourth)
    mail.outbox.clear()

    # The series now ends a week earlier and skips the first date.
    with run_on_commit():
        changes = services.update_schedule(
            schedule=schedule,
            spec=spec_of(
                schedule,
                ends_on=schedule.ends_on - timedelta(days=7),
                exception_dates=(first.local_date,),
            ),
            by=None,
            reason="Vi holder sommerferie.",
        )

    assert (changes.kept, changes.created, changes.cancelled, changes.removed) == (2, 0, 1, 1)
    assert not ActivitySession.objects.filter(pk=first.pk).exists()  # nobody had signed up
    assert ActivitySession.objects.filter(pk=second.pk).exists()
    keeper.refresh_from_db()
    assert keeper.status == STATUS.CONFIRMED
    assert keeper.slot_id == second.booking_slot.pk
    leaver.refresh_from_db()
    assert leaver.status == STATUS.CANCELLED
    fourth = ActivitySession.objects.get(pk=fourth.pk)
    assert fourth.is_cancelled
    assert [message.to for message in mail.outbox] == [[leaver.user.email]]
    assert "Vi holder sommerferie." in mail.outbox[0].body


def test_moving_the_series_time_within_the_day_keeps_places_and_tells_people(run_on_commit):
    activity = sign_up_activity()
    schedule = weekly(activity, weeks=2, capacity=10)
    first, _second = sessions_of(activity)
    booking = book(first)
    mail.outbox.clear()

    with run_on_commit():
        changes = services.update_schedule(
            schedule=schedule,
            spec=spec_of(schedule, start_time=time(11), end_time=time(13)),
            by=None,
        )

    assert (changes.moved, changes.created, changes.cancelled) == (2, 0, 0)
    first = ActivitySession.objects.prefetch_related("booking_slots").get(pk=first.pk)
    assert timezone.localtime(first.starts_at).time() == time(11)
    assert first.start_time == time(11)
    assert first.booking_slot.starts_at == first.starts_at
    booking.refresh_from_db()
    assert booking.status == STATUS.CONFIRMED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [booking.user.email]


def test_a_longer_series_adds_sessions_and_a_new_capacity_goes_through_the_engine():
    activity = sign_up_activity()
    schedule = weekly(activity, weeks=2, capacity=1)
    first, _second = sessions_of(activity)
    book(first)
    waiting = book(first)
    assert waiting.status == STATUS.WAITLISTED

    changes = services.update_schedule(
        schedule=schedule,
        spec=spec_of(schedule, ends_on=schedule.ends_on + timedelta(weeks=2), capacity=2),
        by=None,
    )

    assert (changes.kept, changes.created) == (2, 2)
    assert [s.booking_slot.capacity for s in sessions_of(activity)] == [2, 2, 2, 2]
    waiting.refresh_from_db()
    # The freed place goes to the first person waiting, by the engine's rules.
    assert waiting.status == STATUS.OFFERED


def test_fewer_places_than_people_with_one_is_refused_and_nothing_changes():
    activity = sign_up_activity()
    schedule = weekly(activity, weeks=2, capacity=5)
    first, _second = sessions_of(activity)
    book(first)
    book(first)
    with pytest.raises(ActivityError) as refused:
        services.update_schedule(
            schedule=schedule,
            spec=spec_of(schedule, capacity=1, ends_on=schedule.ends_on + timedelta(weeks=1)),
            by=None,
        )
    assert refused.value.field == "capacity"
    assert "2" in str(refused.value.message)
    schedule.refresh_from_db()
    assert schedule.capacity == 5
    assert [s.booking_slot.capacity for s in sessions_of(activity)] == [5, 5]


def test_ending_a_series_cancels_sessions_with_people_and_deletes_the_others(run_on_commit):
    activity = sign_up_activity()
    schedule = weekly(activity, weeks=3, capacity=5)
    first, second, _third = sessions_of(activity)
    booking = book(second)
    mail.outbox.clear()
    with run_on_commit():
        changes = services.delete_schedule(schedule=schedule, by=None, reason="Holdet er lukket.")
    assert (changes.cancelled, changes.removed) == (1, 2)
    assert not ActivitySchedule.objects.filter(pk=schedule.pk).exists()
    assert list(activity.sessions.values_list("pk", flat=True)) == [second.pk]
    booking.refresh_from_db()
    assert booking.status == STATUS.CANCELLED
    assert len(mail.outbox) == 1
    assert "Holdet er lukket." in mail.outbox[0].body
    assert not ActivitySession.objects.filter(pk=first.pk).exists()


# --- single sessions ---------------------------------------------------------------------------


def test_cancelling_a_session_tells_everyone_and_the_series_does_not_bring_it_back(run_on_commit):
    activity = sign_up_activity()
    schedule = weekly(activity, weeks=2, capacity=1)
    first, _second = sessions_of(activity)
    confirmed = book(first)
    waiting = book(first)
    mail.outbox.clear()

    with run_on_commit():
        services.cancel_session(session=first, reason="Lokalet er oversvømmet.", by=None)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([confirmed.user.email, waiting.user.email])
    assert all("Lokalet er oversvømmet." in message.body for message in mail.outbox)
    schedule.refresh_from_db()
    assert schedule.exception_dates == [first.local_date.isoformat()]

    changes = services.update_schedule(
        schedule=schedule, spec=spec_of(schedule, exception_dates=()), by=None
    )
    assert changes.created == 0
    assert activity.sessions.count() == 2


def test_moving_a_single_session_keeps_its_bookings_and_leaves_the_series(run_on_commit):
    activity = sign_up_activity()
    schedule = weekly(activity, weeks=2, capacity=3)
    first, _second = sessions_of(activity)
    booking = book(first)
    mail.outbox.clear()
    with run_on_commit():
        services.change_session(
            session=first,
            spec=SingleDateSpec(
                day=first.local_date, start_time=time(14), end_time=time(16), capacity=3
            ),
        )
    first.refresh_from_db()
    assert first.schedule is None
    assert first.start_time == time(14)
    booking.refresh_from_db()
    assert booking.status == STATUS.CONFIRMED
    assert len(mail.outbox) == 1
    schedule.refresh_from_db()
    assert first.local_date.isoformat() in schedule.exception_dates
    # Editing the series leaves the moved session alone and does not recreate the date.
    changes = services.update_schedule(schedule=schedule, spec=spec_of(schedule), by=None)
    assert changes.created == 0
    assert activity.sessions.count() == 2


def test_a_single_date_with_capacity():
    activity = sign_up_activity()
    session = one_off(activity, days=5, capacity=8)
    assert session.schedule is None
    assert session.booking_slot.capacity == 8
    services.change_session_capacity(session=session, capacity=None)
    session = ActivitySession.objects.prefetch_related("booking_slots").get(pk=session.pk)
    assert session.booking_slot.capacity is None


def test_sign_up_cannot_be_switched_off_while_people_are_signed_up():
    activity = sign_up_activity()
    session = one_off(activity, capacity=4)
    book(session)
    with pytest.raises(ActivityError) as refused:
        services.update_activity(
            activity=activity,
            focus_areas=activity.focus_areas.all(),
            participation=Activity.Participation.DROP_IN,
        )
    assert refused.value.field == "participation"
    activity.refresh_from_db()
    assert activity.requires_sign_up


def test_deleting_an_activity_tells_the_people_signed_up(run_on_commit):
    activity = sign_up_activity()
    session = one_off(activity, capacity=4)
    booking = book(session)
    mail.outbox.clear()
    with run_on_commit():
        services.delete_activity(activity=activity, by=None)
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert not Booking.objects.filter(pk=booking.pk).exists()
    assert [message.to for message in mail.outbox] == [[booking.user.email]]


# --- the personal feed ---------------------------------------------------------------------------


def test_the_personal_feed_address_is_made_once_and_can_be_replaced():
    user = UserFactory()
    feed = services.personal_feed(user=user)
    assert services.personal_feed(user=user).token == feed.token
    old_token = feed.token
    reset = services.reset_personal_feed(user=user)
    assert reset.token != old_token
    assert reset.reset_at is not None


def _next_last_sunday(month: int):
    """The next last Sunday of ``month`` (when clocks change in the EU) at least a week away."""
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        day = date(year, month, 31)
        day -= timedelta(days=(day.isoweekday() % 7))
        if day > today + timedelta(days=7):
            return day
    raise AssertionError("unreachable")


@pytest.mark.parametrize("month", [3, 10])
def test_a_series_over_a_daylight_saving_change_stays_at_local_ten(month):
    change = _next_last_sunday(month)
    activity = sign_up_activity()
    services.create_schedule(
        activity=activity,
        spec=WeeklySpec(
            weekdays=(2,),
            start_time=time(10),
            end_time=time(12),
            starts_on=change - timedelta(days=13),
            ends_on=change + timedelta(days=13),
            capacity=5,
        ),
    )
    sessions = sessions_of(activity)
    assert len(sessions) == 4
    offsets = set()
    for session in sessions:
        local_start = timezone.localtime(session.starts_at)
        assert local_start.time() == time(10)
        assert timezone.localtime(session.ends_at).time() == time(12)
        assert session.booking_slot.starts_at == session.starts_at
        offsets.add(local_start.utcoffset())
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_switching_to_sign_up_gives_the_sessions_their_series_places():
    activity = ActivityFactory()
    weekly(activity, weeks=2, capacity=12)
    assert [s.booking_slot.capacity for s in sessions_of(activity)] == [None, None]
    services.update_activity(
        activity=activity,
        focus_areas=activity.focus_areas.all(),
        participation=Activity.Participation.SIGN_UP,
    )
    assert [s.booking_slot.capacity for s in sessions_of(activity)] == [12, 12]
