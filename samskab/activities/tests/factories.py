"""Factories for activities. Reference rows (towns, age groups, languages, interests) are
fetched or created by their slug, so tests work whether or not the data migration's rows
are there."""

from datetime import time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from samskab.accounts.tests.factories import UserFactory
from samskab.activities import services
from samskab.activities.models import Activity
from samskab.organisations.models import Membership
from samskab.organisations.tests.factories import MembershipFactory, OrganisationFactory
from samskab.reference.models import AgeGroup, Interest, Language, Town
from samskab.vision.tests.factories import FocusAreaFactory

__all__ = [
    "ActivityFactory",
    "AgeGroupFactory",
    "InterestFactory",
    "LanguageFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "TownFactory",
    "UserFactory",
    "coordinator_of",
    "local_date_in",
    "one_off",
    "weekly",
]


class TownFactory(DjangoModelFactory):
    class Meta:
        model = Town
        django_get_or_create = ("slug",)

    slug = "ribe"
    name = "Ribe"
    postcode = "6760"
    latitude = 55.3285
    longitude = 8.7620


class InterestFactory(DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"interesse-{n}")
    name_da = factory.Sequence(lambda n: f"Interesse {n}")
    name_en = factory.Sequence(lambda n: f"Interest {n}")


class AgeGroupFactory(DjangoModelFactory):
    class Meta:
        model = AgeGroup
        django_get_or_create = ("slug",)

    slug = "seniors"
    name_da = "Seniorer"
    name_en = "Seniors"


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "da"
    name_da = "Dansk"
    name_en = "Danish"
    native_name = "dansk"


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


def coordinator_of(organisation, role=Membership.Role.COORDINATOR, **kwargs):
    return MembershipFactory(organisation=organisation, role=role, **kwargs).user


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
