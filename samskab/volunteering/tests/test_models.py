from datetime import datetime, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samskab.volunteering.models import Opportunity, VolunteerProfile, availability_code_of
from tests.factories import OpportunityFactory, TownFactory, make_shift

pytestmark = pytest.mark.django_db


def local(*args):
    return timezone.make_aware(datetime(*args), timezone.get_current_timezone())


def test_availability_codes_follow_local_time():
    # Tuesday 3 June 2025: 11:59 is morning, 12:00 afternoon, 17:00 evening.
    assert availability_code_of(local(2025, 6, 3, 11, 59)) == "2-morning"
    assert availability_code_of(local(2025, 6, 3, 12, 0)) == "2-afternoon"
    assert availability_code_of(local(2025, 6, 3, 17, 0)) == "2-evening"


def test_is_available_at():
    profile = VolunteerProfile(availability=["2-evening", "6-morning"])
    assert profile.is_available_at(local(2025, 6, 3, 18, 0))
    assert not profile.is_available_at(local(2025, 6, 3, 10, 0))
    assert profile.is_available_at(local(2025, 6, 7, 9, 0))
    assert VolunteerProfile(availability=[]).is_available_at(local(2025, 6, 4, 3, 0))


def test_quiet_hours_over_midnight_and_within_a_day():
    night = VolunteerProfile(quiet_hours_start=time(21), quiet_hours_end=time(8))
    assert night.in_quiet_hours(local(2025, 6, 3, 23, 30))
    assert night.in_quiet_hours(local(2025, 6, 3, 7, 59))
    assert not night.in_quiet_hours(local(2025, 6, 3, 8, 0))
    lunch = VolunteerProfile(quiet_hours_start=time(12), quiet_hours_end=time(13))
    assert lunch.in_quiet_hours(local(2025, 6, 3, 12, 30))
    assert not lunch.in_quiet_hours(local(2025, 6, 3, 13, 30))
    assert not VolunteerProfile(quiet_hours_start=None, quiet_hours_end=None).in_quiet_hours(
        local(2025, 6, 3, 23, 0)
    )


def test_profile_clean_refuses_unknown_availability_and_half_quiet_hours():
    with pytest.raises(ValidationError):
        VolunteerProfile(availability=["8-night"]).clean()
    with pytest.raises(ValidationError):
        VolunteerProfile(quiet_hours_start=time(21), quiet_hours_end=None).clean()


def test_opportunity_place_and_position():
    ribe = TownFactory()
    opportunity = OpportunityFactory(town=ribe)
    assert opportunity.place_line == "Ribe Bibliotek, Sct. Nicolaj Gade 14, 6760 Ribe"
    assert opportunity.position == (ribe.latitude, ribe.longitude)
    opportunity.latitude, opportunity.longitude = 55.33, 8.76
    assert opportunity.position == (55.33, 8.76)
    with pytest.raises(ValidationError):
        Opportunity(from_home=False, title_da="x", description_da="y").clean()


def test_shift_duration_and_owner_description(opportunity):
    shift = make_shift(opportunity=opportunity)
    assert shift.duration_hours == Decimal("2.00")
    assert shift.booking_title() == opportunity.title
    assert shift.booking_organiser() == opportunity.organisation.name
    assert shift.booking_place() == opportunity.place_line
    assert shift.booking_url() == f"{opportunity.get_absolute_url()}#shift-{shift.pk}"
    assert shift.booking_sign_up_open()
    opportunity.is_published = False
    assert not shift.booking_sign_up_open()
