"""Needs posted and volunteers made through the services, as people make them."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from samskab.needs import services
from samskab.volunteering import services as volunteering_services
from tests.factories.accounts import UserFactory
from tests.factories.organisations import OrganisationFactory, coordinator_of
from tests.factories.reference import town
from tests.factories.vision import FocusAreaFactory


def next_weekday_at(weekday: int, hour: int, *, minute: int = 0, after_days: int = 1):
    """The next ISO ``weekday`` (6 = Saturday) at ``hour`` local time, at least
    ``after_days`` days from now."""
    today = timezone.localdate() + timedelta(days=after_days)
    day = today + timedelta(days=(weekday - today.isoweekday()) % 7)
    return timezone.make_aware(
        datetime.combine(day, time(hour, minute)), timezone.get_current_timezone()
    )


def make_need(
    *,
    organisation=None,
    by=None,
    starts_at=None,
    duration=timedelta(hours=2),
    people=2,
    town_slug="ribe",
    skills=(),
    focus_areas=None,
    **fields,
):
    """Post a need through the service (alerts go out only if the test runs the
    transaction's on_commit callbacks)."""
    organisation = organisation or OrganisationFactory()
    by = by or coordinator_of(organisation)
    starts_at = starts_at or next_weekday_at(6, 10)
    fields.setdefault("title_da", "2 til at bære stole på Ribe Bibliotek")
    fields.setdefault("title_en", "2 people to carry chairs in Ribe library")
    fields.setdefault("description_da", "Vi stiller stole op til koncert i salen.")
    fields.setdefault("description_en", "We set out chairs for a concert in the hall.")
    fields.setdefault("place_name", "Ribe Bibliotek")
    fields.setdefault("street", "Sct. Nicolaj Gade 14")
    fields.setdefault("postcode", "6760")
    if not fields.get("from_home"):
        fields.setdefault("town", town(town_slug))
    fields.setdefault("contact_phone", "75 11 22 33")
    return services.post_need(
        organisation=organisation,
        by=by,
        fields={"starts_at": starts_at, "ends_at": starts_at + duration, **fields},
        focus_areas=focus_areas or [FocusAreaFactory()],
        skills=skills,
        people_needed=people,
    )


def make_volunteer(
    *,
    towns=("ribe",),
    skills=(),
    availability=(),
    alerts=True,
    max_alerts=3,
    quiet_hours=(None, None),
    interests=(),
    **user_kwargs,
):
    """A user with a volunteer profile (opted in to ad hoc alerts unless told otherwise)."""
    user = UserFactory(**user_kwargs)
    volunteering_services.save_profile(
        user=user,
        fields={
            "availability": list(availability),
            "ad_hoc_alerts": alerts,
            "max_alerts_per_week": max_alerts,
            "quiet_hours_start": quiet_hours[0],
            "quiet_hours_end": quiet_hours[1],
        },
        towns=[town(slug) for slug in towns],
        skills=list(skills),
        interests=list(interests),
    )
    return user
