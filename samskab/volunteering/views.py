"""Pages of volunteering: the public list and opportunity pages, the volunteer's own pages,
check-in by QR, and the coordinators' pages under an organisation's management.

Every management view loads the organisation from the URL, checks that the user may
coordinate *that* organisation, and then looks the opportunity, shift, booking or hours up
within it, so nobody reaches another organisation's roster by changing a number."""

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.booking import errors as booking_errors
from samskab.booking import selectors as booking_selectors
from samskab.booking import views as booking_views
from samskab.booking.forms import GuestSignupForm
from samskab.booking.models import Booking
from samskab.core import ical, limits, page_cache
from samskab.core.jsonld import ld_json_script
from samskab.core.paging import CappedPaginator
from samskab.core.view_helpers import add_service_error, safe_next
from samskab.organisations import selectors as organisation_selectors
from samskab.organisations.access import coordinated_organisation
from samskab.organisations.models import Organisation
from samskab.volunteering import (
    cached_pages,
    cards,
    csv_export,
    feeds,
    jsonld,
    selectors,
    services,
)
from samskab.volunteering.errors import CheckInRefused, VolunteeringError
from samskab.volunteering.filters import kept_form, valid_filterset
from samskab.volunteering.forms import (
    AddPlacesForm,
    CancelShiftForm,
    DeleteOpportunityForm,
    HoursReviewForm,
    LogHoursForm,
    MessageForm,
    OpportunityForm,
    ProfileForm,
    ShiftForm,
)

PAGE_SIZE = 20


# --- public pages ------------------------------------------------------------------------------


def opportunity_list(request):
    """The searchable list. Filters are GET parameters; with htmx only the results are
    sent, and the browser's address is updated to the same URL (hx-push-url)."""
    filterset, ignored = valid_filterset(request.GET)
    # The cards' lists are read for the page's twenty in one query, not prefetched.
    page = CappedPaginator(filterset.qs.prefetch_related(None), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = list(page.object_list)
    cards.attach_cards(page.object_list)
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        "ignored": ignored,
    }
    if request.htmx and not request.htmx.boosted:
        response = render(request, "volunteering/includes/opportunity_results.html", context)
    else:
        response = render(
            request, "volunteering/opportunity_list.html", {**context, **kept_form(request)}
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


@page_cache.cache_visitor_page(cached_pages.PAGES, tags=cached_pages.page_tags)
def opportunity_detail(request, pk: int, slug: str | None = None):
    """The same page for every visitor who is not logged in, so it is kept in the cache
    (cached_pages.py says what forgets it); the sign-up forms get each visitor's CSRF token
    when the page is served, which is why this returns a TemplateResponse."""
    opportunity = selectors.opportunity_for_page(pk=pk)
    if opportunity is None or not selectors.opportunity_is_visible_to(opportunity, request.user):
        raise Http404
    if opportunity.slug and slug != opportunity.slug:
        return redirect(opportunity.get_absolute_url(), permanent=True)
    coming = selectors.page_shifts(opportunity=opportunity)
    states = booking_selectors.owner_signup_states(owners=coming.shifts, user=request.user)
    can_coordinate = organisation_selectors.can_coordinate(request.user, opportunity.organisation)
    show_contact = can_coordinate or selectors.has_signed_up(
        opportunity=opportunity, user=request.user
    )
    shifts = []
    for shift in coming.shifts:
        state = states.get(shift.pk)
        guest_form = None
        if state is not None and not request.user.is_authenticated:
            guest_form = GuestSignupForm.empty_html(state.slot.pk)
        shifts.append(
            {
                "shift": shift,
                "signup": state,
                "guest_form": guest_form,
                "next_url": f"{request.path}#shift-{shift.pk}",
            }
        )
    absolute_url = request.build_absolute_uri(opportunity.get_absolute_url())
    return TemplateResponse(
        request,
        "volunteering/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "shifts": shifts,
            "has_more_shifts": coming.has_more,
            "show_contact": show_contact,
            "can_coordinate": can_coordinate,
            "json_ld": ld_json_script(
                jsonld.opportunity_data(
                    opportunity,
                    coming.shifts,
                    url=absolute_url,
                    organisation_url=request.build_absolute_uri(
                        opportunity.organisation.get_absolute_url()
                    ),
                )
            )
            if opportunity.is_public
            else "",
            "feed_url": request.build_absolute_uri(
                reverse("volunteering:ical_opportunity", kwargs={"pk": opportunity.pk})
            ),
        },
    )


@require_GET
def ical_opportunity(request, pk: int):
    """The shifts of a public opportunity, for calendar apps (no login: they cannot)."""
    opportunity = selectors.opportunity_for_page(pk=pk)
    if opportunity is None or not opportunity.is_public:
        raise Http404
    calendar = ical.new_calendar(name=opportunity.title)
    context = ical.feed_context(request)
    for shift in selectors.feed_shifts(opportunity=opportunity):
        calendar.add_component(feeds.shift_event(shift, **context))
    return ical.calendar_response(calendar, filename=f"volunteering-{opportunity.pk}.ics")


# --- the volunteer -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    existing = selectors.profile_of(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.save_profile(user=request.user, **form.service_arguments())
            messages.success(request, _("Your volunteer profile is saved."))
            return redirect(safe_next(request, reverse("volunteering:my_volunteering")))
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(existing, request.user))
    return render(
        request,
        "volunteering/profile.html",
        {"form": form, "profile": existing, "next_url": safe_next(request, "")},
    )


@login_required
def my_volunteering(request):
    history = selectors.volunteer_history_page(request.user, request.GET.get("page"))
    return render(
        request,
        "volunteering/my_volunteering.html",
        {
            "profile": selectors.profile_of(request.user),
            "upcoming": selectors.upcoming_volunteer_bookings(request.user),
            "history": history.object_list,
            "page": history,
            "page_range": history.paginator.get_elided_page_range(history.number, on_each_side=1),
            "totals": selectors.approved_hours_by_organisation(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_hours(request):
    if request.method == "POST":
        form = LogHoursForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.log_hours(
                    volunteer=request.user,
                    organisation=data["organisation"],
                    date=data["date"],
                    hours=data["hours"],
                    description=data["description"],
                )
            except VolunteeringError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your hours are logged. %(organisation)s will approve them, and you "
                        "can follow them here."
                    )
                    % {"organisation": data["organisation"].name},
                )
                return redirect("volunteering:my_volunteering")
    else:
        initial = {"date": timezone.localdate()}
        organisation = Organisation.objects.filter(
            slug=request.GET.get("organisation", ""), status=Organisation.Status.APPROVED
        ).first()
        if organisation is not None:
            initial["organisation"] = organisation
        form = LogHoursForm(initial=initial)
    return render(request, "volunteering/log_hours.html", {"form": form})


@login_required
@require_POST
def withdraw_hours(request, pk: int):
    entry = selectors.own_hours_entry(user=request.user, pk=pk)
    if entry is None:
        raise Http404
    try:
        services.withdraw_hours(entry=entry, volunteer=request.user)
    except VolunteeringError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The hours are withdrawn."))
    return redirect("volunteering:my_volunteering")


@require_http_methods(["GET", "POST"])
def check_in(request, shift_id: int, secret: str):
    """The page a shift's QR code opens."""
    return check_in_page(request, selectors.shift_for_check_in(pk=shift_id), secret)


def check_in_page(request, work, secret: str):
    """The page the QR code of volunteer work (a shift, a need) opens. A wrong link is
    refused before anything else; a visitor who is not logged in is sent to log in and
    back; then only a volunteer confirmed on this very work can check in (GET shows the
    button, POST checks in)."""
    if work is None:
        return _check_in_refused(request, None, CheckInRefused(CheckInRefused.WRONG_LINK))
    problem = services.check_in_problem(work=work, user=request.user, secret=secret)
    if problem is not None and problem.code == CheckInRefused.WRONG_LINK:
        return _check_in_refused(request, work, problem)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "GET":
        if problem is not None:
            return _check_in_refused(request, work, problem)
        booking = booking_selectors.active_booking(slot=work.booking_slot, user=request.user)
        return render(
            request,
            "volunteering/check_in.html",
            {
                "work": work,
                "already": booking.attendance == Booking.Attendance.ATTENDED,
                "done": False,
            },
        )
    try:
        result = services.check_in(work=work, user=request.user, secret=secret)
    except CheckInRefused as refused:
        return _check_in_refused(request, work, refused)
    return render(
        request,
        "volunteering/check_in.html",
        {"work": work, "already": result.already_checked_in, "done": True},
    )


def _check_in_refused(request, work, problem: CheckInRefused):
    status = 404 if problem.code == CheckInRefused.WRONG_LINK else 403
    return render(
        request,
        "volunteering/check_in_refused.html",
        {
            "work": work if problem.code != CheckInRefused.WRONG_LINK else None,
            "problem": problem,
            "offer_sign_up": problem.code == CheckInRefused.NOT_SIGNED_UP,
        },
        status=status,
    )


# --- coordinators ------------------------------------------------------------------------------


def _opportunity_for(request, slug: str, pk: int):
    organisation, access = coordinated_organisation(request, slug)
    opportunity = selectors.opportunity_for_management(organisation=organisation, pk=pk)
    if opportunity is None:
        raise Http404
    return organisation, access, opportunity


def _shift_for(request, slug: str, shift_id: int):
    organisation, access = coordinated_organisation(request, slug)
    shift = selectors.shift_for_management(organisation=organisation, pk=shift_id)
    if shift is None:
        raise Http404
    return organisation, access, shift


def _manage(request, template: str, organisation, access, **context):
    context.update({"organisation": organisation, "organisation_access": access})
    return render(request, f"volunteering/manage/{template}", context)


@login_required
def manage_list(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    return _manage(
        request,
        "list.html",
        organisation,
        access,
        opportunities=selectors.opportunities_for_management(organisation),
        pending_hours=selectors.pending_hours_count(organisation),
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_create(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    form = OpportunityForm(request.POST or None, organisation=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.create_opportunity(
                organisation=organisation, by=request.user, **form.service_arguments()
            )
        except VolunteeringError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The opportunity is created. Add the first shift when you are ready.")
            )
            return redirect("volunteering:manage_opportunity", slug=slug, pk=opportunity.pk)
    return _manage(
        request, "opportunity_form.html", organisation, access, form=form, opportunity=None
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_edit(request, slug: str, pk: int):
    organisation, access, opportunity = _opportunity_for(request, slug, pk)
    form = OpportunityForm(
        request.POST or None, instance=opportunity, organisation=organisation, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_opportunity(
                opportunity=opportunity, by=request.user, **form.service_arguments()
            )
        except VolunteeringError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The opportunity is saved."))
            return redirect("volunteering:manage_opportunity", slug=slug, pk=opportunity.pk)
    return _manage(
        request, "opportunity_form.html", organisation, access, form=form, opportunity=opportunity
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_delete(request, slug: str, pk: int):
    organisation, access, opportunity = _opportunity_for(request, slug, pk)
    form = DeleteOpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_opportunity(opportunity=opportunity, by=request.user)
        except VolunteeringError as error:
            messages.error(request, error.message)
            return redirect("volunteering:manage_opportunity", slug=slug, pk=opportunity.pk)
        messages.success(request, _("The opportunity is deleted."))
        return redirect("volunteering:manage_list", slug=slug)
    return _manage(
        request, "opportunity_delete.html", organisation, access, form=form, opportunity=opportunity
    )


@login_required
def manage_opportunity(request, slug: str, pk: int):
    organisation, access, opportunity = _opportunity_for(request, slug, pk)
    return _manage(
        request,
        "opportunity.html",
        organisation,
        access,
        opportunity=opportunity,
        coming=selectors.shifts_for_management(opportunity=opportunity),
        past=selectors.shifts_for_management(opportunity=opportunity, past=True, limit=20),
        sent=selectors.messages_sent(opportunity=opportunity),
    )


@login_required
def opportunity_roster(request, slug: str, pk: int):
    organisation, access, opportunity = _opportunity_for(request, slug, pk)
    return _manage(
        request,
        "opportunity_roster.html",
        organisation,
        access,
        opportunity=opportunity,
        rosters=selectors.opportunity_rosters(opportunity=opportunity),
        shift_limit=selectors.ROSTER_SHIFT_LIMIT,
    )


@login_required
def opportunity_roster_csv(request, slug: str, pk: int):
    _organisation, _access, opportunity = _opportunity_for(request, slug, pk)
    header, rows = csv_export.roster_rows(selectors.opportunity_rosters(opportunity=opportunity))
    filename = f"deltagere-{opportunity.slug or opportunity.pk}.csv"
    return csv_export.csv_response(filename, header, rows)


# Each message goes by email to every volunteer of an opportunity or shift.
MESSAGES = (limits.Limit("volunteering.message", "20/h", per=limits.USER),)


def _message_page(request, organisation, access, opportunity, shift=None):
    form = MessageForm(request.POST or None)
    recipients = selectors.message_recipients(opportunity=opportunity, shift=shift)
    if request.method == "POST" and form.is_valid() and limits.allow(request, *MESSAGES, form=form):
        try:
            record = services.message_volunteers(
                sender=request.user,
                opportunity=opportunity,
                shift=shift,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except VolunteeringError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Your message is on its way to %(count)d volunteer.",
                    "Your message is on its way to %(count)d volunteers.",
                    record.recipient_count,
                )
                % {"count": record.recipient_count},
            )
            if shift is not None:
                return redirect(
                    "volunteering:shift_roster", slug=organisation.slug, shift_id=shift.pk
                )
            return redirect(
                "volunteering:manage_opportunity", slug=organisation.slug, pk=opportunity.pk
            )
    return _manage(
        request,
        "message.html",
        organisation,
        access,
        opportunity=opportunity,
        shift=shift,
        form=form,
        recipient_count=len(recipients),
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_message(request, slug: str, pk: int):
    organisation, access, opportunity = _opportunity_for(request, slug, pk)
    return _message_page(request, organisation, access, opportunity)


@login_required
@require_http_methods(["GET", "POST"])
def shift_create(request, slug: str, pk: int):
    organisation, access, opportunity = _opportunity_for(request, slug, pk)
    form = ShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            shifts = services.create_weekly_shifts(
                opportunity=opportunity, spec=form.spec(), weeks=form.cleaned_data["repeat_weeks"]
            )
        except VolunteeringError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)d shift is added.", "%(count)d shifts are added.", len(shifts))
                % {"count": len(shifts)},
            )
            return redirect("volunteering:manage_opportunity", slug=slug, pk=opportunity.pk)
    return _manage(
        request,
        "shift_form.html",
        organisation,
        access,
        form=form,
        opportunity=opportunity,
        shift=None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def shift_edit(request, slug: str, shift_id: int):
    organisation, access, shift = _shift_for(request, slug, shift_id)
    if shift.is_cancelled:
        messages.error(request, _("This shift has been cancelled and can no longer be changed."))
        return redirect("volunteering:shift_roster", slug=slug, shift_id=shift.pk)
    form = ShiftForm(request.POST or None, repeat=False, initial=ShiftForm.initial_for(shift))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_shift(shift=shift, spec=form.spec())
        except VolunteeringError as error:
            add_service_error(form, error)
        except booking_errors.CapacityTooLow as error:
            form.add_error("volunteers_needed", str(error.message))
        except booking_errors.BookingError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request, _("The shift is saved. Everyone signed up has been told of any new time.")
            )
            return redirect("volunteering:shift_roster", slug=slug, shift_id=shift.pk)
    return _manage(
        request,
        "shift_form.html",
        organisation,
        access,
        form=form,
        opportunity=shift.opportunity,
        shift=shift,
    )


@login_required
@require_http_methods(["GET", "POST"])
def shift_cancel(request, slug: str, shift_id: int):
    organisation, access, shift = _shift_for(request, slug, shift_id)
    form = CancelShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.cancel_shift(shift=shift, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The shift is cancelled. Everyone signed up has been told."))
        return redirect("volunteering:shift_roster", slug=slug, shift_id=shift.pk)
    return _manage(request, "shift_cancel.html", organisation, access, form=form, shift=shift)


@login_required
def shift_roster(request, slug: str, shift_id: int):
    organisation, access, shift = _shift_for(request, slug, shift_id)
    item = selectors.shift_roster(shift=shift)
    slot = shift.booking_slot
    now = timezone.now()
    return _manage(
        request,
        "shift_roster.html",
        organisation,
        access,
        shift=shift,
        opportunity=shift.opportunity,
        roster=item.roster,
        add_places_form=AddPlacesForm(waiting=len(item.roster.waitlisted)),
        can_close=now >= slot.starts_at and not slot.is_cancelled,
        has_ended=now >= slot.ends_at,
    )


@login_required
def shift_roster_csv(request, slug: str, shift_id: int):
    _organisation, _access, shift = _shift_for(request, slug, shift_id)
    header, rows = csv_export.roster_rows([selectors.shift_roster(shift=shift)])
    start = timezone.localtime(shift.starts_at)
    filename = (
        f"deltagere-{shift.opportunity.slug or shift.opportunity_id}-{start:%Y-%m-%d-%H%M}.csv"
    )
    return csv_export.csv_response(filename, header, rows)


@login_required
@require_http_methods(["GET", "POST"])
def shift_message(request, slug: str, shift_id: int):
    organisation, access, shift = _shift_for(request, slug, shift_id)
    return _message_page(request, organisation, access, shift.opportunity, shift=shift)


def _back_to_roster(slug, shift, anchor="roster"):
    return redirect(reverse("volunteering:shift_roster", args=[slug, shift.pk]) + f"#{anchor}")


@login_required
@require_POST
def shift_attendance(request, slug: str, shift_id: int, booking_id: int):
    """The older address of the booking engine's attendance view (``booking:mark_attendance``),
    kept working: the shift is looked up within the organisation, then the engine records
    attendance through the shift (which credits the hours) and comes back to its roster."""
    _organisation, _access, shift = _shift_for(request, slug, shift_id)
    return booking_views.mark_attendance(
        request, slot_id=shift.booking_slot.pk, booking_id=booking_id
    )


@login_required
@require_POST
def shift_add_places(request, slug: str, shift_id: int):
    _organisation, _access, shift = _shift_for(request, slug, shift_id)
    form = AddPlacesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a number of places between 1 and 100."))
        return _back_to_roster(slug, shift, "waiting-list")
    try:
        slot = services.add_places(shift=shift, count=form.cleaned_data["count"])
    except (VolunteeringError, booking_errors.BookingError) as error:
        messages.error(request, error.message)
    else:
        if slot.auto_confirm_waitlist:
            text = _(
                "The shift now has %(total)d places. The first people waiting have got a place "
                "and have been told by email."
            )
        else:
            text = _(
                "The shift now has %(total)d places. The first people waiting have been offered "
                "a place by email and must accept it."
            )
        messages.success(request, text % {"total": slot.capacity})
    return _back_to_roster(slug, shift, "waiting-list")


@login_required
@require_POST
def shift_close(request, slug: str, shift_id: int):
    _organisation, _access, shift = _shift_for(request, slug, shift_id)
    try:
        result = services.close_attendance(work=shift, by=request.user)
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
    return _back_to_roster(slug, shift)


def check_in_url(request, work) -> str:
    return request.build_absolute_uri(work.check_in_path())


@login_required
def shift_qr(request, slug: str, shift_id: int):
    """A page to show on a screen or print: the QR code and the shift's details."""
    organisation, access, shift = _shift_for(request, slug, shift_id)
    return _manage(
        request,
        "shift_qr.html",
        organisation,
        access,
        shift=shift,
        check_in_url=check_in_url(request, shift),
    )


def check_in_qr_svg(request, work) -> HttpResponse:
    """The QR code of the work's check-in link, as SVG."""
    code = segno.make_qr(check_in_url(request, work), error="m")
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        scale=10,
        border=4,
        dark="#000",
        light="#fff",
        title=_("QR code for checking in"),
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    # The code carries the work's secret: never keep it in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def shift_qr_svg(request, slug: str, shift_id: int):
    _organisation, _access, shift = _shift_for(request, slug, shift_id)
    return check_in_qr_svg(request, shift)


@login_required
def hours_review(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    return _hours_page(request, organisation, access)


def _hours_page(request, organisation, access, bound_form=None, status=200):
    entries = selectors.pending_hours(organisation)
    rows = []
    for entry in entries:
        own = entry.volunteer_id == request.user.pk
        form = None
        if not own:
            if bound_form is not None and bound_form.entry.pk == entry.pk:
                form = bound_form
            else:
                form = HoursReviewForm(entry=entry)
        rows.append({"entry": entry, "form": form, "own": own})
    response = _manage(
        request,
        "hours.html",
        organisation,
        access,
        rows=rows,
        reviewed=selectors.recently_reviewed_hours(organisation),
    )
    response.status_code = status
    return response


@login_required
@require_http_methods(["GET", "POST"])
def hours_decide(request, slug: str, entry_id: int):
    organisation, access = coordinated_organisation(request, slug)
    entry = selectors.hours_entry_for_review(organisation=organisation, pk=entry_id)
    if entry is None:
        raise Http404
    if request.method == "GET":
        return redirect(reverse("volunteering:hours_review", args=[slug]) + f"#entry-{entry.pk}")
    form = HoursReviewForm(request.POST, entry=entry)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == HoursReviewForm.REJECT:
                services.reject_hours(entry=entry, by=request.user, note=data["note"])
                text = _("The hours are not approved; %(name)s can see your note.")
            else:
                services.approve_hours(
                    entry=entry, by=request.user, hours=data["hours"], note=data["note"]
                )
                text = _("The hours of %(name)s are approved.")
        except VolunteeringError as error:
            if error.field in form.fields:
                add_service_error(form, error)
            else:
                messages.error(request, error.message)
                return redirect("volunteering:hours_review", slug=slug)
        else:
            name = entry.volunteer.get_full_name() if entry.volunteer_id else _("the volunteer")
            messages.success(request, text % {"name": name})
            return redirect("volunteering:hours_review", slug=slug)
    return _hours_page(request, organisation, access, bound_form=form, status=400)


def _summary_year(request, organisation) -> tuple[int, list[int], bool]:
    years = selectors.summary_years(organisation)
    raw = request.GET.get("year", "")
    if not raw:
        return years[0], years, False
    try:
        year = int(raw)
    except ValueError:
        return years[0], years, True
    if year not in years:
        return years[0], years, True
    return year, years, False


@login_required
def summary(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    year, years, ignored = _summary_year(request, organisation)
    return _manage(
        request,
        "summary.html",
        organisation,
        access,
        summary=selectors.yearly_summary(organisation=organisation, year=year),
        years=years,
        ignored_year=ignored,
    )


@login_required
def summary_csv(request, slug: str):
    organisation, _access = coordinated_organisation(request, slug)
    year, _years, _ignored = _summary_year(request, organisation)
    header, rows = csv_export.summary_rows(
        selectors.yearly_summary(organisation=organisation, year=year)
    )
    return csv_export.csv_response(f"frivillighed-{organisation.slug}-{year}.csv", header, rows)
