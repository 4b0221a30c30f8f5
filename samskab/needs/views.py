"""Thin views over the needs services.

The alert's one-click link works without logging in: the token is the permission, for that
volunteer and that need only. Like every link in an email it never changes anything on GET
(mail scanners open links to check them): GET shows the need and one button; POST accepts.
Contact details are shown only to the organisation and to the volunteers who have a place.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from samskab.booking import selectors as booking_selectors
from samskab.booking.models import Booking
from samskab.core import limits
from samskab.core.view_helpers import add_service_error
from samskab.needs import errors, selectors, services
from samskab.needs.forms import CancelNeedForm, NeedForm, TownFilterForm
from samskab.needs.models import Need
from samskab.organisations import selectors as organisation_selectors
from samskab.organisations.access import coordinated_organisation
from samskab.volunteering import services as volunteering_services
from samskab.volunteering import views as volunteering_views
from samskab.volunteering.errors import VolunteeringError

PAGE_SIZE = 20


def _accepted_message(result: services.AcceptResult) -> str:
    if not result.created:
        return _("You already have a place. Thank you – see you there!")
    return _(
        "Thank you – the place is yours! We have sent you an email with the details, and we "
        "will remind you the day before."
    )


# --- public pages ------------------------------------------------------------------------------


def near_you(request):
    """Open needs, soonest first: near a chosen town, near the towns in the volunteer's
    profile, or everywhere."""
    form = TownFilterForm(request.GET or None)
    town = None
    town_ids: set[int] = set()
    profile_towns = []
    if form.is_valid() and form.cleaned_data["town"] is not None:
        town = form.cleaned_data["town"]
        town_ids = selectors.towns_near_ids([town.pk])
    elif "town" not in request.GET:
        profile_towns = selectors.profile_towns(request.user)
        town_ids = selectors.towns_near_ids([t.pk for t in profile_towns])
    needs = selectors.open_needs_in(town_ids=town_ids)
    page = Paginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "needs/near_you.html",
        {
            "form": form,
            "town": town,
            "profile_towns": profile_towns,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        },
    )


def _visible_need(request, pk: int) -> Need:
    need = selectors.need_for_page(pk=pk)
    if need is None or not selectors.need_is_visible_to(need, request.user):
        raise Http404
    return need


def detail(request, pk: int, slug: str | None = None):
    need = _visible_need(request, pk)
    if need.slug and slug != need.slug:
        return redirect(need.get_absolute_url(), permanent=True)
    can_coordinate = organisation_selectors.can_coordinate(request.user, need.organisation)
    booking = selectors.booking_of(need, request.user)
    has_place = booking is not None and booking.status == Booking.Status.CONFIRMED
    return render(
        request,
        "needs/need_detail.html",
        {
            "need": need,
            "booking": booking,
            "has_place": has_place,
            "show_contact": can_coordinate or has_place,
            "can_coordinate": can_coordinate,
            "problem": None if booking is not None else selectors.acceptance_problem(need),
        },
    )


@login_required
@require_POST
def accept(request, pk: int):
    need = _visible_need(request, pk)
    try:
        result = services.accept_need(need=need, user=request.user)
    except errors.NeedError as error:
        add_service_error(request, error)
    else:
        messages.success(request, _accepted_message(result))
    return redirect(need.get_absolute_url())


@require_http_methods(["GET", "POST"])
def respond(request, pk: int, token: str):
    """The alert's one-click link: GET shows the need and an "Accept" button; POST takes
    the place for the volunteer the link was sent to."""
    alert = selectors.alert_by_token(need_id=pk, token=token)
    need = selectors.need_for_page(pk=pk) if alert is not None else None
    if need is None:
        return render(
            request,
            "needs/invalid_link.html",
            {"message": errors.InvalidAlertLink.message},
            status=404,
        )
    volunteer = alert.volunteer
    outcome = problem = None
    if request.method == "POST":
        try:
            result = services.accept_by_token(need_id=pk, token=token)
        except errors.NeedError as error:
            problem = error
        else:
            outcome = _accepted_message(result)
            need = selectors.need_for_page(pk=pk)
    booking = selectors.booking_of(need, volunteer)
    if booking is None and problem is None:
        problem = selectors.acceptance_problem(need)
    has_place = booking is not None and booking.status == Booking.Status.CONFIRMED
    return render(
        request,
        "needs/respond.html",
        {
            "need": need,
            "volunteer": volunteer,
            "token": token,
            "booking": booking,
            "has_place": has_place,
            "show_contact": has_place,
            "problem": problem,
            "outcome": outcome,
            "logged_in_as_someone_else": request.user.is_authenticated
            and request.user.pk != volunteer.pk,
        },
    )


@require_http_methods(["GET", "POST"])
def check_in(request, pk: int, secret: str):
    """The page the need's QR code opens: volunteering's check-in, for this need."""
    return volunteering_views.check_in_page(request, selectors.need_for_page(pk=pk), secret)


# --- the organisation -----------------------------------------------------------------------


def _need_for(request, slug: str, pk: int):
    organisation, access = coordinated_organisation(request, slug)
    need = selectors.need_for_management(organisation=organisation, pk=pk)
    if need is None:
        raise Http404
    return organisation, access, need


def _manage(request, template: str, organisation, access, **context):
    context.update({"organisation": organisation, "organisation_access": access})
    return render(request, f"needs/manage/{template}", context)


@login_required
def manage_list(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    return _manage(
        request,
        "list.html",
        organisation,
        access,
        needs=selectors.needs_for_management(organisation),
    )


# Each need posted alerts every volunteer it fits by email.
POSTINGS = (limits.Limit("needs.post", "20/h", per=limits.USER),)


@login_required
@require_http_methods(["GET", "POST"])
def create(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    form = NeedForm(request.POST or None, organisation=organisation, user=request.user)
    if request.method == "POST" and form.is_valid() and limits.allow(request, *POSTINGS, form=form):
        try:
            need = services.post_need(
                organisation=organisation, by=request.user, **form.service_arguments()
            )
        except errors.NotAllowed as error:
            raise PermissionDenied from error
        except errors.NeedError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "The need is posted. The volunteers it fits are told by email, and the "
                    "first to say yes get it."
                ),
            )
            return redirect("needs:manage_detail", slug=slug, pk=need.pk)
    return _manage(request, "form.html", organisation, access, form=form)


@login_required
def manage_detail(request, slug: str, pk: int):
    organisation, access, need = _need_for(request, slug, pk)
    slot = need.booking_slot
    return _manage(
        request,
        "detail.html",
        organisation,
        access,
        need=need,
        roster=booking_selectors.slot_roster(slot=slot) if slot is not None else None,
        alerts=selectors.alert_summary(need),
    )


@login_required
def qr(request, slug: str, pk: int):
    """The need's check-in QR code, to show on a screen or print."""
    organisation, access, need = _need_for(request, slug, pk)
    return _manage(
        request,
        "qr.html",
        organisation,
        access,
        need=need,
        check_in_url=volunteering_views.check_in_url(request, need),
    )


@login_required
def qr_svg(request, slug: str, pk: int):
    _organisation, _access, need = _need_for(request, slug, pk)
    return volunteering_views.check_in_qr_svg(request, need)


@login_required
@require_POST
def close_attendance(request, slug: str, pk: int):
    """Attendance is complete: who did not check in is recorded as not having come, and
    those who came get their hours and a thank-you."""
    _organisation, _access, need = _need_for(request, slug, pk)
    try:
        result = volunteering_services.close_attendance(work=need, by=request.user)
    except VolunteeringError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "Attendance is complete. %(count)d person who did not check in is recorded as "
                "not having come.",
                "Attendance is complete. %(count)d people who did not check in are recorded as "
                "not having come.",
                result.no_shows,
            )
            % {"count": result.no_shows},
        )
    return redirect("needs:manage_detail", slug=slug, pk=pk)


@login_required
@require_POST
def close(request, slug: str, pk: int):
    _organisation, _access, need = _need_for(request, slug, pk)
    try:
        services.close_need(need=need, by=request.user)
    except errors.NotAllowed as error:
        raise PermissionDenied from error
    messages.success(
        request, _("The need is closed. The volunteers who said yes keep their places.")
    )
    return redirect("needs:manage_detail", slug=slug, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, slug: str, pk: int):
    organisation, access, need = _need_for(request, slug, pk)
    form = CancelNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_need(need=need, by=request.user, reason=form.cleaned_data["reason"])
        except errors.NotAllowed as error:
            raise PermissionDenied from error
        except errors.NeedError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The need is cancelled. The volunteers who said yes have been told.")
            )
            return redirect("needs:manage_detail", slug=slug, pk=pk)
    return _manage(request, "cancel.html", organisation, access, need=need, form=form)
