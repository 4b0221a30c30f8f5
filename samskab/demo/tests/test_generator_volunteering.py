"""generate_data's volunteering half: the synthetic opportunities, shifts, sign-ups, hours,
profiles and needs are consistent with the rules the services keep."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count, Max, Q
from django.utils import timezone

from samskab.activities.models import Activity, ActivitySession
from samskab.booking.models import Booking, Slot
from samskab.demo import generator
from samskab.needs.models import Need
from samskab.organisations.models import Organisation
from samskab.reference.tests.lists import ensure_reference_lists
from samskab.volunteering.models import (
    AVAILABILITY_CODES,
    HoursEntry,
    Opportunity,
    Shift,
    VolunteerProfile,
)
from tests.factories import FocusAreaFactory

pytestmark = pytest.mark.django_db

SMALL = generator.SCALES["small"]


def ensure_reference_rows():
    """Towns, interests, languages and skills of the data migrations (a database reused
    after a transactional test no longer has them), and a few focus areas."""
    ensure_reference_lists()
    FocusAreaFactory.create_batch(3)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def generated(db, now):
    ensure_reference_rows()
    return generator.generate(scale=SMALL, seed=5, now=now)


def slots_of(model):
    holding = Q(bookings__status__in=Booking.PLACE_HOLDING_STATUSES)
    return Slot.objects.filter(content_type=ContentType.objects.get_for_model(model)).annotate(
        holders=Count("bookings", filter=holding),
        entered=Count("bookings"),
        last=Max("bookings__sequence"),
        waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED)),
        active=Count("bookings", filter=Q(bookings__status__in=Booking.ACTIVE_STATUSES)),
    )


def test_the_small_scale_gives_the_stated_counts(generated):
    assert Opportunity.objects.count() == SMALL.opportunities == 100
    assert Shift.objects.count() == SMALL.shifts == 1_000
    assert Need.objects.count() == SMALL.needs == 20
    assert VolunteerProfile.objects.count() == SMALL.users // 10
    assert generated["opportunities"] == 100
    assert generated["shifts"] == 1_000
    assert generated["needs"] == 20
    assert (
        generated["shift sign-ups"]
        == Booking.objects.filter(
            slot__content_type=ContentType.objects.get_for_model(Shift)
        ).count()
    )
    # The activities half is unchanged.
    assert Activity.objects.count() == SMALL.activities
    assert ActivitySession.objects.count() == SMALL.sessions


def test_the_command_reports_the_volunteering_counts(db):
    ensure_reference_rows()
    out = StringIO()
    call_command("generate_data", "--scale", "small", "--seed", "2", stdout=out)
    output = out.getvalue()

    assert "100 opportunities" in output
    assert "1,000 shifts" in output
    assert "20 needs" in output
    assert "30 volunteer profiles" in output


def test_every_shift_and_need_owns_one_slot_with_its_times(generated):
    shifts = Shift.objects.prefetch_related("booking_slots")
    for shift in shifts:
        slots = list(shift.booking_slots.all())
        assert len(slots) == 1
        slot = slots[0]
        assert (slot.starts_at, slot.ends_at) == (shift.starts_at, shift.ends_at)
        assert 1 <= slot.capacity <= 10
        assert slot.waitlist_enabled
    for need in Need.objects.prefetch_related("booking_slots"):
        slots = list(need.booking_slots.all())
        assert len(slots) == 1
        slot = slots[0]
        assert (slot.starts_at, slot.ends_at) == (need.starts_at, need.ends_at)
        assert slot.capacity >= 1
        assert not slot.waitlist_enabled


def test_bookings_keep_the_engine_invariants(generated, now):
    sequences = defaultdict(list)
    for slot_id, sequence in Booking.objects.values_list("slot_id", "sequence"):
        sequences[slot_id].append(sequence)
    for model in (Shift, Need):
        slots = list(slots_of(model))
        assert slots
        for slot in slots:
            # Arrival numbers 1..n without gaps, and the slot's counter at n.
            assert sorted(sequences[slot.pk]) == list(range(1, slot.entered + 1))
            assert slot.arrivals == slot.entered == (slot.last or 0)
            assert slot.holders <= slot.capacity
            if slot.waiting:
                assert slot.holders == slot.capacity
                assert slot.starts_at > now
            if slot.cancelled_at is not None:
                assert slot.active == 0
    shift_slots = slots_of(Shift)
    # Some shifts are full, some have people waiting, some still have places.
    assert any(slot.holders == slot.capacity for slot in shift_slots)
    assert any(slot.waiting for slot in shift_slots)
    assert any(slot.holders < slot.capacity for slot in shift_slots)
    assert not Booking.objects.filter(
        slot__content_type=ContentType.objects.get_for_model(Need),
        status=Booking.Status.WAITLISTED,
    ).exists()
    duplicates = (
        Booking.objects.filter(user__isnull=False, status__in=Booking.ACTIVE_STATUSES)
        .values("slot", "user")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
    )
    assert not duplicates.exists()


def test_attendance_only_on_shifts_that_have_ended(generated, now):
    shift_type = ContentType.objects.get_for_model(Shift)
    marked = Booking.objects.filter(slot__content_type=shift_type).exclude(
        attendance=Booking.Attendance.UNKNOWN
    )
    assert marked.filter(attendance=Booking.Attendance.ATTENDED).exists()
    assert not marked.filter(slot__ends_at__gt=now).exists()
    assert not marked.exclude(status=Booking.Status.CONFIRMED).exists()
    # Ended shifts are closed, with every confirmed volunteer marked.
    ended = Shift.objects.filter(ends_at__lte=now, booking_slots__cancelled_at__isnull=True)
    assert ended.exists()
    assert not ended.filter(closed_at__isnull=True).exists()
    assert not Booking.objects.filter(
        slot__content_type=shift_type,
        slot__ends_at__lte=now,
        slot__cancelled_at__isnull=True,
        status=Booking.Status.CONFIRMED,
        attendance=Booking.Attendance.UNKNOWN,
    ).exists()
    assert not Shift.objects.filter(ends_at__gt=now, closed_at__isnull=False).exists()


def test_hours_entries_only_for_attended_past_shifts(generated, now):
    from_shifts = HoursEntry.objects.filter(source=HoursEntry.Source.SHIFT).select_related(
        "booking", "shift", "opportunity"
    )
    assert from_shifts.exists()
    for entry in from_shifts:
        assert entry.booking.attendance == Booking.Attendance.ATTENDED
        assert entry.booking.slot.object_id == entry.shift_id
        assert entry.shift.ends_at <= now
        assert entry.status == HoursEntry.Status.APPROVED
        assert entry.hours == entry.shift.duration_hours
        assert entry.date == entry.shift.local_date
        assert entry.organisation_id == entry.opportunity.organisation_id
        assert entry.volunteer_id == entry.booking.user_id
        assert entry.thanked_at is not None
    attended = Booking.objects.filter(
        slot__content_type=ContentType.objects.get_for_model(Shift),
        attendance=Booking.Attendance.ATTENDED,
    )
    assert attended.count() == from_shifts.count()
    logged = HoursEntry.objects.filter(source=HoursEntry.Source.LOGGED)
    assert logged.filter(status=HoursEntry.Status.PENDING).exists()
    assert logged.filter(status=HoursEntry.Status.APPROVED).exists()
    assert not logged.filter(
        Q(volunteer__isnull=True) | Q(booking__isnull=False) | Q(date__gt=timezone.localdate(now))
    ).exists()


def test_needs_follow_their_slots(generated, now):
    slots = {slot.object_id: slot for slot in slots_of(Need)}
    statuses = set()
    for need in Need.objects.all():
        slot = slots[need.pk]
        statuses.add(need.status)
        if slot.cancelled_at is not None:
            assert need.status == Need.Status.CANCELLED
        elif need.starts_at <= now:
            assert need.status == Need.Status.CLOSED
        elif slot.holders >= slot.capacity:
            assert need.status == Need.Status.FILLED
        else:
            assert need.status == Need.Status.OPEN
    assert {Need.Status.OPEN, Need.Status.CLOSED} <= statuses
    assert Booking.objects.filter(
        slot__content_type=ContentType.objects.get_for_model(Need),
        status=Booking.Status.CONFIRMED,
    ).exists()


def test_opportunities_and_profiles_are_described_like_real_ones(generated):
    opportunity = Opportunity.objects.filter(town__isnull=False).order_by("pk").first()
    assert opportunity.title_da.endswith(f" i {opportunity.town.name}")
    assert opportunity.title_en.endswith(f" in {opportunity.town.name}")
    assert opportunity.get_absolute_url().endswith(f"/{opportunity.slug}/")
    assert not Opportunity.objects.filter(focus_areas__isnull=True).exists()
    assert not Opportunity.objects.filter(from_home=False, town__isnull=True).exists()
    assert Opportunity.objects.filter(skills__isnull=False).exists()
    assert Opportunity.objects.filter(interests__isnull=False).exists()
    assert Opportunity.objects.filter(languages__code="da").exists()
    assert Opportunity.objects.filter(kind=Opportunity.Kind.ONGOING).exists()
    assert Opportunity.objects.filter(kind=Opportunity.Kind.AD_HOC).exists()
    assert not Need.objects.filter(focus_areas__isnull=True).exists()
    profiles = VolunteerProfile.objects.all()
    assert profiles.filter(towns__isnull=False).exists()
    assert profiles.filter(interests__isnull=False).exists()
    assert profiles.filter(languages__isnull=False).exists()
    assert profiles.filter(ad_hoc_alerts=True).exists()
    for profile in profiles:
        assert set(profile.availability) <= set(AVAILABILITY_CODES)
        assert profile.user.email.endswith(f"@{generator.GENERATED_EMAIL_DOMAIN}")


def test_the_engine_and_the_needs_continue_where_the_generator_stopped(generated, now):
    from samskab.booking import services as booking_services
    from samskab.needs import services as needs_services
    from tests.factories import UserFactory

    shift_slot = (
        slots_of(Shift)
        .filter(starts_at__gt=now + timedelta(hours=1), cancelled_at__isnull=True, waiting=0)
        .order_by("pk")
        .first()
    )
    result = booking_services.request_booking(slot=shift_slot, user=UserFactory())
    assert result.sequence == shift_slot.arrivals + 1

    need = Need.objects.filter(status=Need.Status.OPEN).order_by("pk").first()
    slot = slots_of(Need).get(object_id=need.pk)
    for _free_place in range(slot.capacity - slot.holders):
        accepted = needs_services.accept_need(need=need, user=UserFactory())
    assert accepted.need.status == Need.Status.FILLED


def _snapshot():
    """What the volunteering half wrote, without the random tokens and the times SQLite's
    bulk_create stamps itself (created_at, updated_at)."""
    return {
        "opportunities": list(
            Opportunity.objects.order_by("pk").values_list(
                "pk", "organisation_id", "kind", "title_da", "title_en", "town_id", "latitude"
            )
        ),
        "relations": list(
            Opportunity.skills.through.objects.order_by("opportunity_id", "skill_id").values_list(
                "opportunity_id", "skill_id"
            )
        ),
        "shifts": list(
            Shift.objects.order_by("pk").values_list(
                "pk", "opportunity_id", "starts_at", "ends_at", "closed_at"
            )
        ),
        "slots": list(
            Slot.objects.order_by("pk").values_list(
                "pk", "object_id", "capacity", "arrivals", "cancelled_at"
            )
        ),
        "bookings": list(
            Booking.objects.order_by("pk").values_list(
                "slot_id", "user_id", "guest_email", "status", "sequence", "attendance"
            )
        ),
        "hours": list(
            HoursEntry.objects.order_by("pk").values_list(
                "volunteer_id", "booking_id", "source", "status", "date", "hours"
            )
        ),
        "profiles": list(
            VolunteerProfile.objects.order_by("pk").values_list(
                "user_id", "availability", "ad_hoc_alerts", "max_alerts_per_week"
            )
        ),
        "needs": list(
            Need.objects.order_by("pk").values_list("title_da", "status", "starts_at", "town_id")
        ),
    }


def _delete_generated():
    HoursEntry.objects.all().delete()
    Booking.objects.all().delete()
    Slot.objects.all().delete()
    Need.objects.all().delete()
    Opportunity.objects.all().delete()
    ActivitySession.objects.all().delete()
    Activity.objects.all().delete()
    Organisation.objects.filter(slug__startswith=generator.GENERATED_SLUG_PREFIX).delete()
    get_user_model().objects.filter(email__endswith=f"@{generator.GENERATED_EMAIL_DOMAIN}").delete()


def test_the_same_seed_gives_the_same_data(db, now):
    ensure_reference_rows()
    generator.generate(scale=SMALL, seed=3, now=now)
    first = _snapshot()
    _delete_generated()
    generator.generate(scale=SMALL, seed=3, now=now)
    second = _snapshot()

    assert first == second
    assert len(first["bookings"]) > SMALL.shifts
    assert sum(hours for *_rest, hours in first["hours"]) > Decimal(0)
