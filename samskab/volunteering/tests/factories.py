"""Factories for volunteering. Reference rows (towns, languages, interests, skills) are
fetched or created by their slug or code, so tests work whether or not the data
migrations' rows are there."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from samskab.accounts.tests.factories import UserFactory
from samskab.organisations.models import Membership
from samskab.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    make_municipal_staff,
)
from samskab.reference.models import Interest, Language, Skill, Town
from samskab.vision.tests.factories import FocusAreaFactory, InitiativeFactory
from samskab.volunteering import services
from samskab.volunteering.models import HoursEntry, Opportunity

__all__ = [
    "FocusAreaFactory",
    "HoursEntryFactory",
    "InitiativeFactory",
    "InterestFactory",
    "LanguageFactory",
    "MembershipFactory",
    "OpportunityFactory",
    "OrganisationFactory",
    "SkillFactory",
    "TownFactory",
    "UserFactory",
    "coordinator_of",
    "make_municipal_staff",
    "make_shift",
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


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "uk"
    name_da = "Ukrainsk"
    name_en = "Ukrainian"
    native_name = "українська"


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"evne-{n}")
    name_da = factory.Sequence(lambda n: f"Evne {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")


class OpportunityFactory(DjangoModelFactory):
    """A published ad hoc task of an approved organisation, in Ribe, with one focus area."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Opportunity.Kind.AD_HOC
    title_da = factory.Sequence(lambda n: f"Bær stole nummer {n}")
    title_en = factory.Sequence(lambda n: f"Carry chairs number {n}")
    description_da = "Vi skal have stillet stole op til koncert i biblioteket."
    description_en = "We need chairs set out for a concert in the library."
    place_name = "Ribe Bibliotek"
    street = "Sct. Nicolaj Gade 14"
    postcode = "6760"
    town = factory.SubFactory(TownFactory)
    contact_phone = "75 11 22 33"
    is_published = True

    @factory.post_generation
    def focus_areas(opportunity, create, extracted, **kwargs):
        if not create:
            return
        opportunity.focus_areas.set(extracted or [FocusAreaFactory()])

    @factory.post_generation
    def skills(opportunity, create, extracted, **kwargs):
        if create and extracted:
            opportunity.skills.set(extracted)

    @factory.post_generation
    def languages(opportunity, create, extracted, **kwargs):
        if create and extracted:
            opportunity.languages.set(extracted)


def make_shift(
    *,
    opportunity=None,
    starts_in=timedelta(days=3),
    duration=timedelta(hours=2),
    volunteers_needed=3,
    **kwargs,
):
    starts_at = timezone.now() + starts_in
    return services.create_shift(
        opportunity=opportunity or OpportunityFactory(),
        spec=services.ShiftSpec(
            starts_at=starts_at,
            ends_at=starts_at + duration,
            volunteers_needed=volunteers_needed,
            **kwargs,
        ),
    )


def coordinator_of(organisation, *, role=Membership.Role.COORDINATOR, **user_kwargs):
    user = UserFactory(**user_kwargs)
    MembershipFactory(organisation=organisation, user=user, role=role)
    return user


class HoursEntryFactory(DjangoModelFactory):
    """Hours a volunteer logged, waiting for approval."""

    class Meta:
        model = HoursEntry

    volunteer = factory.SubFactory(UserFactory)
    person_key = factory.LazyAttribute(lambda entry: f"user:{entry.volunteer.pk}")
    organisation = factory.SubFactory(OrganisationFactory)
    source = HoursEntry.Source.LOGGED
    status = HoursEntry.Status.PENDING
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
    hours = Decimal("2.50")
    description = "Hjalp med at rydde op efter sommerfesten."
