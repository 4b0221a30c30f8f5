import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from samskab.accounts.roles import MUNICIPAL_STAFF_GROUP, ensure_role_groups
from samskab.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    hash_invitation_token,
)
from samskab.organisations.services import INVITATION_VALID_FOR
from tests.factories.accounts import UserFactory


class OrganisationFactory(DjangoModelFactory):
    """An approved organisation (public) unless told otherwise."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Forening nummer {n}")
    slug = factory.Sequence(lambda n: f"forening-{n}")
    type = Organisation.Type.ASSOCIATION
    description_da = "Vi mødes hver uge og hygger os."
    description_en = ""
    contact_name = "Karen Jensen"
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@forening.example.dk")
    contact_phone = "75 12 34 56"
    street = "Torvegade 1"
    postcode = "6700"
    town = "Esbjerg"
    status = Organisation.Status.APPROVED

    @factory.post_generation
    def focus_areas(organisation, create, extracted, **kwargs):
        if create and extracted:
            organisation.focus_areas.set(extracted)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.ADMINISTRATOR


class InvitationFactory(DjangoModelFactory):
    """An open invitation; pass ``raw_token`` to know the secret of its link."""

    class Meta:
        model = Invitation

    class Params:
        raw_token = factory.Sequence(lambda n: f"test-token-{n}")

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"inviteret{n}@example.dk")
    role = Membership.Role.COORDINATOR
    token_hash = factory.LazyAttribute(
        lambda invitation: hash_invitation_token(invitation.raw_token)
    )
    expires_at = factory.LazyFunction(lambda: timezone.now() + INVITATION_VALID_FOR)


def coordinator_of(organisation, *, role=Membership.Role.COORDINATOR, **user_kwargs):
    """A new user who is a member of ``organisation`` (a coordinator unless told otherwise);
    ``user_kwargs`` go to UserFactory."""
    user = UserFactory(**user_kwargs)
    MembershipFactory(organisation=organisation, user=user, role=role)
    return user


def make_municipal_staff(**kwargs):
    """A staff member in the municipal staff group, with the group's permissions refreshed
    (they are granted after migrate, which may run before some app's permissions exist)."""
    ensure_role_groups()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=MUNICIPAL_STAFF_GROUP))
    return user
