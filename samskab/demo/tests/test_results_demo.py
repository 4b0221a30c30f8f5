"""The results demo: two years of history behind the charts, the towns' residents, every
built-in indicator on a focus area, an initiative moved by the number of volunteers, and
nothing changed by a second run."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from samskab.activities.models import ActivitySession
from samskab.booking.models import Booking
from samskab.core import extensions
from samskab.demo.loaders.catalogue import load_activities_demo
from samskab.demo.loaders.organisations import load_organisations_demo
from samskab.demo.loaders.results import HISTORY_MONTHS, history_window, load_results_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.demo.loaders.volunteering import load_volunteering_demo
from samskab.reference.models import Town
from samskab.reference.tests.lists import ensure_reference_lists
from samskab.results.models import Indicator, InitiativeLink, Observation
from samskab.vision.models import Initiative
from samskab.volunteering.models import HoursEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference_lists():
    ensure_reference_lists()


def snapshot():
    return {
        "sessions": sorted(ActivitySession.objects.values_list("pk", "starts_at")),
        "bookings": sorted(Booking.objects.values_list("pk", "status", "attendance")),
        "hours": sorted(HoursEntry.objects.values_list("pk", "date", "hours", "status")),
        "users": get_user_model().objects.count(),
        "residents": sorted(Town.objects.values_list("slug", "residents")),
        "indicators": sorted(Indicator.objects.values_list("key", "focus_area_id", "chart_period")),
        "figures": sorted(
            Observation.objects.values_list(
                "indicator__key", "period", "starts_on", "dimension", "group", "value"
            )
        ),
        "links": sorted(InitiativeLink.objects.values_list("initiative_id", "baseline", "target")),
        "progress": sorted(Initiative.objects.values_list("slug", "progress")),
    }


def monthly(key: str) -> list[Observation]:
    return list(
        Observation.objects.filter(indicator__key=key, period="month", dimension="").order_by(
            "starts_on"
        )
    )


def test_the_demo_has_two_years_of_rising_history_and_loads_twice_alike():
    load_vision_demo()
    load_organisations_demo()
    load_activities_demo()
    load_volunteering_demo()
    mail.outbox.clear()

    summary = load_results_demo()

    assert "13 indicators computed" in summary
    today = timezone.localdate()
    first, _ = history_window(today)
    # The whole months of the history: the current month has a figure of its days so far
    # (history up to this week's Monday, fewer people), whichever day the test runs.
    this_month = today.replace(day=1)
    history = [f for f in monthly("activities-participants") if first <= f.starts_on < this_month]
    assert len(history) == HISTORY_MONTHS
    # Most months rest on enough people to be published, and the last year beats the first.
    assert sum(not figure.suppressed for figure in history) >= HISTORY_MONTHS - 2
    assert sum(f.value for f in history[-12:]) > 2 * sum(f.value for f in history[:12])
    volunteers = [
        f for f in monthly("volunteering-volunteers") if first <= f.starts_on < this_month
    ]
    assert all(f.value >= 5 and not f.suppressed for f in volunteers)
    assert volunteers[-1].value > volunteers[0].value
    # Every built-in indicator is on a focus area's page.
    declared = {indicator.slug for _, indicator in extensions.declared("indicators")}
    placed = set(Indicator.objects.filter(focus_area__isnull=False).values_list("key", flat=True))
    assert placed == declared
    assert Town.objects.get(slug="ribe").residents > 0
    assert Observation.objects.filter(
        indicator__key="activities-per-1000", dimension="town", group="ribe", value__gt=0
    ).exists()
    link = InitiativeLink.objects.select_related("initiative").get(drives_progress=True)
    assert link.indicator.key == "volunteering-volunteers"
    assert not link.initiative.children.exists()
    assert link.initiative.progress == link.progress_for(
        Observation.objects.filter(indicator=link.indicator, period="year", dimension="")
        .latest("starts_on")
        .value
    )
    # The invented people are sent nothing.
    assert mail.outbox == []

    before = snapshot()
    load_results_demo()

    assert snapshot() == before
