"""The demo activities: enough of them, everywhere, idempotent, and the scenario of the
issue's "Done when" (a free come-alone activity in Ribe this week) always there."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samskab.activities.models import Activity, ActivitySession
from samskab.booking.models import Booking
from samskab.catalogue import selectors
from samskab.demo.loaders.catalogue import load_activities_demo
from samskab.demo.loaders.organisations import load_organisations_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.reference.tests.lists import ensure_reference_lists

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    ensure_reference_lists()
    load_vision_demo()
    load_organisations_demo()
    return load_activities_demo()


def _state():
    return (
        Activity.objects.count(),
        ActivitySession.objects.count(),
        sorted(Booking.objects.values_list("slot_id", "user_id", "status", "sequence")),
        sorted(Activity.objects.values_list("pk", "title_da", "updated_at")),
    )


def test_the_demo_has_many_activities_across_focus_areas_and_towns(demo):
    published = Activity.objects.published()

    assert published.count() >= 150
    assert published.values("organisation").distinct().count() >= 40
    for slug in [
        "energi-i-hverdagslivet",
        "livskvalitet-og-sundhed",
        "kulturlivet-i-by-og-natur",
        "faellesskab-og-mangfoldighed",
        "groent-liv-og-baeredygtighed",
    ]:
        assert published.filter(focus_areas__slug=slug).exists(), slug
    towns = set(published.values_list("town__name", flat=True))
    assert {"Esbjerg", "Ribe", "Bramming", "Tjæreborg", "Gørding", "Vejrup", "Hjerting"} <= towns
    assert published.exclude(title_en="").exists()
    assert published.filter(participation="sign_up").exists()
    assert published.exclude(price=0).exists()


def test_running_the_demo_again_changes_nothing(demo):
    before = _state()

    summary = load_activities_demo()

    assert _state() == before
    assert "0 created, 0 updated" in summary
    assert "0 demo sign-ups made" in summary


def test_a_free_come_alone_activity_in_ribe_this_week(demo):
    lists = selectors.reference_lists()
    ribe = lists.place_for("ribe")
    today = timezone.localdate()
    criteria = selectors.Criteria(
        town_ids=(ribe.pk,),
        free=True,
        come_alone=True,
        date_from=today,
        date_to=today + timedelta(days=6),
    )

    page = selectors.catalogue_page(criteria)

    assert page.count >= 2
    activities = selectors.entry_activities(page.entries, criteria)
    assert any(activity.requires_sign_up for activity in activities)


def test_some_sessions_are_full_with_a_waiting_list(demo):
    waiting = Booking.objects.filter(status=Booking.Status.WAITLISTED)

    assert waiting.values("slot").distinct().count() >= 10
    for slot_id in waiting.values_list("slot", flat=True).distinct():
        from samskab.booking.models import Slot

        slot = Slot.objects.get(pk=slot_id)
        holding = slot.bookings.filter(status__in=Booking.PLACE_HOLDING_STATUSES).count()
        assert holding == slot.capacity
