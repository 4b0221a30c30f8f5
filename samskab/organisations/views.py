"""Public organisation pages, registration, management by members and review by staff.

Every management view loads the organisation and checks the user's access to *that*
organisation (``_organisation_for``) before doing anything; the services enforce the rules
that hold whoever calls them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core import limits, page_cache
from samskab.organisations import cached_pages, selectors, services
from samskab.organisations.access import coordinated_organisation
from samskab.organisations.forms import (
    InviteMemberForm,
    MemberRoleForm,
    OrganisationFilterForm,
    OrganisationForm,
    RejectOrganisationForm,
)
from samskab.organisations.manage_tabs import MANAGE
from samskab.organisations.models import Invitation, Membership, Organisation
from samskab.organisations.sections import render_organisation_sections
from samskab.organisations.services import OrganisationError

PAGE_SIZE = 20
FILTER_FIELDS = ("q", "type", "focus_area")


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _organisation_for(request, slug: str, *, requires: str = "coordinate"):
    return coordinated_organisation(request, slug, manage=requires == MANAGE)


def _require_reviewer(request) -> None:
    if not selectors.can_review_organisations(request.user):
        raise PermissionDenied


# --- Public pages ----------------------------------------------------------------------


def organisation_list(request):
    focus_area_choices = selectors.focus_area_choices()
    form = OrganisationFilterForm(request.GET or None, focus_area_choices=focus_area_choices)
    filters, ignored = form.filters()
    if ignored:
        # Show the form with only the values that were used, and say what happened.
        kept = {
            name: request.GET[name]
            for name in FILTER_FIELDS
            if name in request.GET and name not in form.errors
        }
        form = OrganisationFilterForm(kept, focus_area_choices=focus_area_choices)
        form.is_valid()
    page = Paginator(selectors.organisation_list(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            ),
            "filters_ignored": ignored,
            "is_filtered": any(filters.values()),
        },
    )


def organisation_detail(request, slug):
    """The same page for every visitor who is not logged in, so it is kept in the cache
    (cached_pages.py says what forgets it)."""
    key = page_cache.visitor_page_key(
        request, cached_pages.PAGES, tags=lambda: cached_pages.page_tags(slug)
    )
    return page_cache.visitor_page(
        request, cached_pages.PAGES, key, lambda: _organisation_page(request, slug)
    )


def _organisation_page(request, slug):
    organisation = selectors.organisation_by_slug(slug=slug)
    if organisation is None:
        raise Http404
    access = selectors.organisation_access(request.user, organisation)
    if not (organisation.is_public or access.can_coordinate):
        raise Http404
    # The parts that are the same for everyone are template fragments kept in the cache
    # (for people who are logged in too); what only they show is read when they are not.
    fragments = page_cache.fragment_version(cached_pages.PAGES, tags=[page_cache.tag(organisation)])
    if not page_cache.fragment_kept("organisation-main", organisation.pk, fragments):
        selectors.prefetch_for_page(organisation)
    # A TemplateResponse, so that a form on a kept page gets each visitor's CSRF token.
    return TemplateResponse(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "organisation_access": access,
            # Called by the template only when its fragment is not kept.
            "sections": lambda: render_organisation_sections(request, organisation),
            "fragments": fragments,
            "fragment_seconds": cached_pages.PAGES.seconds() if fragments else 0,
        },
    )


# --- Registration ----------------------------------------------------------------------

# Each registration and invitation sends an email (to the municipality's reviewers, or to
# any address typed in), so neither may be sent without end.
REGISTRATIONS = (limits.Limit("organisations.register", "5/h", per=limits.USER),)
INVITATIONS = (limits.Limit("organisations.invite", "30/h", per=limits.USER),)


@login_required
def register(request):
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES)
        if form.is_valid() and limits.allow(request, *REGISTRATIONS, form=form):
            try:
                organisation = services.organisation_register(
                    requested_by=request.user,
                    base_url=_base_url(request),
                    **form.service_details(),
                )
            except OrganisationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. %(organisation)s is registered and awaits approval by "
                        "the municipality. We will email you when it has been reviewed."
                    )
                    % {"organisation": organisation.name},
                )
                return redirect("organisations:manage_overview", slug=organisation.slug)
    else:
        form = OrganisationForm(
            initial={"contact_name": request.user.display_name, "contact_email": request.user.email}
        )
    return render(request, "organisations/register.html", {"form": form})


# --- Management by members -------------------------------------------------------------


@login_required
def manage_dashboard(request):
    reviewer = selectors.can_review_organisations(request.user)
    return render(
        request,
        "organisations/manage_dashboard.html",
        {
            "memberships": list(selectors.memberships_of_user(request.user)),
            "is_reviewer": reviewer,
            "pending_count": selectors.pending_organisations().count() if reviewer else 0,
        },
    )


@login_required
def manage_overview(request, slug):
    organisation, access = _organisation_for(request, slug)
    return render(
        request,
        "organisations/manage_overview.html",
        {"organisation": organisation, "organisation_access": access},
    )


@login_required
def manage_edit(request, slug):
    organisation, access = _organisation_for(request, slug, requires=MANAGE)
    # The form works on its own copy, so a rejected edit does not show up in the page
    # heading and navigation.
    editable = Organisation.objects.get(pk=organisation.pk)
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, instance=editable)
        if form.is_valid():
            services.organisation_update(
                organisation=editable, updated_by=request.user, **form.service_details()
            )
            messages.success(request, _("The organisation's details are saved."))
            return redirect("organisations:manage_overview", slug=organisation.slug)
    else:
        form = OrganisationForm(instance=editable)
    return render(
        request,
        "organisations/manage_edit.html",
        {"organisation": organisation, "organisation_access": access, "form": form},
    )


@login_required
@require_POST
def resubmit(request, slug):
    organisation, _access = _organisation_for(request, slug, requires=MANAGE)
    try:
        services.organisation_resubmit(
            organisation=organisation, requested_by=request.user, base_url=_base_url(request)
        )
    except OrganisationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Sent for approval again. We will email you the answer."))
    return redirect("organisations:manage_overview", slug=organisation.slug)


def _role_form(membership: Membership, data=None) -> MemberRoleForm:
    return MemberRoleForm(
        data,
        prefix=f"member-{membership.pk}",
        initial={"role": membership.role},
        member_name=str(membership.user),
    )


@login_required
def manage_members(request, slug):
    organisation, access = _organisation_for(request, slug, requires=MANAGE)
    if request.method == "POST":
        invite_form = InviteMemberForm(request.POST)
        if invite_form.is_valid() and limits.allow(request, *INVITATIONS, form=invite_form):
            try:
                invitation = services.member_invite(
                    organisation=organisation,
                    email=invite_form.cleaned_data["email"],
                    role=invite_form.cleaned_data["role"],
                    invited_by=request.user,
                    base_url=_base_url(request),
                    language=get_language(),
                )
            except OrganisationError as error:
                invite_form.add_error("email", error.message)
            else:
                messages.success(
                    request,
                    _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
                )
                return redirect("organisations:manage_members", slug=organisation.slug)
    else:
        invite_form = InviteMemberForm()
    memberships = list(selectors.organisation_members(organisation))
    return render(
        request,
        "organisations/manage_members.html",
        {
            "organisation": organisation,
            "organisation_access": access,
            "members": [(membership, _role_form(membership)) for membership in memberships],
            "invitations": list(selectors.open_invitations(organisation)),
            "invite_form": invite_form,
        },
    )


@login_required
@require_POST
def member_change_role(request, slug, membership_id):
    organisation, _access = _organisation_for(request, slug, requires=MANAGE)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_id,
        organisation=organisation,
    )
    form = _role_form(membership, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("organisations:manage_members", slug=organisation.slug)
    try:
        services.member_change_role(
            membership=membership, role=form.cleaned_data["role"], changed_by=request.user
        )
    except OrganisationError as error:
        messages.error(request, error.message)
        return redirect("organisations:manage_members", slug=organisation.slug)
    messages.success(
        request,
        _("%(member)s is now %(role)s.")
        % {"member": membership.user, "role": membership.get_role_display().lower()},
    )
    # Someone who made themselves coordinator can no longer open the members page.
    if not selectors.can_manage_organisation(request.user, organisation):
        return redirect("organisations:manage_overview", slug=organisation.slug)
    return redirect("organisations:manage_members", slug=organisation.slug)


@login_required
def member_remove(request, slug, membership_id):
    """Administrators remove members; any member may remove themselves (leave)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_id,
        organisation=organisation,
    )
    leaving = membership.user_id == request.user.pk
    access = selectors.organisation_access(request.user, organisation)
    if not (leaving or access.can_manage):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.member_remove(membership=membership, removed_by=request.user)
        except OrganisationError as error:
            messages.error(request, error.message)
            if access.can_manage:
                return redirect("organisations:manage_members", slug=organisation.slug)
            return redirect("organisations:manage")
        if leaving:
            messages.success(
                request,
                _("You are no longer a member of %(organisation)s.")
                % {"organisation": organisation.name},
            )
            if selectors.can_coordinate(request.user, organisation):
                return redirect("organisations:manage_overview", slug=organisation.slug)
            return redirect("organisations:manage")
        messages.success(
            request,
            _("%(member)s has been removed from %(organisation)s.")
            % {"member": membership.user, "organisation": organisation.name},
        )
        return redirect("organisations:manage_members", slug=organisation.slug)
    return render(
        request,
        "organisations/member_remove.html",
        {
            "organisation": organisation,
            "organisation_access": access,
            "membership": membership,
            "leaving": leaving,
        },
    )


@login_required
@require_POST
def invitation_revoke(request, slug, invitation_id):
    organisation, _access = _organisation_for(request, slug, requires=MANAGE)
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)
    try:
        services.invitation_revoke(invitation=invitation, revoked_by=request.user)
    except OrganisationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email},
        )
    return redirect("organisations:manage_members", slug=organisation.slug)


def invitation(request, token):
    """The page an invitation link opens. Accepting needs a login; the page explains how to
    log in or sign up and come back, and why a used or expired link no longer works."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        raise Http404
    problem = services.invitation_problem(invitation)
    if request.method == "POST" and problem is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except OrganisationError as error:
            problem = error.message
        else:
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.name},
            )
            return redirect("organisations:manage_overview", slug=invitation.organisation.slug)
    return render(
        request,
        "organisations/invitation.html",
        {"invitation": invitation, "organisation": invitation.organisation, "problem": problem},
    )


# --- Review by municipal staff ----------------------------------------------------------


@login_required
def review_list(request):
    _require_reviewer(request)
    return render(
        request,
        "organisations/review_list.html",
        {"organisations": list(selectors.pending_organisations())},
    )


def _render_review(request, organisation, reject_form, status=200):
    return render(
        request,
        "organisations/review_detail.html",
        {"organisation": organisation, "reject_form": reject_form},
        status=status,
    )


def _reviewable(slug):
    organisation = selectors.organisation_by_slug(slug=slug)
    if organisation is None:
        raise Http404
    selectors.prefetch_for_page(organisation)
    return organisation


@login_required
def review(request, slug):
    _require_reviewer(request)
    return _render_review(request, _reviewable(slug), RejectOrganisationForm())


@login_required
@require_POST
def approve(request, slug):
    _require_reviewer(request)
    organisation = _reviewable(slug)
    try:
        services.organisation_approve(
            organisation=organisation, reviewed_by=request.user, base_url=_base_url(request)
        )
    except OrganisationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(organisation)s is approved and now public. The requester has been emailed.")
            % {"organisation": organisation.name},
        )
    return redirect("organisations:review_list")


@login_required
@require_POST
def reject(request, slug):
    _require_reviewer(request)
    organisation = _reviewable(slug)
    form = RejectOrganisationForm(request.POST)
    if not form.is_valid():
        return _render_review(request, organisation, form)
    try:
        services.organisation_reject(
            organisation=organisation,
            reviewed_by=request.user,
            reason=form.cleaned_data["reason"],
            base_url=_base_url(request),
        )
    except OrganisationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(organisation)s is rejected. The requester has been emailed the reason.")
            % {"organisation": organisation.name},
        )
    return redirect("organisations:review_list")
