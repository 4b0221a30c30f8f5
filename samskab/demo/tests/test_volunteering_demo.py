import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from samskab.booking.models import Booking, Slot
from samskab.demo.loaders.organisations import load_organisations_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.demo.loaders.volunteering import (
    DEMO_VOLUNTEER_EMAIL,
    DEMO_VOLUNTEER_PASSWORD,
    load_volunteering_demo,
)
from samskab.vision.models import FocusArea
from samskab.volunteering.models import HoursEntry, Opportunity, Shift, VolunteerProfile

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "opportunities": sorted(
            Opportunity.objects.values_list("pk", "title_da", "updated_at", "is_published")
        ),
        "shifts": Shift.objects.count(),
        "slots": sorted(Slot.objects.values_list("pk", "capacity", "starts_at")),
        "bookings": sorted(Booking.objects.values_list("pk", "status", "attendance")),
        "hours": sorted(HoursEntry.objects.values_list("pk", "status", "hours")),
        "profiles": VolunteerProfile.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_demo_is_complete_and_idempotent():
    load_vision_demo()
    load_organisations_demo()
    summary = load_volunteering_demo()
    assert DEMO_VOLUNTEER_EMAIL in summary

    volunteer = get_user_model().objects.get(email=DEMO_VOLUNTEER_EMAIL)
    assert volunteer.check_password(DEMO_VOLUNTEER_PASSWORD)
    assert EmailAddress.objects.get(user=volunteer).verified
    profile = VolunteerProfile.objects.get(user=volunteer)
    assert profile.towns.exists() and profile.skills.exists() and profile.ad_hoc_alerts

    published = Opportunity.objects.published()
    for area in FocusArea.objects.all():
        assert published.filter(focus_areas=area).exists(), area.slug
    assert published.filter(kind=Opportunity.Kind.ONGOING).exists()
    assert published.filter(kind=Opportunity.Kind.AD_HOC).exists()
    assert published.filter(from_home=True).exists()
    assert published.filter(involves_children=True).exists()
    assert all(opportunity.title_en for opportunity in published)

    mine = HoursEntry.objects.filter(volunteer=volunteer)
    assert (
        mine.filter(source=HoursEntry.Source.SHIFT, status=HoursEntry.Status.APPROVED).count() == 3
    )
    assert mine.filter(source=HoursEntry.Source.LOGGED, status=HoursEntry.Status.APPROVED).exists()
    assert mine.filter(status=HoursEntry.Status.PENDING).count() == 2
    assert Booking.objects.filter(user=volunteer, status=Booking.Status.CONFIRMED).count() >= 5
    assert Booking.objects.filter(status=Booking.Status.WAITLISTED).count() == 2

    before = snapshot()
    load_volunteering_demo()
    assert snapshot() == before
