"""Rules that must hold when two people act at the same moment: real threads with their own
database connections, released together. Only meaningful on PostgreSQL (SQLite serialises
every write), so skipped elsewhere."""

import pytest
from django.db import connection

from samskab.organisations import services
from samskab.organisations.models import Membership
from samskab.organisations.services import OrganisationError
from tests.concurrency import run_at_once
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_two_administrators_stepping_down_at_once_leave_one_administrator():
    first = MembershipFactory(role=Membership.Role.ADMINISTRATOR)
    second = MembershipFactory(organisation=first.organisation, role="administrator")

    outcomes = run_at_once(
        lambda membership: services.member_change_role(
            membership=membership, role="coordinator", changed_by=membership.user
        ),
        [first, second],
    )

    assert sum(isinstance(outcome, OrganisationError) for outcome in outcomes) == 1
    assert Membership.objects.filter(organisation=first.organisation, role="administrator").count()


def test_removing_both_administrators_at_once_keeps_one():
    first = MembershipFactory(role=Membership.Role.ADMINISTRATOR)
    second = MembershipFactory(organisation=first.organisation, role="administrator")

    run_at_once(
        lambda membership: services.member_remove(membership=membership, removed_by=None),
        [first, second],
    )

    assert Membership.objects.filter(organisation=first.organisation).count() == 1


def test_one_invitation_link_used_twice_at_once_makes_one_member():
    invitation = InvitationFactory()
    users = UserFactory.create_batch(2)

    outcomes = run_at_once(
        lambda user: services.invitation_accept(invitation=invitation, user=user), users
    )

    assert sum(isinstance(outcome, Membership) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, OrganisationError) for outcome in outcomes) == 1
    assert Membership.objects.filter(organisation=invitation.organisation).count() == 1
