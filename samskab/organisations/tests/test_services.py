from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samskab.organisations import selectors, services
from samskab.organisations.models import Invitation, Membership, Organisation
from samskab.organisations.services import OrganisationError
from tests.factories import (
    FocusAreaFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_staff,
)

pytestmark = pytest.mark.django_db

BASE_URL = "https://samskab.example.dk/"


def registration_details(**overrides):
    details = {
        "name": "Gørding Strikkeklub",
        "type": Organisation.Type.ASSOCIATION,
        "description_da": "Vi strikker sammen hver tirsdag.",
        "description_en": "",
        "contact_name": "Inge Holm",
        "contact_email": "strik@example.dk",
        "contact_phone": "",
        "street": "Skolegade 3",
        "postcode": "6690",
        "town": "Gørding",
        "website": "",
        "focus_areas": [],
    }
    details.update(overrides)
    return details


def register(requester, run_on_commit, **overrides):
    with run_on_commit():
        return services.organisation_register(
            requested_by=requester, base_url=BASE_URL, **registration_details(**overrides)
        )


# --- Registration and review --------------------------------------------------------------


def test_registration_is_pending_with_the_requester_as_administrator(citizen, run_on_commit):
    area = FocusAreaFactory()

    organisation = register(citizen, run_on_commit, focus_areas=[area])

    assert organisation.status == Organisation.Status.PENDING
    assert organisation.slug == "goerding-strikkeklub"
    assert organisation.created_by == citizen
    assert list(organisation.focus_areas.all()) == [area]
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role) == (citizen, Membership.Role.ADMINISTRATOR)
    assert organisation not in selectors.public_organisations()


def test_registration_emails_every_active_staff_member_in_their_language(citizen, run_on_commit):
    danish_staff = make_municipal_staff(preferred_language="da")
    english_staff = make_municipal_staff(preferred_language="en")
    make_municipal_staff(is_active=False)
    UserFactory(is_staff=True)  # staff status without the group: not told

    organisation = register(citizen, run_on_commit)

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {danish_staff.email, english_staff.email}
    danish = by_recipient[danish_staff.email]
    assert danish.subject == "Ny organisation venter på godkendelse: Gørding Strikkeklub"
    assert f"{BASE_URL}foreninger/godkendelse/{organisation.slug}/" in danish.body
    english = by_recipient[english_staff.email]
    assert english.subject == "New organisation awaiting approval: Gørding Strikkeklub"
    assert f"{BASE_URL}en/foreninger/godkendelse/{organisation.slug}/" in english.body


def test_slugs_are_unique_and_never_shadow_fixed_pages(citizen, run_on_commit):
    first = register(citizen, run_on_commit, name="Ribe Motion")
    OrganisationFactory(name="Anden", slug="ribe-motion-2")
    second = register(citizen, run_on_commit, name="Ribe motion!", contact_email="b@example.dk")
    reserved = register(citizen, run_on_commit, name="Registrer")

    assert first.slug == "ribe-motion"
    assert second.slug == "ribe-motion-3"
    assert reserved.slug == "registrer-2"


def test_one_person_cannot_flood_staff_with_registrations(citizen, run_on_commit):
    for number in range(services.MAX_PENDING_REGISTRATIONS_PER_PERSON):
        register(citizen, run_on_commit, name=f"Klub {number}")
    mail.outbox.clear()

    with pytest.raises(OrganisationError, match="venter på godkendelse"):
        register(citizen, run_on_commit, name="En klub for meget")

    assert mail.outbox == []
    assert Organisation.objects.count() == services.MAX_PENDING_REGISTRATIONS_PER_PERSON


def test_approval_publishes_and_tells_the_requester_in_their_language(run_on_commit):
    requester = UserFactory(preferred_language="en")
    staff = make_municipal_staff()
    organisation = register(requester, run_on_commit)
    mail.outbox.clear()

    with run_on_commit():
        services.organisation_approve(
            organisation=organisation, reviewed_by=staff, base_url=BASE_URL
        )

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED
    assert organisation.reviewed_by == staff
    assert organisation.reviewed_at is not None
    assert organisation in selectors.public_organisations()
    [message] = mail.outbox
    assert message.to == [requester.email]
    assert message.subject == "Gørding Strikkeklub is approved on Samskab"
    assert f"{BASE_URL}en/foreninger/{organisation.slug}/" in message.body


def test_approving_twice_is_refused_without_a_second_email(citizen, staff, run_on_commit):
    organisation = OrganisationFactory(status=Organisation.Status.APPROVED, created_by=citizen)

    with pytest.raises(OrganisationError, match="allerede godkendt"), run_on_commit():
        services.organisation_approve(
            organisation=organisation, reviewed_by=staff, base_url=BASE_URL
        )

    assert mail.outbox == []


def test_rejection_needs_a_reason_and_sends_it_to_the_requester(citizen, staff, run_on_commit):
    organisation = register(citizen, run_on_commit)
    mail.outbox.clear()

    with pytest.raises(OrganisationError):
        services.organisation_reject(
            organisation=organisation, reviewed_by=staff, reason="   ", base_url=BASE_URL
        )
    with run_on_commit():
        services.organisation_reject(
            organisation=organisation,
            reviewed_by=staff,
            reason="Foreningen ligger ikke i kommunen.",
            base_url=BASE_URL,
        )

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.REJECTED
    assert organisation.rejection_reason == "Foreningen ligger ikke i kommunen."
    [message] = mail.outbox
    assert message.to == [citizen.email]
    assert message.subject == "Din registrering af Gørding Strikkeklub blev ikke godkendt"
    assert "Foreningen ligger ikke i kommunen." in message.body
    assert f"{BASE_URL}foreninger/administrer/{organisation.slug}/" in message.body


def test_only_pending_registrations_can_be_rejected(staff):
    organisation = OrganisationFactory(status=Organisation.Status.APPROVED)

    with pytest.raises(OrganisationError, match="venter ikke på godkendelse"):
        services.organisation_reject(
            organisation=organisation, reviewed_by=staff, reason="Nej", base_url=BASE_URL
        )


def test_decision_goes_to_the_organisation_when_the_requester_is_gone(staff, run_on_commit):
    organisation = OrganisationFactory(
        status=Organisation.Status.PENDING, created_by=None, contact_email="info@klub.dk"
    )

    with run_on_commit():
        services.organisation_approve(
            organisation=organisation, reviewed_by=staff, base_url=BASE_URL
        )

    assert mail.outbox[0].to == ["info@klub.dk"]


def test_a_rejected_registration_can_be_sent_again(citizen, staff, run_on_commit):
    organisation = register(citizen, run_on_commit)
    services.organisation_reject(
        organisation=organisation, reviewed_by=staff, reason="Mangler adresse", base_url=BASE_URL
    )
    mail.outbox.clear()

    with run_on_commit():
        services.organisation_resubmit(
            organisation=organisation, requested_by=citizen, base_url=BASE_URL
        )

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING
    assert [message.to for message in mail.outbox] == [[staff.email]]
    with pytest.raises(OrganisationError):
        services.organisation_resubmit(
            organisation=organisation, requested_by=citizen, base_url=BASE_URL
        )


def test_update_changes_details_but_keeps_the_address_of_the_page(citizen):
    organisation = OrganisationFactory(name="Gammelt navn", slug="gammelt-navn")
    area = FocusAreaFactory()

    services.organisation_update(
        organisation=organisation,
        updated_by=citizen,
        name="Nyt navn",
        description_en="We meet every week.",
        focus_areas=[area],
    )

    organisation.refresh_from_db()
    assert organisation.name == "Nyt navn"
    assert organisation.slug == "gammelt-navn"
    assert organisation.description_en == "We meet every week."
    assert list(organisation.focus_areas.all()) == [area]


def test_update_refuses_fields_that_are_not_details(citizen):
    organisation = OrganisationFactory()

    with pytest.raises(TypeError):
        services.organisation_update(
            organisation=organisation, updated_by=citizen, status=Organisation.Status.APPROVED
        )


# --- Invitations --------------------------------------------------------------------------


def invite(organisation, inviter, run_on_commit, email="ny@example.dk", role="coordinator"):
    with run_on_commit():
        return services.member_invite(
            organisation=organisation,
            email=email,
            role=role,
            invited_by=inviter,
            base_url=BASE_URL,
            language="da",
        )


def test_invitation_email_carries_a_link_whose_secret_is_not_stored(run_on_commit):
    admin = MembershipFactory()

    invitation = invite(admin.organisation, admin.user, run_on_commit, email=" Ny@Example.dk ")

    assert invitation.email == "ny@example.dk"
    assert invitation.token not in invitation.token_hash
    assert selectors.invitation_by_token(invitation.token) == invitation
    [message] = mail.outbox
    assert message.to == ["ny@example.dk"]
    assert f"{BASE_URL}foreninger/invitation/{invitation.token}/" in message.body
    assert admin.organisation.name in message.subject


def test_invitation_to_someone_with_an_account_is_in_their_language(run_on_commit):
    admin = MembershipFactory()
    english_user = UserFactory(preferred_language="en")

    invite(admin.organisation, admin.user, run_on_commit, email=english_user.email)

    assert mail.outbox[0].subject.startswith("Invitation to help run")
    assert "/en/foreninger/invitation/" in mail.outbox[0].body


def test_inviting_again_renews_the_link_and_the_role(run_on_commit):
    admin = MembershipFactory()
    first = invite(admin.organisation, admin.user, run_on_commit)
    second = invite(admin.organisation, admin.user, run_on_commit, role="administrator")

    assert second.pk == first.pk
    assert Invitation.objects.count() == 1
    assert selectors.invitation_by_token(first.token) is None
    assert selectors.invitation_by_token(second.token).role == Membership.Role.ADMINISTRATOR


def test_inviting_a_member_is_refused(run_on_commit):
    admin = MembershipFactory()
    member = MembershipFactory(organisation=admin.organisation, role="coordinator")

    with pytest.raises(OrganisationError, match="allerede medlem"):
        invite(admin.organisation, admin.user, run_on_commit, email=member.user.email.upper())


def test_accepting_makes_the_user_a_member_once():
    invitation = InvitationFactory(role=Membership.Role.COORDINATOR)
    user = UserFactory()

    membership = services.invitation_accept(invitation=invitation, user=user)

    assert (membership.organisation, membership.user, membership.role) == (
        invitation.organisation,
        user,
        Membership.Role.COORDINATOR,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    with pytest.raises(OrganisationError, match="allerede accepteret"):
        services.invitation_accept(invitation=invitation, user=UserFactory())


def test_expired_and_withdrawn_invitations_explain_themselves():
    expired = InvitationFactory(expires_at=timezone.now() - timedelta(minutes=1))
    withdrawn = InvitationFactory()
    services.invitation_revoke(invitation=withdrawn, revoked_by=None)

    with pytest.raises(OrganisationError, match="udløbet"):
        services.invitation_accept(invitation=expired, user=UserFactory())
    with pytest.raises(OrganisationError, match="trukket invitationen tilbage"):
        services.invitation_accept(invitation=withdrawn, user=UserFactory())
    assert Membership.objects.count() == 0


def test_an_administrator_invitation_promotes_an_existing_coordinator():
    member = MembershipFactory(role=Membership.Role.COORDINATOR)
    invitation = InvitationFactory(
        organisation=member.organisation, role=Membership.Role.ADMINISTRATOR
    )

    services.invitation_accept(invitation=invitation, user=member.user)

    member.refresh_from_db()
    assert member.role == Membership.Role.ADMINISTRATOR


def test_a_coordinator_invitation_does_not_demote_an_administrator():
    member = MembershipFactory(role=Membership.Role.ADMINISTRATOR)
    invitation = InvitationFactory(
        organisation=member.organisation, role=Membership.Role.COORDINATOR
    )

    services.invitation_accept(invitation=invitation, user=member.user)

    member.refresh_from_db()
    assert member.role == Membership.Role.ADMINISTRATOR


# --- Roles and the last administrator -------------------------------------------------------


def test_the_last_administrator_cannot_step_down_or_be_removed():
    admin = MembershipFactory(role=Membership.Role.ADMINISTRATOR)
    MembershipFactory(organisation=admin.organisation, role=Membership.Role.COORDINATOR)

    with pytest.raises(OrganisationError, match="mindst én administrator"):
        services.member_change_role(
            membership=admin, role=Membership.Role.COORDINATOR, changed_by=admin.user
        )
    with pytest.raises(OrganisationError, match="mindst én administrator"):
        services.member_remove(membership=admin, removed_by=admin.user)

    admin.refresh_from_db()
    assert admin.role == Membership.Role.ADMINISTRATOR


def test_with_two_administrators_one_may_step_down_and_the_other_be_removed():
    first = MembershipFactory(role=Membership.Role.ADMINISTRATOR)
    second = MembershipFactory(organisation=first.organisation, role="administrator")

    services.member_change_role(
        membership=first, role=Membership.Role.COORDINATOR, changed_by=first.user
    )
    first.refresh_from_db()
    assert first.role == Membership.Role.COORDINATOR

    services.member_change_role(
        membership=first, role=Membership.Role.ADMINISTRATOR, changed_by=second.user
    )
    services.member_remove(membership=second, removed_by=first.user)
    assert list(first.organisation.memberships.values_list("user", "role")) == [
        (first.user_id, Membership.Role.ADMINISTRATOR)
    ]


def test_a_stale_role_does_not_fool_the_last_administrator_rule():
    """Two browser tabs: one demotes the other administrator, then the second tab, still
    showing two administrators, tries to demote the remaining one."""
    first = MembershipFactory(role=Membership.Role.ADMINISTRATOR)
    second = MembershipFactory(organisation=first.organisation, role="administrator")
    stale_first = Membership.objects.get(pk=first.pk)
    services.member_change_role(membership=second, role="coordinator", changed_by=first.user)

    with pytest.raises(OrganisationError):
        services.member_change_role(
            membership=stale_first, role="coordinator", changed_by=first.user
        )


def test_an_unknown_role_is_refused():
    membership = MembershipFactory()

    with pytest.raises(OrganisationError):
        services.member_change_role(membership=membership, role="owner", changed_by=None)


# --- Permissions ----------------------------------------------------------------------------


def test_permissions_follow_roles_and_stop_at_the_organisation():
    organisation_a = OrganisationFactory()
    organisation_b = OrganisationFactory(status=Organisation.Status.PENDING)
    admin = MembershipFactory(organisation=organisation_a, role="administrator").user
    coordinator = MembershipFactory(organisation=organisation_a, role="coordinator").user
    citizen = UserFactory()
    staff = make_municipal_staff()
    superuser = UserFactory(is_superuser=True)
    staff_without_group = UserFactory(is_staff=True)

    assert selectors.can_manage_organisation(admin, organisation_a)
    assert selectors.can_coordinate(admin, organisation_a)
    assert not selectors.can_manage_organisation(coordinator, organisation_a)
    assert selectors.can_coordinate(coordinator, organisation_a)
    for member in (admin, coordinator):
        assert not selectors.can_manage_organisation(member, organisation_b)
        assert not selectors.can_coordinate(member, organisation_b)
    for user in (citizen, staff_without_group):
        assert not selectors.can_manage_organisation(user, organisation_a)
        assert not selectors.can_coordinate(user, organisation_a)
    for user in (staff, superuser):
        assert selectors.can_manage_organisation(user, organisation_b)
        assert selectors.can_coordinate(user, organisation_b)


def test_anonymous_and_deactivated_users_may_do_nothing():
    from django.contrib.auth.models import AnonymousUser

    membership = MembershipFactory()
    membership.user.is_active = False
    membership.user.save()

    for user in (AnonymousUser(), membership.user, None):
        assert not selectors.can_manage_organisation(user, membership.organisation)
        assert not selectors.can_coordinate(user, membership.organisation)
        assert list(selectors.organisations_managed_by(user)) == []


def test_organisations_managed_and_coordinated_by_a_user():
    user = UserFactory()
    administered = MembershipFactory(user=user, role="administrator").organisation
    coordinated = MembershipFactory(user=user, role="coordinator").organisation
    OrganisationFactory()

    assert list(selectors.organisations_managed_by(user)) == [administered]
    assert set(selectors.organisations_coordinated_by(user)) == {administered, coordinated}


# --- Personal data --------------------------------------------------------------------------


def test_personal_data_lists_memberships_registrations_and_invitations(run_on_commit):
    from samskab.accounts.personal_data import personal_data_sections

    user = UserFactory()
    membership = MembershipFactory(user=user, organisation__created_by=user)
    InvitationFactory(email=user.email, organisation=OrganisationFactory(name="Klub X"))

    data = personal_data_sections()["organisations"](user)

    assert data["memberships"][0]["organisation"] == membership.organisation.name
    assert data["registered_organisations"][0]["name"] == membership.organisation.name
    assert data["invitations_received"][0]["organisation"] == "Klub X"


def test_deleting_an_account_removes_invitations_to_it_and_keeps_organisations():
    from django.db.models import CASCADE, SET_NULL

    from samskab.accounts.personal_data import account_deletion_hooks
    from samskab.organisations.personal_data import forget_personal_data

    assert forget_personal_data in account_deletion_hooks()
    user = UserFactory()
    InvitationFactory(email=user.email.upper())
    other_invitation = InvitationFactory()

    forget_personal_data(user)

    assert list(Invitation.objects.all()) == [other_invitation]
    # When the user row then goes, memberships go with it and organisations stay.
    assert Membership._meta.get_field("user").remote_field.on_delete is CASCADE
    for field in ("created_by", "reviewed_by"):
        assert Organisation._meta.get_field(field).remote_field.on_delete is SET_NULL
    assert Invitation._meta.get_field("invited_by").remote_field.on_delete is SET_NULL


def test_every_fixed_path_is_a_reserved_slug():
    from samskab.organisations import urls

    fixed = {
        str(pattern.pattern).split("/")[0]
        for pattern in urls.urlpatterns
        if str(pattern.pattern) and not str(pattern.pattern).startswith("<")
    }

    assert fixed == services.RESERVED_SLUGS
