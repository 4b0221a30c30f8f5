"""generate_data: the synthetic data for benchmarks is consistent with the rules."""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Q
from django.utils import timezone

from samskab.activities.models import Activity, ActivitySession
from samskab.booking.models import Booking, Slot
from samskab.catalogue.models import NextSession, SearchDocument
from samskab.demo.generator import SCALES
from samskab.needs.models import Need
from samskab.organisations.models import Organisation
from samskab.reference.tests.lists import ensure_reference_lists
from samskab.volunteering.models import HoursEntry, Opportunity
from tests.factories import FocusAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(db):
    ensure_reference_lists()
    FocusAreaFactory.create_batch(3)
    out = StringIO()
    call_command("generate_data", "--scale", "small", "--seed", "7", stdout=out)
    return out.getvalue()


def test_small_scale_writes_what_it_says(generated):
    scale = SCALES["small"]

    assert Organisation.objects.filter(slug__startswith="gen-").count() == scale.organisations
    assert Activity.objects.count() == scale.activities
    assert ActivitySession.objects.count() == scale.sessions
    session_type = ContentType.objects.get_for_model(ActivitySession)
    assert Booking.objects.filter(slot__content_type=session_type).count() == scale.signups
    assert "Generated" in generated


def test_every_session_has_one_slot_with_the_same_times(generated):
    sessions = ActivitySession.objects.prefetch_related("booking_slots")
    for session in sessions:
        slot = session.booking_slot
        assert slot is not None
        assert (slot.starts_at, slot.ends_at) == (session.starts_at, session.ends_at)


def test_capacity_is_respected_and_arrival_numbers_are_consistent(generated):
    holding = Q(bookings__status__in=Booking.PLACE_HOLDING_STATUSES)
    slots = Slot.objects.annotate(
        holders=Count("bookings", filter=holding),
        entered=Count("bookings"),
        last=Max("bookings__sequence"),
        waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED)),
    )
    assert slots.filter(capacity__isnull=False).exists()
    for slot in slots:
        if slot.capacity is not None:
            assert slot.holders <= slot.capacity
        assert slot.arrivals == (slot.last or 0) == slot.entered
        # Someone waits only where every place is taken.
        if slot.waiting:
            assert slot.holders == slot.capacity


def test_a_person_has_one_active_booking_per_slot(generated):
    duplicates = (
        Booking.objects.filter(user__isnull=False, status__in=Booking.ACTIVE_STATUSES)
        .values("slot", "user")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
    )
    assert not duplicates.exists()


def test_the_engine_continues_where_the_generator_stopped(generated):
    from samskab.booking import services
    from tests.factories import UserFactory

    slot = (
        Slot.objects.filter(
            capacity__isnull=False, starts_at__gt=timezone.now(), cancelled_at__isnull=True
        )
        .order_by("pk")
        .first()
    )
    result = services.request_booking(slot=slot, user=UserFactory())
    assert result.sequence == slot.arrivals + 1


def test_every_activity_has_its_catalogue_entries(generated):
    assert SearchDocument.objects.count() == Activity.objects.count()
    assert NextSession.objects.count() == Activity.objects.count()
    assert NextSession.objects.filter(session__isnull=False).exists()


def test_the_same_seed_gives_the_same_data(db):
    ensure_reference_lists()
    FocusAreaFactory.create_batch(2)
    call_command("generate_data", "--scale", "small", "--seed", "3", stdout=StringIO())
    first = list(Activity.objects.order_by("pk").values_list("title_da", "price", "town__slug"))
    # The volunteering half first: its rows protect the organisations.
    HoursEntry.objects.all().delete()
    Booking.objects.all().delete()
    Slot.objects.all().delete()
    Need.objects.all().delete()
    Opportunity.objects.all().delete()
    ActivitySession.objects.all().delete()
    Activity.objects.all().delete()
    Organisation.objects.filter(slug__startswith="gen-").delete()
    call_command("generate_data", "--scale", "small", "--seed", "3", stdout=StringIO())
    second = list(Activity.objects.order_by("pk").values_list("title_da", "price", "town__slug"))

    assert first == second


def test_it_refuses_to_generate_twice_and_national_without_yes(generated):
    with pytest.raises(CommandError, match="already has generated data"):
        call_command("generate_data", "--scale", "small", stdout=StringIO())
    with pytest.raises(CommandError, match="--yes"):
        call_command("generate_data", "--scale", "national", stdout=StringIO())
