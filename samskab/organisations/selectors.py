"""Reading organisations, memberships and invitations, and who may do what.

The permission functions are the single source of truth for other apps too: activities and
volunteering ask ``can_coordinate`` before letting someone publish on an organisation's
behalf, and ``can_manage_organisation`` before anything that changes the organisation itself.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone

from samskab.accounts.roles import MUNICIPAL_STAFF_GROUP, is_municipal_staff
from samskab.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    hash_invitation_token,
)
from samskab.vision.models import FocusArea

COORDINATING_ROLES = (Membership.Role.ADMINISTRATOR, Membership.Role.COORDINATOR)


def _is_active_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


# --- Permissions -----------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationAccess:
    """What one user may do with one organisation, worked out with at most two queries."""

    role: str | None
    is_municipal_staff: bool

    @property
    def role_label(self) -> str:
        return Membership.Role(self.role).label if self.role else ""

    @property
    def can_manage(self) -> bool:
        return self.is_municipal_staff or self.role == Membership.Role.ADMINISTRATOR

    @property
    def can_coordinate(self) -> bool:
        return self.is_municipal_staff or self.role in COORDINATING_ROLES


def membership_role(user, organisation) -> str | None:
    """The user's role in the organisation, or None when they are not a member."""
    if not _is_active_user(user):
        return None
    return (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def organisation_access(user, organisation) -> OrganisationAccess:
    """The user's role and staff status for one organisation; the permission functions
    below and the management views all decide from this."""
    if not _is_active_user(user):
        return OrganisationAccess(role=None, is_municipal_staff=False)
    return OrganisationAccess(
        role=membership_role(user, organisation), is_municipal_staff=is_municipal_staff(user)
    )


def can_manage_organisation(user, organisation) -> bool:
    """Administrators of the organisation and municipal staff may change the organisation,
    its details and its members."""
    return organisation_access(user, organisation).can_manage


def can_coordinate(user, organisation) -> bool:
    """Administrators and coordinators of the organisation and municipal staff may run its
    offers (activities, volunteer opportunities)."""
    return organisation_access(user, organisation).can_coordinate


def can_review_organisations(user) -> bool:
    """Approving and rejecting registrations is for municipal staff."""
    return is_municipal_staff(user)


def organisations_managed_by(user) -> QuerySet[Organisation]:
    """Organisations in which the user is an administrator, whatever their status.

    Based on memberships only: municipal staff may manage every organisation, but listing
    all of them is not useful; they find organisations through the list and review pages.
    """
    if not _is_active_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ADMINISTRATOR
    )


def organisations_coordinated_by(user) -> QuerySet[Organisation]:
    """Organisations in which the user is an administrator or a coordinator (memberships
    only, like ``organisations_managed_by``)."""
    if not _is_active_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=COORDINATING_ROLES
    )


# --- Public pages ----------------------------------------------------------------------


def _focus_areas_in_order():
    return FocusArea.objects.order_by("order", "pk")


def public_organisations() -> QuerySet[Organisation]:
    """Only approved organisations are ever shown to the public."""
    return Organisation.objects.filter(status=Organisation.Status.APPROVED)


def organisation_list(
    *, search: str = "", organisation_type: str = "", focus_area: str = ""
) -> QuerySet[Organisation]:
    """Approved organisations, filtered; focus areas come in one extra query."""
    organisations = public_organisations()
    if search:
        organisations = organisations.filter(name__icontains=search)
    if organisation_type:
        organisations = organisations.filter(type=organisation_type)
    if focus_area:
        organisations = organisations.filter(focus_areas__slug=focus_area)
    return organisations.prefetch_related(
        Prefetch("focus_areas", queryset=_focus_areas_in_order())
    ).order_by("name", "pk")


def focus_area_choices() -> list[tuple[str, str]]:
    """(slug, title) of every focus area, for filters and forms."""
    return [(area.slug, area.title) for area in _focus_areas_in_order()]


def organisation_by_slug(*, slug: str) -> Organisation | None:
    """Any organisation, whatever its status. Callers decide who may see it: everyone sees
    approved ones, members and staff also pending and rejected ones."""
    return Organisation.objects.filter(slug=slug).first()


def prefetch_for_page(organisation: Organisation) -> None:
    """The focus areas its page and the review show, in the vision's order (one query)."""
    prefetch_related_objects(
        [organisation], Prefetch("focus_areas", queryset=_focus_areas_in_order())
    )


# --- Management ------------------------------------------------------------------------


def memberships_of_user(user) -> QuerySet[Membership]:
    """The user's memberships with their organisations, for the management dashboard."""
    if not _is_active_user(user):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "organisation__pk")
    )


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__display_name", "user__email")
    )


def open_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            organisation=organisation,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("email")
    )


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.filter(token_hash=hash_invitation_token(token))
        .select_related("organisation")
        .first()
    )


def organisation_name_taken(name: str, *, exclude_pk: int | None = None) -> bool:
    """Whether another organisation that is approved or awaiting approval has this name.
    Rejected registrations do not block the name."""
    organisations = Organisation.objects.filter(name__iexact=name.strip()).exclude(
        status=Organisation.Status.REJECTED
    )
    if exclude_pk is not None:
        organisations = organisations.exclude(pk=exclude_pk)
    return organisations.exists()


# --- Review by municipal staff ----------------------------------------------------------


def pending_organisations() -> QuerySet[Organisation]:
    """Registrations awaiting approval, oldest first so nobody waits longest."""
    return (
        Organisation.objects.filter(status=Organisation.Status.PENDING)
        .select_related("created_by")
        .prefetch_related(Prefetch("focus_areas", queryset=_focus_areas_in_order()))
        .order_by("created_at", "pk")
    )


def municipal_staff_recipients():
    """Active users in the municipal staff group: they are told about new registrations."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=MUNICIPAL_STAFF_GROUP)
        .distinct()
        .order_by("email")
    )
