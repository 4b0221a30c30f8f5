"""Activity pages, calendar feeds, "My activities", and the organisers' pages.

Every management view loads the organisation from the URL, checks that the user may
coordinate it (its administrators and coordinators, and municipal staff) and loads the
activity *of that organisation*: another organisation's coordinator gets 403 for the
organisation and 404 for an activity that is not its own. Sign-ups, cancellations and
attendance go through the booking engine's services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from samskab.activities import cached_pages, feeds, jsonld, selectors, services
from samskab.activities.forms import (
    ActivityForm,
    EndScheduleForm,
    FirstDatesForm,
    ScheduleForm,
    SessionForm,
)
from samskab.activities.models import Activity
from samskab.activities.services import ActivityError
from samskab.booking import selectors as booking_selectors
from samskab.booking import views as booking_views
from samskab.booking.forms import CancelSlotForm, CapacityForm, GuestSignupForm
from samskab.core import page_cache
from samskab.core.jsonld import ld_json_script
from samskab.organisations import selectors as organisation_selectors
from samskab.organisations.access import coordinated_organisation
from samskab.organisations.models import Organisation
from samskab.reference.models import Town

# --- the public activity page ----------------------------------------------------------------


@page_cache.cache_visitor_page(cached_pages.PAGES, tags=cached_pages.page_tags)
def activity_detail(request, pk: int, slug: str | None = None):
    """The same page for every visitor who is not logged in, so it is kept in the cache
    (signals.py says what forgets it); the sign-up forms get each visitor's CSRF token when
    the page is served, which is why this returns a TemplateResponse."""
    activity = selectors.activity_for_page(pk=pk)
    if activity is None or not selectors.activity_is_visible_to(activity, request.user):
        raise Http404
    if slug != activity.slug:
        return redirect(activity.get_absolute_url(), permanent=True)
    # The parts that are the same for everyone are template fragments kept in the cache;
    # what only they show is read when they are not.
    fragments = page_cache.fragment_version(cached_pages.PAGES, tags=cached_pages.page_tags(pk))
    if not page_cache.fragment_kept("activity-about", activity.pk, fragments):
        selectors.prefetch_for_page(activity)
    listed = selectors.page_sessions(activity=activity)
    states = {}
    if activity.requires_sign_up:
        states = booking_selectors.owner_signup_states(owners=listed.sessions, user=request.user)
    rows = []
    for session in listed.sessions:
        state = states.get(session.pk)
        guest_form = None
        if state is not None and not request.user.is_authenticated:
            guest_form = GuestSignupForm.empty_html(state.slot.pk)
        rows.append({"session": session, "signup": state, "guest_form": guest_form})
    access = None
    if request.user.is_authenticated:
        access = organisation_selectors.organisation_access(request.user, activity.organisation)
    page_url = request.build_absolute_uri(activity.get_absolute_url())

    def json_ld():
        # Called by the template only when its fragment is not kept.
        events = jsonld.activity_events(
            activity,
            listed.sessions,
            url=page_url,
            organisation_url=request.build_absolute_uri(activity.organisation.get_absolute_url()),
        )
        return ld_json_script(events) if events else ""

    return TemplateResponse(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "rows": rows,
            "has_more_sessions": listed.has_more,
            "can_coordinate": access is not None and access.can_coordinate,
            "json_ld": json_ld,
            "fragments": fragments,
            "fragment_seconds": cached_pages.PAGES.seconds() if fragments else 0,
            "feed_url": request.build_absolute_uri(
                reverse("activities:ical_activity", kwargs={"pk": activity.pk})
            ),
            "next_url": request.get_full_path(),
        },
    )


# --- calendar feeds --------------------------------------------------------------------------


def ical_activity(request, pk: int):
    activity = get_object_or_404(Activity.objects.select_related("organisation", "town"), pk=pk)
    if not activity.is_public:
        raise Http404
    calendar = feeds.new_calendar(name=activity.title)
    context = feeds.feed_context(request)
    for session in selectors.activity_feed_sessions(activity=activity):
        calendar.add_component(feeds.session_event(session, **context))
    return feeds.calendar_response(calendar, filename=f"activity-{activity.pk}.ics")


def ical_organisation(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not organisation.is_public:
        raise Http404
    calendar = feeds.new_calendar(name=organisation.name)
    context = feeds.feed_context(request)
    for session in selectors.organisation_feed_sessions(organisation=organisation):
        calendar.add_component(feeds.session_event(session, **context))
    return feeds.calendar_response(calendar, filename=f"{organisation.slug}.ics")


def ical_personal(request, token: str):
    """The person's sign-ups. The secret in the address is the only permission: calendar
    apps cannot log in. An unknown or replaced address is simply not found."""
    feed = selectors.feed_by_token(token)
    if feed is None:
        raise Http404
    calendar = feeds.new_calendar(name=_("My sign-ups on Samskab"))
    context = feeds.feed_context(request)
    for booking in selectors.personal_feed_bookings(user=feed.user):
        calendar.add_component(feeds.booking_event(booking, **context))
    return feeds.calendar_response(calendar, filename="samskab.ics", private=True)


# --- "my activities" -------------------------------------------------------------------------


@login_required
def my_activities(request):
    mine = selectors.my_activities(user=request.user, past_page_number=request.GET.get("page"))
    feed = services.personal_feed(user=request.user)
    feed_url = request.build_absolute_uri(
        reverse("activities:ical_personal", kwargs={"token": feed.token})
    )
    return render(
        request,
        "activities/my_activities.html",
        {
            "mine": mine,
            "page": mine.past_page,
            "page_range": mine.past_page.paginator.get_elided_page_range(
                mine.past_page.number, on_each_side=1
            ),
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        },
    )


@login_required
@require_POST
def reset_feed(request):
    services.reset_personal_feed(user=request.user)
    messages.success(
        request,
        _(
            "Your calendar has a new address. The old address no longer works: add the new "
            "one to your calendar app."
        ),
    )
    return redirect(reverse("activities:mine") + "#calendar")


# --- management: helpers -----------------------------------------------------------------------


def _activity_for(request, slug: str, pk: int):
    organisation, access = coordinated_organisation(request, slug)
    activity = selectors.activity_for_management(organisation=organisation, pk=pk)
    if activity is None:
        raise Http404
    return organisation, access, activity


def _session_for(request, slug: str, pk: int, session_pk: int):
    organisation, access, activity = _activity_for(request, slug, pk)
    session = selectors.session_for_management(activity=activity, pk=session_pk)
    if session is None or session.booking_slot is None:
        raise Http404
    return organisation, access, activity, session


def _add_error(forms, error) -> None:
    """Show a service's error on the field it concerns, in whichever form has it."""
    if isinstance(error, ValidationError):
        messages_by_field = error.message_dict if hasattr(error, "error_dict") else {}
        if not messages_by_field:
            forms[0].add_error(None, error)
            return
        for field, field_messages in messages_by_field.items():
            target = next((form for form in forms if field in form.fields), None)
            for message in field_messages:
                (target or forms[0]).add_error(field if target else None, message)
        return
    target = next((form for form in forms if error.field and error.field in form.fields), None)
    if target is None:
        forms[0].add_error(None, error.message)
    else:
        target.add_error(error.field, error.message)


def _manage_context(organisation, access, **context):
    return {"organisation": organisation, "organisation_access": access, **context}


def _changes_message(changes: services.ScheduleChanges) -> str:
    parts = []
    if changes.created:
        parts.append(
            ngettext("%(count)d date added", "%(count)d dates added", changes.created)
            % {"count": changes.created}
        )
    if changes.kept:
        parts.append(
            ngettext("%(count)d date kept", "%(count)d dates kept", changes.kept)
            % {"count": changes.kept}
        )
    if changes.moved:
        parts.append(
            ngettext(
                "%(count)d date moved (the people signed up were told)",
                "%(count)d dates moved (the people signed up were told)",
                changes.moved,
            )
            % {"count": changes.moved}
        )
    if changes.cancelled:
        parts.append(
            ngettext(
                "%(count)d date cancelled (the people signed up were told)",
                "%(count)d dates cancelled (the people signed up were told)",
                changes.cancelled,
            )
            % {"count": changes.cancelled}
        )
    if changes.removed:
        parts.append(
            ngettext("%(count)d date removed", "%(count)d dates removed", changes.removed)
            % {"count": changes.removed}
        )
    summary = "; ".join(parts) if parts else _("no dates changed")
    return _("The series is saved: %(summary)s.") % {"summary": summary}


def _initial_for_new_activity(organisation) -> dict:
    town = Town.objects.filter(name__iexact=organisation.town.strip()).first()
    return {
        "focus_areas": list(organisation.focus_areas.all()),
        "place_name": organisation.name,
        "street": organisation.street,
        "postcode": organisation.postcode if town is not None else "",
        "town": town,
        "languages": list(selectors.languages().filter(code="da")),
        "participation": Activity.Participation.DROP_IN,
        "is_published": True,
    }


# --- management: activities ------------------------------------------------------------------


@login_required
def manage_list(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    return render(
        request,
        "activities/manage/activity_list.html",
        _manage_context(
            organisation,
            access,
            activities=selectors.activities_for_management(organisation),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_create(request, slug: str):
    """A new activity with its first dates, in one form that works on a phone."""
    organisation, access = coordinated_organisation(request, slug)
    if request.method == "POST":
        form = ActivityForm(request.POST)
        dates_form = FirstDatesForm(request.POST, prefix="dates")
        if form.is_valid() and dates_form.is_valid():
            try:
                activity = services.create_activity(
                    organisation=organisation,
                    created_by=request.user,
                    first_dates=dates_form.spec(),
                    **form.service_fields(),
                )
            except (ActivityError, ValidationError) as error:
                _add_error([form, dates_form], error)
            else:
                messages.success(request, _("The activity is created."))
                return redirect(
                    "activities:manage_activity", slug=organisation.slug, pk=activity.pk
                )
    else:
        form = ActivityForm(initial=_initial_for_new_activity(organisation))
        dates_form = FirstDatesForm(prefix="dates")
    return render(
        request,
        "activities/manage/activity_create.html",
        _manage_context(organisation, access, form=form, dates_form=dates_form),
    )


@login_required
def manage_activity(request, slug: str, pk: int):
    organisation, access, activity = _activity_for(request, slug, pk)
    return render(
        request,
        "activities/manage/activity_overview.html",
        _manage_context(
            organisation,
            access,
            activity=activity,
            sessions=selectors.sessions_for_management(activity=activity),
            past_count=selectors.past_session_count(activity=activity),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_edit(request, slug: str, pk: int):
    organisation, access, activity = _activity_for(request, slug, pk)
    # The form works on its own copy, so a rejected edit does not show in the heading.
    editable = Activity.objects.select_related("town", "organisation").get(pk=activity.pk)
    if request.method == "POST":
        form = ActivityForm(request.POST, instance=editable)
        if form.is_valid():
            try:
                services.update_activity(activity=editable, **form.service_fields())
            except (ActivityError, ValidationError) as error:
                _add_error([form], error)
            else:
                messages.success(request, _("The activity is saved."))
                return redirect("activities:manage_activity", slug=organisation.slug, pk=pk)
    else:
        form = ActivityForm(instance=editable)
    return render(
        request,
        "activities/manage/activity_edit.html",
        _manage_context(organisation, access, activity=activity, form=form),
    )


# --- management: weekly series ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def schedule_create(request, slug: str, pk: int):
    organisation, access, activity = _activity_for(request, slug, pk)
    form_options = {"requires_sign_up": activity.requires_sign_up}
    if request.method == "POST":
        form = ScheduleForm(request.POST, **form_options)
        if form.is_valid():
            try:
                services.create_schedule(activity=activity, spec=form.weekly_spec())
            except (ActivityError, ValidationError) as error:
                _add_error([form], error)
            else:
                messages.success(request, _("The weekly series is created."))
                return redirect("activities:manage_activity", slug=organisation.slug, pk=pk)
    else:
        form = ScheduleForm(initial={"interval": 1}, **form_options)
    return render(
        request,
        "activities/manage/schedule_form.html",
        _manage_context(organisation, access, activity=activity, form=form, schedule=None),
    )


def _schedule_for(request, slug, pk, schedule_pk):
    organisation, access, activity = _activity_for(request, slug, pk)
    schedule = selectors.schedule_of(activity=activity, pk=schedule_pk)
    if schedule is None:
        raise Http404
    return organisation, access, activity, schedule


@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request, slug: str, pk: int, schedule_pk: int):
    organisation, access, activity, schedule = _schedule_for(request, slug, pk, schedule_pk)
    form_options = {"requires_sign_up": activity.requires_sign_up, "editing": True}
    if request.method == "POST":
        form = ScheduleForm(request.POST, **form_options)
        if form.is_valid():
            try:
                changes = services.update_schedule(
                    schedule=schedule,
                    spec=form.weekly_spec(),
                    by=request.user,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except (ActivityError, ValidationError) as error:
                _add_error([form], error)
            else:
                messages.success(request, _changes_message(changes))
                return redirect("activities:manage_activity", slug=organisation.slug, pk=pk)
    else:
        form = ScheduleForm(initial=ScheduleForm.initial_for(schedule), **form_options)
    return render(
        request,
        "activities/manage/schedule_form.html",
        _manage_context(organisation, access, activity=activity, form=form, schedule=schedule),
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule_delete(request, slug: str, pk: int, schedule_pk: int):
    organisation, access, activity, schedule = _schedule_for(request, slug, pk, schedule_pk)
    form = EndScheduleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        changes = services.delete_schedule(
            schedule=schedule, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _changes_message(changes))
        return redirect("activities:manage_activity", slug=organisation.slug, pk=pk)
    return render(
        request,
        "activities/manage/schedule_delete.html",
        _manage_context(organisation, access, activity=activity, schedule=schedule, form=form),
    )


# --- management: single sessions -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, slug: str, pk: int):
    organisation, access, activity = _activity_for(request, slug, pk)
    form_options = {"requires_sign_up": activity.requires_sign_up}
    if request.method == "POST":
        form = SessionForm(request.POST, **form_options)
        if form.is_valid():
            try:
                services.add_session(activity=activity, spec=form.spec())
            except ActivityError as error:
                _add_error([form], error)
            else:
                messages.success(request, _("The date is added."))
                return redirect("activities:manage_activity", slug=organisation.slug, pk=pk)
    else:
        form = SessionForm(**form_options)
    return render(
        request,
        "activities/manage/session_form.html",
        _manage_context(organisation, access, activity=activity, form=form, session=None),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, slug: str, pk: int, session_pk: int):
    organisation, access, activity, session = _session_for(request, slug, pk, session_pk)
    if session.is_cancelled:
        messages.info(request, _("This session is cancelled and cannot be changed."))
        return redirect("activities:manage_activity", slug=organisation.slug, pk=pk)
    form_options = {"requires_sign_up": activity.requires_sign_up}
    if request.method == "POST":
        form = SessionForm(request.POST, **form_options)
        if form.is_valid():
            try:
                services.change_session(session=session, spec=form.spec())
            except ActivityError as error:
                _add_error([form], error)
            else:
                messages.success(
                    request, _("The session is saved. Anyone signed up is told about a new time.")
                )
                return redirect("activities:manage_activity", slug=organisation.slug, pk=pk)
    else:
        form = SessionForm(initial=SessionForm.initial_for(session), **form_options)
    return render(
        request,
        "activities/manage/session_form.html",
        _manage_context(organisation, access, activity=activity, form=form, session=session),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, slug: str, pk: int, session_pk: int):
    organisation, access, activity, session = _session_for(request, slug, pk, session_pk)
    slot = session.booking_slot
    form = CancelSlotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not slot.is_cancelled and form.is_valid():
        services.cancel_session(
            session=session, reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(
            request, _("The session is cancelled. Everyone signed up has been told by email.")
        )
        return redirect("activities:manage_activity", slug=organisation.slug, pk=pk)
    return render(
        request,
        "activities/manage/session_cancel.html",
        _manage_context(
            organisation,
            access,
            activity=activity,
            session=session,
            form=form,
            people_signed_up=_people_signed_up(booking_selectors.slot_roster(slot=slot)),
        ),
    )


def _people_signed_up(roster) -> int:
    return sum(map(len, (roster.confirmed, roster.offered, roster.waitlisted, roster.pending)))


@login_required
@require_http_methods(["GET", "POST"])
def session_roster(request, slug: str, pk: int, session_pk: int):
    """Who is coming, the waitlist in order, attendance, and the number of places."""
    organisation, access, activity, session = _session_for(request, slug, pk, session_pk)
    slot = session.booking_slot
    capacity_form = CapacityForm(initial={"capacity": slot.capacity}, prefix="capacity")
    if request.method == "POST":
        capacity_form = CapacityForm(request.POST, prefix="capacity")
        if capacity_form.is_valid():
            try:
                services.change_session_capacity(
                    session=session, capacity=capacity_form.cleaned_data["capacity"]
                )
            except ActivityError as error:
                capacity_form.add_error("capacity", error.message)
            else:
                messages.success(request, _("The number of places is saved."))
                return redirect(
                    "activities:session_roster",
                    slug=organisation.slug,
                    pk=pk,
                    session_pk=session.pk,
                )
    return render(
        request,
        "activities/manage/session_roster.html",
        _manage_context(
            organisation,
            access,
            activity=activity,
            session=session,
            slot=slot,
            roster=booking_selectors.slot_roster(slot=slot),
            capacity_form=capacity_form if activity.requires_sign_up else None,
        ),
    )


@login_required
@require_POST
def session_attendance(request, slug: str, pk: int, session_pk: int, booking_pk: int):
    """The older address of the booking engine's attendance view (``booking:mark_attendance``),
    kept working: the session is looked up within the organisation, then the engine does
    the rest and comes back to the session's roster."""
    _organisation, _access, _activity, session = _session_for(request, slug, pk, session_pk)
    return booking_views.mark_attendance(
        request, slot_id=session.booking_slot.pk, booking_id=booking_pk
    )
