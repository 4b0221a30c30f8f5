from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from samskab.reference.models import Skill
from samskab.volunteering import services
from samskab.volunteering.models import HoursEntry, Opportunity
from tests.factories.accounts import UserFactory
from tests.factories.organisations import OrganisationFactory
from tests.factories.reference import TownFactory
from tests.factories.vision import FocusAreaFactory


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


def make_shift(
    *,
    opportunity=None,
    starts_in=timedelta(days=3),
    duration=timedelta(hours=2),
    volunteers_needed=3,
    **kwargs,
):
    """A shift ``starts_in`` from now, through the service."""
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
