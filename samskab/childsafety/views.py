"""The coordinator's børneattest page under an organisation's management, and the
volunteer's own page. Management views load the organisation from the URL and refuse
anyone who cannot coordinate it; a volunteer is only found among the people with a status
at that organisation, so nobody records anything about another organisation's people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskab.childsafety import emails, selectors, services
from samskab.childsafety.errors import ChildSafetyError
from samskab.childsafety.forms import REQUESTED, ApprovalForm
from samskab.core.view_helpers import add_service_error
from samskab.organisations.access import coordinated_organisation


def _prefix(volunteer_id: int) -> str:
    return f"volunteer-{volunteer_id}"


def _render_manage(request, organisation, access, *, bound_form=None, status=200):
    rows = selectors.attests_for_organisation(organisation)
    items = []
    for row in rows:
        volunteer_id = row.volunteer.pk
        if bound_form is not None and bound_form.prefix == _prefix(volunteer_id):
            form = bound_form
        else:
            form = ApprovalForm(
                prefix=_prefix(volunteer_id), initial={"approved_on": timezone.localdate()}
            )
        items.append({"row": row, "form": form})
    return render(
        request,
        "childsafety/manage.html",
        {
            "organisation": organisation,
            "organisation_access": access,
            "items": items,
            **emails.rule_context(),
        },
        status=status,
    )


@login_required
@require_GET
def manage(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    return _render_manage(request, organisation, access)


@login_required
@require_POST
def manage_record(request, slug: str, volunteer_id: int):
    organisation, access = coordinated_organisation(request, slug)
    row = selectors.attest_for_organisation_volunteer(organisation, volunteer_id)
    if row is None:
        raise Http404
    prefix = _prefix(volunteer_id)
    name = row.volunteer.get_full_name()
    done_url = reverse("childsafety:manage", kwargs={"slug": organisation.slug})
    done_url = f"{done_url}#volunteer-{volunteer_id}"
    if request.POST.get(f"{prefix}-action") == REQUESTED:
        try:
            services.record_requested(
                volunteer=row.volunteer, organisation=organisation, by=request.user
            )
        except ChildSafetyError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The børneattest of %(name)s is recorded as requested.") % {"name": name},
            )
        return redirect(done_url)
    form = ApprovalForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            services.record_approved(
                volunteer=row.volunteer,
                organisation=organisation,
                by=request.user,
                approved_on=form.cleaned_data["approved_on"],
            )
        except ChildSafetyError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The børneattest of %(name)s is recorded as approved.") % {"name": name},
            )
            return redirect(done_url)
    return _render_manage(request, organisation, access, bound_form=form, status=400)


@login_required
@require_GET
def mine(request):
    return render(
        request,
        "childsafety/mine.html",
        {"attests": selectors.attests_of_volunteer(request.user), **emails.rule_context()},
    )
