from datetime import time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from samskab.activities import services
from samskab.activities.models import Activity
from tests.factories.organisations import OrganisationFactory
from tests.factories.reference import TownFactory
from tests.factories.vision import FocusAreaFactory


class ActivityFactory(DjangoModelFactory):
    """A published drop-in activity of an approved organisation, in Ribe, free."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title_da = factory.Sequence(lambda n: f"Strikkecafé {n}")
    title_en = factory.Sequence(lambda n: f"Knitting café {n}")
    description_da = "Vi strikker, drikker kaffe og hjælper hinanden i gang."
    description_en = "We knit, drink coffee and help each other get started."
    place_name = "Ribe Bibliotek"
    street = "Sct. Nicolaj Gade 14"
    postcode = "6760"
    town = factory.SubFactory(TownFactory)
    latitude = 55.3281
    longitude = 8.7625
    participation = Activity.Participation.DROP_IN
    is_published = True

    @factory.post_generation
    def focus_areas(activity, create, extracted, **kwargs):
        if create:
            activity.focus_areas.set(extracted or [FocusAreaFactory()])

    @factory.post_generation
    def age_groups(activity, create, extracted, **kwargs):
        if create and extracted:
            activity.age_groups.set(extracted)

    @factory.post_generation
    def languages(activity, create, extracted, **kwargs):
        if create and extracted:
            activity.languages.set(extracted)

    @factory.post_generation
    def interests(activity, create, extracted, **kwargs):
        if create and extracted:
            activity.interests.set(extracted)


def local_date_in(days: int):
    return timezone.localdate() + timedelta(days=days)


def one_off(activity, *, days=3, start=time(10), end=time(12), capacity=None):
    """A single session ``days`` from today, through the service."""
    return services.add_session(
        activity=activity,
        spec=services.SingleDateSpec(
            day=local_date_in(days), start_time=start, end_time=end, capacity=capacity
        ),
    )


def weekly(activity, *, weekdays=(2,), weeks=4, start=time(10), end=time(12), **kwargs):
    """A weekly series from tomorrow for ``weeks`` weeks, through the service."""
    starts_on = local_date_in(1)
    spec = services.WeeklySpec(
        weekdays=tuple(weekdays),
        start_time=start,
        end_time=end,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(weeks=weeks) - timedelta(days=1),
        **kwargs,
    )
    return services.create_schedule(activity=activity, spec=spec)
