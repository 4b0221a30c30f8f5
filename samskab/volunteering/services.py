"""Every change to volunteering. Shifts get their places, sign-ups, waiting list,
reminders and attendance from the booking engine: this module only ever calls the engine's
services for those, so there is one capacity and waitlist mechanism in Samskab.

Rules, in one place:
- An opportunity has at least one focus area; its initiative belongs to one of them; its
  contact person is a member of its organisation (or municipal staff).
- A shift's "volunteers needed" is its slot's capacity. Raising it gives the new places to
  the people waiting, in order (``add_places``); it is never lowered below the people who
  already hold a place.
- Attendance goes through ``record_attendance`` (which calls the engine's
  ``mark_attendance``): attended credits the shift's hours at once, one ``HoursEntry`` per
  booking; a correction to "did not come" takes them back. The thank-you email goes out
  once the shift has ended (``send_due_thank_yous``), exactly once per entry.
- Check-in by QR needs the shift's secret AND a logged-in volunteer confirmed on the shift.
- Closing a shift records everyone still unmarked as a no-show.
- Logged hours wait for a coordinator of the organisation, who is never the volunteer.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.booking import conf as booking_conf
from samskab.booking import errors as booking_errors
from samskab.booking import selectors as booking_selectors
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from samskab.core import emails as core_emails
from samskab.core import tasks
from samskab.core.formatting import local_datetime
from samskab.organisations.selectors import can_coordinate
from samskab.volunteering import emails, signals
from samskab.volunteering.errors import (
    CheckInRefused,
    HoursAlreadyReviewed,
    NoRecipients,
    NotAllowed,
    OpportunityInUse,
    OwnHoursReview,
    ShiftCancelled,
    ShiftNotOver,
    VolunteeringError,
)
from samskab.volunteering.models import (
    HoursEntry,
    Opportunity,
    Shift,
    VolunteerMessage,
    VolunteerProfile,
)
from samskab.volunteering.work import volunteer_work_models, work_for_slot

logger = logging.getLogger(__name__)

ATTENDED = Booking.Attendance.ATTENDED
MAX_REPEAT_WEEKS = 26
# Shifts are closed by the background task this long after they end, so coordinators have
# time to record attendance by hand first.
CLOSE_AFTER = timedelta(hours=24)


# --- opportunities ----------------------------------------------------------------------------

OPPORTUNITY_FIELDS = (
    "kind",
    "initiative",
    "title_da",
    "title_en",
    "description_da",
    "description_en",
    "minimum_age",
    "involves_children",
    "from_home",
    "place_name",
    "street",
    "postcode",
    "town",
    "latitude",
    "longitude",
    "contact_person",
    "contact_phone",
    "is_published",
)


def _check_opportunity(opportunity: Opportunity, *, focus_areas) -> None:
    """The rules, checked on the opportunity with the new values applied (not yet saved)."""
    focus_areas = list(focus_areas)
    if not focus_areas:
        raise VolunteeringError(_("Choose at least one focus area."), field="focus_areas")
    initiative = opportunity.initiative
    if initiative is not None and initiative.focus_area_id not in {a.pk for a in focus_areas}:
        raise VolunteeringError(
            _("The initiative must belong to one of the chosen focus areas."),
            field="initiative",
        )
    if not opportunity.from_home and opportunity.town_id is None:
        raise VolunteeringError(
            _("Choose the town, or tick that it can be done from home."), field="town"
        )
    contact = opportunity.contact_person
    if contact is not None and not can_coordinate(contact, opportunity.organisation):
        raise VolunteeringError(
            _("The contact person must be a member of the organisation."),
            field="contact_person",
        )


def _apply_opportunity_fields(opportunity: Opportunity, fields: dict) -> None:
    unknown = set(fields) - set(OPPORTUNITY_FIELDS)
    if unknown:
        raise ValueError(f"Unknown opportunity fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(opportunity, name, value)
    if opportunity.from_home and opportunity.town_id is None:
        opportunity.latitude = opportunity.longitude = None


def _set_opportunity_relations(opportunity, *, focus_areas, skills, interests, languages) -> None:
    opportunity.focus_areas.set(focus_areas)
    opportunity.skills.set(skills)
    opportunity.interests.set(interests)
    opportunity.languages.set(languages)


def create_opportunity(
    *,
    organisation,
    by,
    fields: dict,
    focus_areas,
    skills=(),
    interests=(),
    languages=(),
) -> Opportunity:
    """Post an opportunity for ``organisation``. ``fields`` holds any of
    ``OPPORTUNITY_FIELDS``. Raises ``NotAllowed`` unless ``by`` coordinates the organisation,
    and ``VolunteeringError`` (with ``field``) when a rule is broken."""
    if not can_coordinate(by, organisation):
        raise NotAllowed()
    opportunity = Opportunity(organisation=organisation, created_by=by)
    _apply_opportunity_fields(opportunity, fields)
    _check_opportunity(opportunity, focus_areas=focus_areas)
    with transaction.atomic():
        opportunity.save()
        _set_opportunity_relations(
            opportunity,
            focus_areas=focus_areas,
            skills=skills,
            interests=interests,
            languages=languages,
        )
    return opportunity


def update_opportunity(
    *,
    opportunity: Opportunity,
    by,
    fields: dict,
    focus_areas,
    skills=(),
    interests=(),
    languages=(),
) -> Opportunity:
    """Change an opportunity. Its shifts and sign-ups are kept; the engine's emails read
    title and place from it, so later emails say the new ones."""
    if not can_coordinate(by, opportunity.organisation):
        raise NotAllowed()
    _apply_opportunity_fields(opportunity, fields)
    _check_opportunity(opportunity, focus_areas=focus_areas)
    with transaction.atomic():
        opportunity.save()
        _set_opportunity_relations(
            opportunity,
            focus_areas=focus_areas,
            skills=skills,
            interests=interests,
            languages=languages,
        )
    return opportunity


def delete_opportunity(*, opportunity: Opportunity, by) -> None:
    """Delete an opportunity nobody ever signed up for (a mistake, a draft). One with
    sign-ups is part of people's history: ``OpportunityInUse`` says to unpublish it."""
    if not can_coordinate(by, opportunity.organisation):
        raise NotAllowed()
    with transaction.atomic():
        shift_type = ContentType.objects.get_for_model(Shift)
        shift_ids = list(opportunity.shifts.values_list("pk", flat=True))
        has_bookings = Booking.objects.filter(
            slot__content_type=shift_type, slot__object_id__in=shift_ids
        ).exists()
        if has_bookings or opportunity.hours_entries.exists():
            raise OpportunityInUse()
        opportunity.delete()


# --- shifts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftSpec:
    """What a coordinator gives for a shift. Times are aware datetimes."""

    starts_at: datetime
    ends_at: datetime
    volunteers_needed: int
    place: str = ""
    note_da: str = ""
    note_en: str = ""
    auto_confirm_waitlist: bool = False


def _check_spec(spec: ShiftSpec) -> None:
    if spec.ends_at <= spec.starts_at:
        raise VolunteeringError(_("The end must be after the start."), field="end_time")
    if spec.volunteers_needed is None or spec.volunteers_needed < 1:
        raise VolunteeringError(
            _("A shift needs at least one volunteer."), field="volunteers_needed"
        )


def create_shift(*, opportunity: Opportunity, spec: ShiftSpec) -> Shift:
    """Add a shift with its booking slot (capacity = volunteers needed)."""
    _check_spec(spec)
    with transaction.atomic():
        shift = Shift.objects.create(
            opportunity=opportunity,
            starts_at=spec.starts_at,
            ends_at=spec.ends_at,
            place=spec.place.strip(),
            note_da=spec.note_da.strip(),
            note_en=spec.note_en.strip(),
        )
        booking_services.create_slot(
            owner=shift,
            starts_at=spec.starts_at,
            ends_at=spec.ends_at,
            capacity=spec.volunteers_needed,
            auto_confirm_waitlist=spec.auto_confirm_waitlist,
        )
    return shift


def _same_local_time_weeks_later(moment: datetime, weeks: int) -> datetime:
    """The same wall-clock time ``weeks`` later, so 10:00 stays 10:00 across summer time."""
    local = timezone.localtime(moment)
    naive = local.replace(tzinfo=None) + timedelta(weeks=weeks)
    return timezone.make_aware(naive, timezone.get_current_timezone())


def create_weekly_shifts(*, opportunity: Opportunity, spec: ShiftSpec, weeks: int) -> list[Shift]:
    """The shift and the same time each following week, ``weeks`` shifts in all (at most
    ``MAX_REPEAT_WEEKS``)."""
    if weeks < 1 or weeks > MAX_REPEAT_WEEKS:
        raise VolunteeringError(
            _("Repeat for between 1 and %(max)d weeks.") % {"max": MAX_REPEAT_WEEKS},
            field="repeat_weeks",
        )
    _check_spec(spec)
    shifts = []
    with transaction.atomic():
        for week in range(weeks):
            starts_at = _same_local_time_weeks_later(spec.starts_at, week)
            ends_at = _same_local_time_weeks_later(spec.ends_at, week)
            shifts.append(
                create_shift(
                    opportunity=opportunity,
                    spec=ShiftSpec(
                        starts_at=starts_at,
                        ends_at=ends_at,
                        volunteers_needed=spec.volunteers_needed,
                        place=spec.place,
                        note_da=spec.note_da,
                        note_en=spec.note_en,
                        auto_confirm_waitlist=spec.auto_confirm_waitlist,
                    ),
                )
            )
    return shifts


def _slot_of(work):
    slot = work.booking_slot
    if slot is None:
        raise ValueError(f"{work!r} has no booking slot.")
    return slot


def update_shift(*, shift: Shift, spec: ShiftSpec) -> Shift:
    """Change a shift. A new time goes through the engine's ``reschedule_slot`` (everyone
    signed up is told); a new number of volunteers through ``change_capacity`` (more places
    go to the people waiting; fewer than those holding a place is refused with the
    engine's ``CapacityTooLow``, raised as is)."""
    _check_spec(spec)
    with transaction.atomic():
        slot = _slot_of(shift)
        if slot.is_cancelled:
            raise ShiftCancelled()
        if slot.capacity != spec.volunteers_needed:
            booking_services.change_capacity(slot=slot, capacity=spec.volunteers_needed)
        if (slot.starts_at, slot.ends_at) != (spec.starts_at, spec.ends_at):
            booking_services.reschedule_slot(
                slot=slot, starts_at=spec.starts_at, ends_at=spec.ends_at
            )
        if slot.auto_confirm_waitlist != spec.auto_confirm_waitlist:
            # The engine documents this flag as changed by saving the slot.
            slot.refresh_from_db()
            slot.auto_confirm_waitlist = spec.auto_confirm_waitlist
            slot.save(update_fields=["auto_confirm_waitlist", "updated_at"])
        shift.starts_at, shift.ends_at = spec.starts_at, spec.ends_at
        shift.place = spec.place.strip()
        shift.note_da = spec.note_da.strip()
        shift.note_en = spec.note_en.strip()
        shift.save(update_fields=["starts_at", "ends_at", "place", "note_da", "note_en"])
    return shift


def add_places(*, shift: Shift, count: int = 1):
    """Fill a shift from its waiting list: ``count`` more places, which the engine hands to
    the first people waiting, in order (an offer by email, or the place itself when the
    shift gives freed places directly). Returns the slot."""
    if count < 1:
        raise VolunteeringError(_("Add at least one place."), field="count")
    slot = _slot_of(shift)
    capacity = (slot.capacity or 0) + count
    return booking_services.change_capacity(slot=slot, capacity=capacity)


def cancel_shift(*, shift: Shift, reason: str, by) -> Shift:
    """Cancel through the engine: everyone signed up or waiting is told, with the reason."""
    booking_services.cancel_slot(slot=_slot_of(shift), reason=reason, by=by)
    return shift


# --- attendance, check-in and hours from volunteer work (shifts, needs) ----------------------


def shift_for_slot(slot) -> Shift | None:
    """The shift that owns a slot, or None for another owner (an activity session)."""
    if slot.content_type_id != ContentType.objects.get_for_model(Shift).pk:
        return None
    return (
        Shift.objects.select_related("opportunity", "opportunity__organisation")
        .filter(pk=slot.object_id)
        .first()
    )


def person_key_for_booking(booking: Booking) -> str:
    """Counts a volunteer once in statistics: by account, or by a hash of a visitor's
    email address (visitors can sign up to shifts without an account)."""
    if booking.user_id:
        return f"user:{booking.user_id}"
    digest = hashlib.sha256(booking.guest_email.strip().lower().encode()).hexdigest()
    return f"guest:{digest[:40]}"


def credit_attended_hours(*, booking: Booking, work=None) -> HoursEntry | None:
    """Credit attended volunteer work's hours (a shift, a need) to the volunteer: one
    approved ``HoursEntry`` per booking, created once (calling it again returns the same
    entry). None when the booking is not an attended booking of volunteer work."""
    if booking.attendance != ATTENDED:
        return None
    work = work or work_for_slot(booking.slot)
    if work is None:
        return None
    entry, created = HoursEntry.objects.get_or_create(
        booking=booking,
        defaults={
            "volunteer_id": booking.user_id,
            "person_key": person_key_for_booking(booking),
            "organisation_id": work.work_organisation.pk,
            **work.hours_entry_links(),
            "source": HoursEntry.Source.SHIFT,
            "status": HoursEntry.Status.APPROVED,
            "date": work.local_date,
            "hours": work.duration_hours,
            "reviewed_at": timezone.now(),
        },
    )
    if created and work.ends_at <= timezone.now():
        # Marked afterwards: the thank-you can go at once.
        tasks.enqueue(send_thank_you, entry.pk)
    return entry


def record_attendance(*, booking: Booking, attended: bool | None, by) -> Booking:
    """Record through the engine whether a confirmed volunteer came (True), did not
    (False), or undo the mark (None), and credit or take back the hours to match.
    Raises the engine's ``AttendanceNotAllowed``. Who may mark is the caller's check."""
    with transaction.atomic():
        booking = booking_services.mark_attendance(booking=booking, attended=attended, by=by)
        if booking.attendance == ATTENDED:
            credit_attended_hours(booking=booking)
        else:
            HoursEntry.objects.filter(booking=booking, source=HoursEntry.Source.SHIFT).delete()
    return booking


@dataclass(frozen=True)
class CheckInResult:
    booking: Booking
    already_checked_in: bool


def check_in_problem(*, work, user, secret: str, now=None) -> CheckInRefused | None:
    """Why this person cannot check in to the work (a shift, a need) with this secret
    (None: they can). The secret alone is not enough: the user must be logged in and hold a
    confirmed place on this very work, and it must be under way or about to start."""
    now = now or timezone.now()
    if not secret or not secrets.compare_digest(str(secret), work.check_in_secret):
        return CheckInRefused(CheckInRefused.WRONG_LINK)
    if not user.is_authenticated:
        return CheckInRefused(CheckInRefused.NOT_SIGNED_UP)
    slot = _slot_of(work)
    if slot.is_cancelled:
        return CheckInRefused(CheckInRefused.CANCELLED)
    if work.attendance_closed or now >= slot.ends_at:
        return CheckInRefused(CheckInRefused.ENDED)
    booking = booking_selectors.active_booking(slot=slot, user=user)
    if booking is None:
        return CheckInRefused(CheckInRefused.NOT_SIGNED_UP)
    if booking.status != Booking.Status.CONFIRMED:
        return CheckInRefused(CheckInRefused.NOT_CONFIRMED)
    opens_at = slot.starts_at - booking_conf.attendance_opens_before()
    if now < opens_at:
        return CheckInRefused(
            CheckInRefused.TOO_EARLY,
            _("Check-in opens %(moment)s. Try again then.") % {"moment": local_datetime(opens_at)},
        )
    return None


def check_in(*, work, user, secret: str, now=None) -> CheckInResult:
    """Check a volunteer in with the work's QR link (see ``check_in_problem``); attendance
    is recorded through the engine and the hours credited. Checking in twice is harmless.
    Raises ``CheckInRefused`` with the reason."""
    problem = check_in_problem(work=work, user=user, secret=secret, now=now)
    if problem is not None:
        raise problem
    booking = booking_selectors.active_booking(slot=_slot_of(work), user=user)
    if booking.attendance == ATTENDED:
        return CheckInResult(booking=booking, already_checked_in=True)
    try:
        booking = record_attendance(booking=booking, attended=True, by=user)
    except booking_errors.AttendanceNotAllowed as error:
        raise CheckInRefused(CheckInRefused.TOO_EARLY) from error
    return CheckInResult(booking=booking, already_checked_in=False)


@dataclass(frozen=True)
class CloseResult:
    no_shows: int
    attended: int


def close_attendance(*, work, by=None, now=None) -> CloseResult:
    """Complete the attendance of volunteer work (a shift, a need): everyone confirmed and
    not marked is recorded as a no-show (through the engine), attended volunteers' hours
    are credited (also those marked on the engine's own page), and thank-yous go out.
    Closing twice is harmless."""
    now = now or timezone.now()
    slot = _slot_of(work)
    if slot.is_cancelled:
        raise ShiftCancelled()
    if now < slot.starts_at:
        raise ShiftNotOver()
    no_shows = attended = 0
    with transaction.atomic():
        work = type(work).booking_owner_queryset().select_for_update(of=("self",)).get(pk=work.pk)
        roster = booking_selectors.slot_roster(slot=slot)
        for booking in roster.confirmed:
            if booking.attendance == Booking.Attendance.UNKNOWN:
                booking_services.mark_attendance(booking=booking, attended=False, by=by)
                no_shows += 1
            elif booking.attendance == ATTENDED:
                credit_attended_hours(booking=booking, work=work)
                attended += 1
        if not work.attendance_closed:
            work.mark_attendance_closed(now=now, by=by)
    if slot.ends_at <= now:
        tasks.enqueue(send_due_thank_yous)
    return CloseResult(no_shows=no_shows, attended=attended)


def close_finished_work(*, now=None, after: timedelta = CLOSE_AFTER) -> int:
    """Complete the attendance of all volunteer work (shifts, needs) that ended more than
    ``after`` ago and was neither completed nor cancelled (the background task). Returns
    the number closed."""
    now = now or timezone.now()
    closed = 0
    for model in volunteer_work_models():
        for work in model.attendance_to_close(ended_before=now - after).prefetch_related(
            "booking_slots"
        ):
            close_attendance(work=work, by=None, now=now)
            closed += 1
    return closed


def send_thank_you(entry_id: int) -> bool:
    """Send one thank-you exactly once: the entry is claimed with a conditional UPDATE
    before sending, and released if sending fails so a later run retries."""
    now = timezone.now()
    claimed = HoursEntry.objects.filter(
        pk=entry_id, thanked_at__isnull=True, booking__isnull=False
    ).update(thanked_at=now)
    if claimed != 1:
        return False
    entry = (
        HoursEntry.objects.select_related("booking", "booking__user", "booking__slot")
        .filter(pk=entry_id)
        .first()
    )
    try:
        core_emails.send(
            emails.build_thank_you_email(entry, work=work_for_slot(entry.booking.slot))
        )
    except Exception:
        logger.exception("Could not send the thank-you for hours entry %s", entry_id)
        HoursEntry.objects.filter(pk=entry_id, thanked_at=now).update(thanked_at=None)
        return False
    return True


def send_due_thank_yous(*, now=None) -> int:
    """Thank every volunteer whose attended work (a shift, a need) has ended and who has not
    been thanked yet. Safe to run on several machines at once. Returns the number sent."""
    now = now or timezone.now()
    due = HoursEntry.objects.filter(
        source=HoursEntry.Source.SHIFT,
        thanked_at__isnull=True,
        booking__isnull=False,
        booking__slot__ends_at__lte=now,
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(due) if send_thank_you(pk))


# --- logged hours -----------------------------------------------------------------------------


def log_hours(
    *,
    volunteer,
    organisation,
    date,
    hours: Decimal,
    description: str,
    opportunity: Opportunity | None = None,
) -> HoursEntry:
    """A volunteer logs hours done outside a shift; they wait for a coordinator."""
    if not volunteer.is_authenticated:
        raise NotAllowed()
    if date > timezone.localdate():
        raise VolunteeringError(_("The date cannot be in the future."), field="date")
    if opportunity is not None and opportunity.organisation_id != organisation.pk:
        raise VolunteeringError(
            _("Choose an opportunity of the same organisation."), field="opportunity"
        )
    return HoursEntry.objects.create(
        volunteer=volunteer,
        person_key=f"user:{volunteer.pk}",
        organisation=organisation,
        opportunity=opportunity,
        source=HoursEntry.Source.LOGGED,
        status=HoursEntry.Status.PENDING,
        date=date,
        hours=hours,
        description=description.strip(),
    )


def withdraw_hours(*, entry: HoursEntry, volunteer) -> None:
    """The volunteer takes back hours they logged, while they still wait for review."""
    with transaction.atomic():
        entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.volunteer_id != volunteer.pk or entry.source != HoursEntry.Source.LOGGED:
            raise NotAllowed()
        if not entry.is_pending:
            raise HoursAlreadyReviewed()
        entry.delete()


def _review(entry: HoursEntry, by) -> HoursEntry:
    """Lock the entry and check the reviewer: a coordinator of the organisation who is not
    the volunteer (also when they coordinate the organisation themself)."""
    entry = HoursEntry.objects.select_for_update().select_related("organisation").get(pk=entry.pk)
    if not can_coordinate(by, entry.organisation):
        raise NotAllowed()
    if entry.volunteer_id is not None and entry.volunteer_id == by.pk:
        raise OwnHoursReview()
    if not entry.is_pending:
        raise HoursAlreadyReviewed()
    return entry


def approve_hours(
    *, entry: HoursEntry, by, hours: Decimal | None = None, note: str = ""
) -> HoursEntry:
    """Approve logged hours, or correct them: a different number of hours needs a note
    saying why, and the number the volunteer logged is kept."""
    note = note.strip()
    with transaction.atomic():
        entry = _review(entry, by)
        if hours is not None and hours != entry.hours:
            if not note:
                raise VolunteeringError(_("Say in a note why you correct the hours."), field="note")
            entry.claimed_hours = entry.hours
            entry.hours = hours
        entry.status = HoursEntry.Status.APPROVED
        entry.review_note = note
        entry.reviewed_by = by
        entry.reviewed_at = timezone.now()
        entry.save(
            update_fields=[
                "claimed_hours",
                "hours",
                "status",
                "review_note",
                "reviewed_by",
                "reviewed_at",
            ]
        )
    return entry


def reject_hours(*, entry: HoursEntry, by, note: str) -> HoursEntry:
    """Decline logged hours, with a note the volunteer sees."""
    note = note.strip()
    if not note:
        raise VolunteeringError(_("Say in a note why the hours are not approved."), field="note")
    with transaction.atomic():
        entry = _review(entry, by)
        entry.status = HoursEntry.Status.REJECTED
        entry.review_note = note
        entry.reviewed_by = by
        entry.reviewed_at = timezone.now()
        entry.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    return entry


# --- the volunteer profile ---------------------------------------------------------------------

PROFILE_FIELDS = (
    "availability",
    "about",
    "phone",
    "ad_hoc_alerts",
    "max_alerts_per_week",
    "quiet_hours_start",
    "quiet_hours_end",
    "share_phone",
    "share_profile",
)


def save_profile(
    *, user, fields: dict, interests=(), skills=(), towns=(), languages=()
) -> VolunteerProfile:
    """Create or update the user's one volunteer profile."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown profile fields: {sorted(unknown)}")
    with transaction.atomic():
        profile, _created = VolunteerProfile.objects.select_for_update().get_or_create(user=user)
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.availability = sorted(set(profile.availability or []))
        profile.full_clean(exclude=["user"])
        profile.save()
        profile.interests.set(interests)
        profile.skills.set(skills)
        profile.towns.set(towns)
        profile.languages.set(languages)

        def announce_after_commit():
            signals.profile_saved.send(sender=VolunteerProfile, profile=profile)

        transaction.on_commit(announce_after_commit, robust=True)
    return profile


# --- message all ---------------------------------------------------------------------------------


def message_volunteers(
    *, sender, opportunity: Opportunity, subject: str, body: str, shift: Shift | None = None
) -> VolunteerMessage:
    """Email everyone confirmed on ``shift``, or on every coming shift of the opportunity,
    once each, through the platform (replies go to the sender). A record is kept; the
    emails go after commit, over one connection."""
    from samskab.volunteering.selectors import message_recipients

    if not can_coordinate(sender, opportunity.organisation):
        raise NotAllowed()
    if shift is not None and shift.opportunity_id != opportunity.pk:
        raise ValueError("The shift belongs to another opportunity.")
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise VolunteeringError(_("Write a subject."), field="subject")
    if not body:
        raise VolunteeringError(_("Write a message."), field="body")
    recipients = message_recipients(opportunity=opportunity, shift=shift)
    if not recipients:
        raise NoRecipients()
    with transaction.atomic():
        record = VolunteerMessage.objects.create(
            organisation=opportunity.organisation,
            opportunity=opportunity,
            shift=shift,
            sent_by=sender,
            subject=subject,
            body=body,
            recipient_count=len(recipients),
        )
        emails.send_volunteer_messages_after_commit(record, recipients, sender.email)
    return record


# --- when a person deletes their account -----------------------------------------------------


def forget_volunteer(user) -> None:
    """Delete the person's profile, and keep their hours for the organisations' statistics
    without anything that identifies them (see ``HoursEntry``). Pending logged hours are
    deleted: nobody can approve hours of a person who is gone."""
    with transaction.atomic():
        VolunteerProfile.objects.filter(user=user).delete()
        HoursEntry.objects.filter(volunteer=user, status=HoursEntry.Status.PENDING).delete()
        anonymous_key = f"anonymous:{secrets.token_hex(16)}"
        HoursEntry.objects.filter(volunteer=user).update(
            volunteer=None,
            booking=None,
            person_key=anonymous_key,
            description="",
            review_note="",
        )
        # Visitor sign-ups later claimed by the account carry the person's key too.
        HoursEntry.objects.filter(booking__user=user).update(
            booking=None, person_key=anonymous_key, description="", review_note=""
        )
