from datetime import timedelta

import factory
from django.utils import timezone

from samskab.accounts.models import User
from samskab.booking import services
from samskab.booking.models import Slot
from samskab.booking.tests.owner_model import ExampleSession


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    preferred_language = "da"
    password = factory.django.Password("a-good-long-password")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """``UserFactory(verified=True)``: allauth has verified the email address."""
        if create and extracted:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ExampleSessionFactory(factory.django.DjangoModelFactory):
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
    starts_at = timezone.now() + starts_in
    return services.create_slot(
        owner=owner or ExampleSessionFactory(),
        starts_at=starts_at,
        ends_at=starts_at + duration,
        capacity=capacity,
        **kwargs,
    )
