from datetime import timedelta

import factory
from django.utils import timezone

from samskab.booking import services
from samskab.booking.models import Slot
from tests.booking_owner.models import ExampleSession


class ExampleSessionFactory(factory.django.DjangoModelFactory):
    """The booking engine's stand-in slot owner (the test app ``tests.booking_owner``)."""

    class Meta:
        model = ExampleSession

    title_da = factory.Sequence(lambda n: f"Strikkecafé {n}")
    title_en = factory.Sequence(lambda n: f"Knitting café {n}")
    place = "Ribe Bibliotek, Sct. Nicolaj Gade 14, 6760 Ribe"
    organiser = "Ribe Strikkeklub"


def make_slot(
    *,
    capacity=10,
    starts_in=timedelta(days=3),
    duration=timedelta(hours=2),
    owner=None,
    **kwargs,
) -> Slot:
    """A slot ``starts_in`` from now, owned by a new ExampleSession unless told otherwise."""
    starts_at = timezone.now() + starts_in
    return services.create_slot(
        owner=owner or ExampleSessionFactory(),
        starts_at=starts_at,
        ends_at=starts_at + duration,
        capacity=capacity,
        **kwargs,
    )
