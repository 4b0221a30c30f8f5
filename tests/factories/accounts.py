import factory
from allauth.account.models import EmailAddress

from samskab.accounts.models import User

PASSWORD = "Lyngby-Fjord-2025"


class UserFactory(factory.django.DjangoModelFactory):
    """A citizen who has signed up and confirmed their email address; pass
    ``verified_email=False`` for one who has not confirmed it yet, ``is_staff=True`` for staff."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.dk")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    preferred_language = "da"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
