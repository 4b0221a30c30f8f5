"""Thin views over the booking services.

The pages reached from email links work without logging in: the link's token is the
permission. They never change anything on GET (mail scanners open links to check them):
GET shows what will happen and a button; POST does it. Unknown, used and expired links get
a page that says so in words, never a bare error."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samskab.booking import errors, owners, selectors, services
from samskab.booking.forms import AttendanceForm, CancelSlotForm, CapacityForm, GuestSignupForm
from samskab.booking.models import Booking, Slot
from samskab.booking.owners import can_manage_slot, describe_slot, sign_up_open
from samskab.core import limits
from samskab.core.view_helpers import safe_next


def _result_message(result: services.BookingResult) -> str:
    status = result.booking.status
    if status == Booking.Status.PENDING:
        return _(
            "Almost done: we have sent an email to %(email)s. Open the link in it to confirm "
            "your sign-up."
        ) % {"email": result.booking.guest_email}
    if not result.created:
        if status == Booking.Status.WAITLISTED:
            return _("You are already on the waiting list, as number %(position)d.") % {
                "position": result.waitlist_position
            }
        if status == Booking.Status.OFFERED:
            return _("A place is already offered to you. Accept it below or from your email.")
        return _("You are already signed up. Your place is kept.")
    if status == Booking.Status.WAITLISTED:
        return _(
            "It is full, so you are on the waiting list as number %(position)d. We will email "
            "you if a place becomes free."
        ) % {"position": result.waitlist_position}
    return _("You have a place. We have sent you an email with the details.")


# --- signing up ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def sign_up(request, slot_id: int):
    """GET: a page of its own for signing up to one slot. POST: the target of every sign-up
    form (this page's and the include on owners' pages); it redirects back to ``next``."""
    slot = get_object_or_404(Slot.objects.select_related("content_type"), pk=slot_id)
    if not sign_up_open(slot):
        raise Http404
    form = None
    if request.method == "POST":
        next_url = safe_next(request, reverse("booking:sign_up", args=[slot.pk]))
        if request.user.is_authenticated:
            if not limits.allow(request, *SIGN_UPS):
                return limits.too_many_requests(request)
            return _sign_up_and_redirect(request, next_url, slot=slot, user=request.user)
        form = GuestSignupForm(request.POST, slot_id=slot.pk)
        # Over a limit, this page shows the form again with what was typed (also when it
        # was sent from an owner's page).
        if form.is_valid() and limits.allow(
            request, *GUEST_SIGN_UPS, form=form, value=form.cleaned_data["email"]
        ):
            return _sign_up_and_redirect(
                request,
                next_url,
                slot=slot,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                language=get_language(),
            )
    return render(
        request,
        "booking/sign_up.html",
        {
            "slot": slot,
            "description": describe_slot(slot),
            "form": form,
            "next_url": safe_next(request, request.path),
        },
    )


# Each visitor sign-up sends an email, so the public form must not become a way to flood
# someone's inbox: a few per address and a few dozen per network address per hour. Users
# get a confirmation for each sign-up too (activities, shifts: every owner's sign-up).
GUEST_SIGN_UPS = (
    limits.Limit("booking.guest_sign_up", "30/h"),
    limits.Limit("booking.guest_sign_up", "5/h", per=limits.VALUE),
)
SIGN_UPS = (limits.Limit("booking.sign_up", "60/h", per=limits.USER),)


def _sign_up_and_redirect(request, next_url, **kwargs):
    try:
        result = services.request_booking(**kwargs)
    except errors.BookingError as error:
        messages.error(request, error.message)
    else:
        level = messages.SUCCESS if result.status == Booking.Status.CONFIRMED else messages.INFO
        messages.add_message(request, level, _result_message(result))
    return redirect(next_url)


@login_required
def my_bookings(request):
    past = selectors.past_bookings_page(user=request.user, page_number=request.GET.get("page"))
    return render(
        request,
        "booking/my_bookings.html",
        {
            "upcoming": selectors.bookings_for_user(user=request.user, upcoming=True),
            "past": past.object_list,
            "page": past,
            "page_range": past.paginator.get_elided_page_range(past.number, on_each_side=1),
        },
    )


# --- one-click links from emails -------------------------------------------------------------


def _token_page(request, template_name: str, booking: Booking, **context):
    context.update(
        {
            "booking": booking,
            "slot": booking.slot,
            "description": describe_slot(booking.slot),
            "position": selectors.waitlist_position(booking),
            "next_url": safe_next(request),
        }
    )
    return render(request, template_name, context)


def _invalid_token(request):
    return render(
        request,
        "booking/invalid_link.html",
        {"message": errors.InvalidToken.message},
        status=404,
    )


def _done(request, template_name, booking, *, message, level=messages.SUCCESS, problem=None):
    """After a POST from an owner's page (``next``), go back there with a message;
    otherwise show the link's page with the outcome."""
    next_url = safe_next(request)
    if next_url:
        messages.add_message(request, level, message)
        return redirect(next_url)
    return _token_page(request, template_name, booking, outcome=message, problem=problem)


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    booking = selectors.find_booking_by_token(token)
    if booking is None:
        return _invalid_token(request)
    if request.method == "GET":
        problem = selectors.confirmation_problem(booking)
        return _token_page(request, "booking/confirm.html", booking, problem=problem)
    try:
        result = services.confirm_guest_booking(token=token)
    except errors.BookingError as error:
        return _token_page(request, "booking/confirm.html", error.booking or booking, problem=error)
    outcome = _result_message(result)
    return _token_page(request, "booking/confirm.html", result.booking, outcome=outcome)


@require_http_methods(["GET", "POST"])
def cancel(request, token: str):
    booking = selectors.find_booking_by_token(token)
    if booking is None:
        return _invalid_token(request)
    if request.method == "GET":
        return _token_page(
            request, "booking/cancel.html", booking, problem=selectors.cancellation_problem(booking)
        )
    was_active = booking.is_active
    try:
        booking = services.cancel_booking(token=token)
    except errors.BookingError as error:
        return _done(
            request,
            "booking/cancel.html",
            error.booking or booking,
            message=error.message,
            level=messages.ERROR,
            problem=error,
        )
    if was_active:
        message = _("Your sign-up is cancelled. Thank you for letting us know.")
    else:
        message = _("This sign-up was already cancelled. Nothing more to do.")
    return _done(request, "booking/cancel.html", booking, message=message)


@require_http_methods(["GET", "POST"])
def offer(request, token: str):
    booking = selectors.find_booking_by_token(token)
    if booking is None:
        return _invalid_token(request)
    if request.method == "GET":
        return _token_page(
            request, "booking/offer.html", booking, problem=selectors.offer_problem(booking)
        )
    action = request.POST.get("action")
    try:
        if action == "accept":
            booking = services.accept_offer(token=token)
            message = _("The place is yours. We have sent you an email with the details.")
        elif action == "decline":
            booking = services.decline_offer(token=token)
            message = _("Thank you for letting us know. The place goes to the next person waiting.")
        else:
            return _token_page(
                request,
                "booking/offer.html",
                booking,
                problem=errors.BookingError(_("Please choose whether to accept or decline.")),
            )
    except errors.BookingError as error:
        return _done(
            request,
            "booking/offer.html",
            error.booking or booking,
            message=error.message,
            level=messages.ERROR,
            problem=error,
        )
    return _done(request, "booking/offer.html", booking, message=message)


# --- organisers --------------------------------------------------------------------------------


def _managed_slot(request, slot_id: int) -> Slot:
    slot = get_object_or_404(Slot.objects.select_related("content_type"), pk=slot_id)
    if not can_manage_slot(slot, request.user):
        raise PermissionDenied
    return slot


@login_required
@require_http_methods(["GET", "POST"])
def manage_slot(request, slot_id: int):
    """The roster of one slot with attendance, and the organiser's two changes: the number
    of places and cancelling. Object-level permission comes from the owner
    (``booking_can_manage``)."""
    slot = _managed_slot(request, slot_id)
    capacity_form = CapacityForm(initial={"capacity": slot.capacity}, prefix="capacity")
    cancel_form = CancelSlotForm(prefix="cancel")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "capacity":
            capacity_form = CapacityForm(request.POST, prefix="capacity")
            if capacity_form.is_valid():
                try:
                    services.change_capacity(
                        slot=slot, capacity=capacity_form.cleaned_data["capacity"]
                    )
                except errors.BookingError as error:
                    capacity_form.add_error("capacity", str(error.message))
                else:
                    messages.success(request, _("The number of places is saved."))
                    return redirect("booking:manage_slot", slot_id=slot.pk)
        elif action == "cancel":
            cancel_form = CancelSlotForm(request.POST, prefix="cancel")
            if cancel_form.is_valid():
                services.cancel_slot(
                    slot=slot, reason=cancel_form.cleaned_data["reason"], by=request.user
                )
                messages.success(
                    request, _("The session is cancelled. Everyone signed up has been told.")
                )
                return redirect("booking:manage_slot", slot_id=slot.pk)
    roster = selectors.slot_roster(slot=slot)
    return render(
        request,
        "booking/manage_slot.html",
        {
            "slot": slot,
            "description": describe_slot(slot),
            "roster": roster,
            "capacity_form": capacity_form,
            "cancel_form": cancel_form,
        },
    )


@login_required
@require_POST
def mark_attendance(request, slot_id: int, booking_id: int):
    """The one attendance view for every owner (activity sessions, shifts, needs): record
    whether a confirmed person came, did not, or undo ("unknown"). The owner says who may
    (``booking_can_manage``), how it is recorded (``booking_mark_attendance``) and where
    its roster is (``booking_roster_url``), which is where this goes back to."""
    slot = _managed_slot(request, slot_id)
    booking = get_object_or_404(Booking.objects.select_related("user"), pk=booking_id, slot=slot)
    booking.slot = slot
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose whether the person came."))
    else:
        try:
            owners.mark_attendance(booking, attended=form.attended, by=request.user)
        except errors.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Attendance saved for %(name)s: %(attendance)s.")
                % {
                    "name": booking.display_name,
                    "attendance": Booking.Attendance(form.cleaned_data["attendance"]).label,
                },
            )
    return redirect(owners.roster_url(slot) + "#roster")
