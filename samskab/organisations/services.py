"""Every change to organisations, memberships and invitations.

Views check permissions with the selectors first; these functions enforce the rules that
must hold whoever calls them (an organisation keeps at least one administrator, only pending
registrations can be decided, an invitation works once). A broken rule raises
``OrganisationError`` with a translated message fit to show the user.

Functions that email someone take ``base_url``, the site's address, so that links in the
email are absolute.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.roles import is_municipal_staff
from samskab.core.errors import ServiceError
from samskab.core.text import slugify_da
from samskab.organisations import notifications
from samskab.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    hash_invitation_token,
)

# How long an emailed invitation link works.
INVITATION_VALID_FOR = timedelta(days=getattr(settings, "ORGANISATION_INVITATION_DAYS", 14))

# How many registrations one person may have waiting at a time: each one emails every
# member of municipal staff, so an open form must not become a way to flood them.
MAX_PENDING_REGISTRATIONS_PER_PERSON = 3

# Fixed paths under the organisations URL prefix; no organisation may take them as its slug.
RESERVED_SLUGS = frozenset({"registrer", "administrer", "godkendelse", "invitation"})

# The fields someone registering or editing an organisation fills in.
ORGANISATION_DETAIL_FIELDS = frozenset(
    {
        "name",
        "type",
        "description_da",
        "description_en",
        "logo",
        "contact_name",
        "contact_email",
        "contact_phone",
        "street",
        "postcode",
        "town",
        "website",
        "focus_areas",
    }
)


class OrganisationError(ServiceError):
    """A rule stopped the change. ``message`` is translated and can be shown as it is."""


# --- Organisations ---------------------------------------------------------------------


def slug_for_name(name: str, *, exclude_pk: int | None = None) -> str:
    """A readable, unused slug: "Gørding Borgerforening" becomes "goerding-borgerforening"."""
    base = slugify_da(name, max_length=150) or "organisation"
    candidate, number = base, 2
    while (
        candidate in RESERVED_SLUGS
        or Organisation.objects.filter(slug=candidate).exclude(pk=exclude_pk).exists()
    ):
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _check_detail_fields(details: dict) -> None:
    unknown = set(details) - ORGANISATION_DETAIL_FIELDS
    if unknown:
        raise TypeError(f"Unknown organisation fields: {', '.join(sorted(unknown))}")


def _apply_details(organisation: Organisation, details: dict) -> list | None:
    """Set the plain fields; return the focus areas to set after saving (or None)."""
    focus_areas = None
    for field, value in details.items():
        if field == "focus_areas":
            focus_areas = list(value)
        elif field == "logo":
            # A form's "clear" checkbox gives False; None leaves the logo as it is.
            if value is False:
                organisation.logo = ""
            elif value is not None:
                organisation.logo = value
        else:
            setattr(organisation, field, value.strip() if isinstance(value, str) else value)
    return focus_areas


@transaction.atomic
def organisation_register(*, requested_by, base_url: str, **details) -> Organisation:
    """Create a pending organisation with the requester as its administrator and tell
    municipal staff that it awaits approval."""
    _check_detail_fields(details)
    waiting = Organisation.objects.filter(
        created_by=requested_by, status=Organisation.Status.PENDING
    ).count()
    if waiting >= MAX_PENDING_REGISTRATIONS_PER_PERSON and not is_municipal_staff(requested_by):
        raise OrganisationError(
            _(
                "You already have %(count)d registrations awaiting approval. Please wait for "
                "the municipality's answer before you register more."
            )
            % {"count": waiting}
        )
    organisation = Organisation(status=Organisation.Status.PENDING, created_by=requested_by)
    focus_areas = _apply_details(organisation, details)
    organisation.slug = slug_for_name(organisation.name)
    organisation.full_clean()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                organisation.save()
            break
        except IntegrityError:
            # Someone registered the same name a moment ago: pick the next free slug.
            organisation.pk = None
            organisation.slug = slug_for_name(organisation.name)
    else:
        raise OrganisationError(_("The organisation could not be saved. Please try again."))
    if focus_areas:
        organisation.focus_areas.set(focus_areas)
    Membership.objects.create(
        organisation=organisation, user=requested_by, role=Membership.Role.ADMINISTRATOR
    )
    notifications.send_new_registration_to_staff_after_commit(
        organisation=organisation, base_url=base_url
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, updated_by, **details) -> Organisation:
    """Change an organisation's details. The slug stays, so its web address keeps working."""
    _check_detail_fields(details)
    previous_logo_name = (
        Organisation.objects.filter(pk=organisation.pk).values_list("logo", flat=True).get()
    )
    focus_areas = _apply_details(organisation, details)
    organisation.full_clean()
    organisation.save()
    if focus_areas is not None:
        organisation.focus_areas.set(focus_areas)
    if previous_logo_name and previous_logo_name != organisation.logo.name:
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(previous_logo_name))
    return organisation


def _lock_status(organisation: Organisation) -> str:
    """Lock the organisation's row for the rest of the transaction and read its status."""
    return (
        Organisation.objects.select_for_update()
        .filter(pk=organisation.pk)
        .values_list("status", flat=True)
        .get()
    )


def _record_review(organisation: Organisation, *, status: str, reviewed_by) -> None:
    organisation.status = status
    organisation.reviewed_by = reviewed_by
    organisation.reviewed_at = timezone.now()
    organisation.save(
        update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at", "updated_at"]
    )


@transaction.atomic
def organisation_approve(*, organisation: Organisation, reviewed_by, base_url: str) -> Organisation:
    """Make a pending (or earlier rejected) organisation public and tell the requester."""
    if _lock_status(organisation) == Organisation.Status.APPROVED:
        raise OrganisationError(
            _("%(organisation)s is already approved.") % {"organisation": organisation.name}
        )
    organisation.rejection_reason = ""
    _record_review(organisation, status=Organisation.Status.APPROVED, reviewed_by=reviewed_by)
    notifications.send_review_decision_to_requester_after_commit(
        organisation=organisation, base_url=base_url
    )
    return organisation


@transaction.atomic
def organisation_reject(
    *, organisation: Organisation, reviewed_by, reason: str, base_url: str
) -> Organisation:
    """Turn down a pending registration with a reason that the requester is sent."""
    reason = (reason or "").strip()
    if not reason:
        raise OrganisationError(_("Write why the registration is rejected."))
    status = _lock_status(organisation)
    if status != Organisation.Status.PENDING:
        raise OrganisationError(
            _("%(organisation)s is not awaiting approval, so it cannot be rejected.")
            % {"organisation": organisation.name}
        )
    organisation.rejection_reason = reason
    _record_review(organisation, status=Organisation.Status.REJECTED, reviewed_by=reviewed_by)
    notifications.send_review_decision_to_requester_after_commit(
        organisation=organisation, base_url=base_url
    )
    return organisation


@transaction.atomic
def organisation_resubmit(
    *, organisation: Organisation, requested_by, base_url: str
) -> Organisation:
    """Send a rejected registration, usually after corrections, to municipal staff again.
    The earlier reason stays visible to the reviewer until the new decision."""
    if _lock_status(organisation) != Organisation.Status.REJECTED:
        raise OrganisationError(_("Only a rejected registration can be sent for approval again."))
    organisation.status = Organisation.Status.PENDING
    organisation.save(update_fields=["status", "updated_at"])
    notifications.send_new_registration_to_staff_after_commit(
        organisation=organisation, base_url=base_url
    )
    return organisation


# --- Members and invitations -----------------------------------------------------------


@transaction.atomic
def member_invite(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by,
    base_url: str,
    language: str | None = None,
) -> Invitation:
    """Email an invitation link. Inviting an address that already has an open invitation
    sends a fresh link (the old one stops working) with the new role.

    The returned invitation carries the link's secret in ``invitation.token``; only its hash
    is stored.
    """
    if role not in Membership.Role.values:
        raise OrganisationError(_("Choose a role."))
    email = email.strip().lower()
    _lock_status(organisation)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise OrganisationError(
            _("%(email)s is already a member of %(organisation)s.")
            % {"email": email, "organisation": organisation.name}
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation.objects.filter(
        organisation=organisation,
        email=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).first() or Invitation(organisation=organisation, email=email)
    invitation.role = role
    invitation.token_hash = hash_invitation_token(token)
    invitation.invited_by = invited_by
    invitation.created_at = now
    invitation.expires_at = now + INVITATION_VALID_FOR
    invitation.save()
    invitation.token = token
    notifications.send_invitation_after_commit(
        invitation=invitation, token=token, base_url=base_url, language=language
    )
    return invitation


def invitation_problem(invitation: Invitation) -> str | None:
    """Why an invitation cannot be accepted, in words for the person holding the link."""
    if invitation.is_accepted:
        return _("This invitation has already been accepted.")
    if invitation.is_revoked:
        return _("This invitation was withdrawn by the organisation.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask the organisation to send you a new one.")
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Make the logged-in user a member with the invited role. The link is the proof: it
    was sent to the invited address, and it works once."""
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    )
    problem = invitation_problem(invitation)
    if problem:
        raise OrganisationError(problem)
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    # An existing member keeps their role unless the invitation gives them more.
    if not created and invitation.role == Membership.Role.ADMINISTRATOR:
        membership.role = Membership.Role.ADMINISTRATOR
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, revoked_by) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_accepted:
        raise OrganisationError(_("This invitation has already been accepted."))
    if not invitation.is_revoked:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def _last_administrator_error(organisation: Organisation) -> OrganisationError:
    return OrganisationError(
        _(
            "%(organisation)s must always have at least one administrator. "
            "Make another member administrator first."
        )
        % {"organisation": organisation.name}
    )


def _is_last_administrator(membership: Membership) -> bool:
    return (
        membership.role == Membership.Role.ADMINISTRATOR
        and not Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Membership.Role.ADMINISTRATOR
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def member_change_role(*, membership: Membership, role: str, changed_by) -> Membership:
    if role not in Membership.Role.values:
        raise OrganisationError(_("Choose a role."))
    # Locking the organisation serialises membership changes, so two administrators
    # demoting each other at the same moment cannot leave it without one.
    _lock_status(membership.organisation)
    membership.refresh_from_db(fields=["role"])
    if role != Membership.Role.ADMINISTRATOR and _is_last_administrator(membership):
        raise _last_administrator_error(membership.organisation)
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_remove(*, membership: Membership, removed_by) -> None:
    """Remove a member (or let a member leave). The last administrator cannot go."""
    _lock_status(membership.organisation)
    membership.refresh_from_db(fields=["role"])
    if _is_last_administrator(membership):
        raise _last_administrator_error(membership.organisation)
    membership.delete()
