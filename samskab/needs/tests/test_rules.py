"""The alert rules on their own: which needs fit which volunteers, and when alerts may
arrive."""

from datetime import datetime, time

import pytest
from django.utils import timezone

from samskab.needs import rules
from samskab.volunteering.models import VolunteerProfile

RIBE, ESBJERG, VESTER_VEDSTED = 1, 2, 3
POINTS = {
    RIBE: (55.3285, 8.7620),
    ESBJERG: (55.4670, 8.4520),
    VESTER_VEDSTED: (55.2960, 8.6720),
}


def local(year, month, day, hour, minute=0):
    return timezone.make_aware(
        datetime(year, month, day, hour, minute), timezone.get_current_timezone()
    )


def need(*, town=RIBE, skills=(), codes=("6-morning",), from_home=False):
    return rules.NeedFacts(
        from_home=from_home,
        town_id=town,
        skill_ids=frozenset(skills),
        availability_codes=frozenset(codes),
    )


def volunteer(*, towns=(RIBE,), skills=(), availability=()):
    return rules.VolunteerFacts(
        town_ids=frozenset(towns), skill_ids=frozenset(skills), availability=frozenset(availability)
    )


def test_a_need_covers_the_parts_of_the_days_it_touches():
    saturday = local(2026, 6, 13, 10)
    assert rules.availability_codes_between(saturday, local(2026, 6, 13, 12)) == {"6-morning"}
    assert rules.availability_codes_between(local(2026, 6, 13, 11), local(2026, 6, 13, 13)) == {
        "6-morning",
        "6-afternoon",
    }
    assert rules.availability_codes_between(local(2026, 6, 13, 23), local(2026, 6, 14, 1)) == {
        "6-evening",
        "7-morning",
    }


def test_towns_near_a_town_lie_within_the_radius():
    assert rules.towns_near(RIBE, POINTS, 10) == {RIBE, VESTER_VEDSTED}
    assert rules.towns_near(RIBE, POINTS, 30) == {RIBE, VESTER_VEDSTED, ESBJERG}
    assert rules.towns_near(None, POINTS, 10) == frozenset()


NEAR_RIBE = frozenset({RIBE, VESTER_VEDSTED})


@pytest.mark.parametrize(
    ("need_facts", "volunteer_facts", "expected"),
    [
        (need(), volunteer(), True),
        (need(), volunteer(towns=(VESTER_VEDSTED,)), True),
        (need(), volunteer(towns=(ESBJERG,)), False),
        (need(), volunteer(towns=()), True),
        (need(from_home=True, town=None), volunteer(towns=(ESBJERG,)), True),
        (need(skills=(7,)), volunteer(skills=()), False),
        (need(skills=(7, 8)), volunteer(skills=(8, 9)), True),
        (need(), volunteer(availability=("6-morning", "2-evening")), True),
        (need(), volunteer(availability=("2-evening",)), False),
    ],
    ids=[
        "same town",
        "nearby town",
        "too far",
        "no towns means anywhere",
        "from home",
        "skill missing",
        "one skill is enough",
        "free then",
        "not free then",
    ],
)
def test_a_need_fits_on_skills_place_and_time(need_facts, volunteer_facts, expected):
    assert rules.fits(need_facts, volunteer_facts, NEAR_RIBE) is expected


def test_the_weekly_limit_counts_sent_and_waiting_alerts():
    assert rules.under_weekly_limit(counted=2, limit=3)
    assert not rules.under_weekly_limit(counted=3, limit=3)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(2026, 6, 12, 22, 30), local(2026, 6, 13, 8)),
        (local(2026, 6, 13, 2), local(2026, 6, 13, 8)),
        (local(2026, 6, 13, 12), local(2026, 6, 13, 12)),
        (local(2026, 6, 13, 8), local(2026, 6, 13, 8)),
    ],
    ids=["late evening", "night", "daytime", "the moment they end"],
)
def test_an_alert_in_quiet_hours_waits_until_they_end(moment, expected):
    profile = VolunteerProfile(quiet_hours_start=time(21), quiet_hours_end=time(8))
    assert rules.quiet_hours_end_after(profile, moment) == expected


def test_without_quiet_hours_an_alert_goes_at_once():
    profile = VolunteerProfile(quiet_hours_start=None, quiet_hours_end=None)
    moment = local(2026, 6, 12, 23)
    assert rules.quiet_hours_end_after(profile, moment) == moment
