from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from samskab.booking import errors as booking_errors
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from samskab.volunteering import services
from samskab.volunteering.errors import (
    CheckInRefused,
    HoursAlreadyReviewed,
    NoRecipients,
    NotAllowed,
    OpportunityInUse,
    OwnHoursReview,
    ShiftNotOver,
    VolunteeringError,
)
from samskab.volunteering.models import HoursEntry, Opportunity, VolunteerMessage, VolunteerProfile
from samskab.volunteering.tests.helpers import attend, move_to, sign_up
from tests.factories import (
    FocusAreaFactory,
    HoursEntryFactory,
    InitiativeFactory,
    OrganisationFactory,
    SkillFactory,
    TownFactory,
    UserFactory,
    coordinator_of,
    make_municipal_staff,
    make_shift,
)

pytestmark = pytest.mark.django_db


def opportunity_fields(**overrides):
    fields = {
        "kind": Opportunity.Kind.ONGOING,
        "title_da": "Lektiecafé-hjælper",
        "title_en": "Homework café helper",
        "description_da": "Hjælp børn med lektierne hver tirsdag.",
        "description_en": "Help children with their homework every Tuesday.",
        "town": TownFactory(),
        "from_home": False,
        "involves_children": True,
        "is_published": True,
    }
    fields.update(overrides)
    return fields


# --- opportunities ---------------------------------------------------------------------------


def test_create_opportunity_with_relations(organisation, coordinator):
    area = FocusAreaFactory()
    skill = SkillFactory()
    opportunity = services.create_opportunity(
        organisation=organisation,
        by=coordinator,
        fields=opportunity_fields(contact_person=coordinator),
        focus_areas=[area],
        skills=[skill],
    )
    assert opportunity.organisation == organisation
    assert opportunity.created_by == coordinator
    assert list(opportunity.focus_areas.all()) == [area]
    assert list(opportunity.skills.all()) == [skill]
    assert opportunity.slug == "lektiecafe-hjaelper"
    assert opportunity.involves_children


def test_create_opportunity_needs_a_focus_area(organisation, coordinator):
    with pytest.raises(VolunteeringError) as caught:
        services.create_opportunity(
            organisation=organisation, by=coordinator, fields=opportunity_fields(), focus_areas=[]
        )
    assert caught.value.field == "focus_areas"


def test_initiative_must_belong_to_a_chosen_focus_area(organisation, coordinator):
    initiative = InitiativeFactory()
    with pytest.raises(VolunteeringError) as caught:
        services.create_opportunity(
            organisation=organisation,
            by=coordinator,
            fields=opportunity_fields(initiative=initiative),
            focus_areas=[FocusAreaFactory()],
        )
    assert caught.value.field == "initiative"
    opportunity = services.create_opportunity(
        organisation=organisation,
        by=coordinator,
        fields=opportunity_fields(initiative=initiative),
        focus_areas=[initiative.focus_area],
    )
    assert opportunity.initiative == initiative


def test_place_or_from_home(organisation, coordinator):
    with pytest.raises(VolunteeringError) as caught:
        services.create_opportunity(
            organisation=organisation,
            by=coordinator,
            fields=opportunity_fields(town=None),
            focus_areas=[FocusAreaFactory()],
        )
    assert caught.value.field == "town"
    opportunity = services.create_opportunity(
        organisation=organisation,
        by=coordinator,
        fields=opportunity_fields(town=None, from_home=True),
        focus_areas=[FocusAreaFactory()],
    )
    assert opportunity.place_line in ("Hjemmefra", "From home")
    assert opportunity.position is None


def test_contact_person_must_be_a_member(organisation, coordinator):
    stranger = UserFactory()
    with pytest.raises(VolunteeringError) as caught:
        services.create_opportunity(
            organisation=organisation,
            by=coordinator,
            fields=opportunity_fields(contact_person=stranger),
            focus_areas=[FocusAreaFactory()],
        )
    assert caught.value.field == "contact_person"


def test_only_coordinators_of_the_organisation_post(organisation):
    other_coordinator = coordinator_of(OrganisationFactory())
    for user in (UserFactory(), other_coordinator):
        with pytest.raises(NotAllowed):
            services.create_opportunity(
                organisation=organisation,
                by=user,
                fields=opportunity_fields(),
                focus_areas=[FocusAreaFactory()],
            )
    # Municipal staff post for the municipality's services (and any organisation).
    staff = make_municipal_staff()
    assert services.create_opportunity(
        organisation=organisation,
        by=staff,
        fields=opportunity_fields(),
        focus_areas=[FocusAreaFactory()],
    ).pk


def test_update_opportunity(opportunity, coordinator):
    area = FocusAreaFactory()
    services.update_opportunity(
        opportunity=opportunity,
        by=coordinator,
        fields={"title_da": "Nyt navn", "is_published": False},
        focus_areas=[area],
    )
    opportunity.refresh_from_db()
    assert opportunity.title_da == "Nyt navn"
    assert opportunity.slug == "nyt-navn"
    assert not opportunity.is_published
    assert list(opportunity.focus_areas.all()) == [area]


def test_update_opportunity_refuses_another_organisation(opportunity):
    with pytest.raises(NotAllowed):
        services.update_opportunity(
            opportunity=opportunity,
            by=coordinator_of(OrganisationFactory()),
            fields={"title_da": "Kapret"},
            focus_areas=[FocusAreaFactory()],
        )


def test_delete_opportunity_only_without_sign_ups(opportunity, coordinator, volunteer):
    shift = make_shift(opportunity=opportunity)
    sign_up(shift, volunteer)
    with pytest.raises(OpportunityInUse):
        services.delete_opportunity(opportunity=opportunity, by=coordinator)
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()

    unused = make_shift().opportunity
    unused_coordinator = coordinator_of(unused.organisation)
    services.delete_opportunity(opportunity=unused, by=unused_coordinator)
    assert not Opportunity.objects.filter(pk=unused.pk).exists()


# --- shifts ----------------------------------------------------------------------------------


def test_create_shift_gives_it_a_slot(opportunity):
    shift = make_shift(opportunity=opportunity, volunteers_needed=4, auto_confirm_waitlist=True)
    slot = shift.booking_slot
    assert slot.capacity == 4
    assert slot.auto_confirm_waitlist
    assert (slot.starts_at, slot.ends_at) == (shift.starts_at, shift.ends_at)
    assert len(shift.check_in_secret) >= 20


def test_shift_needs_volunteers_and_an_end_after_start(opportunity):
    now = timezone.now()
    with pytest.raises(VolunteeringError) as caught:
        services.create_shift(
            opportunity=opportunity,
            spec=services.ShiftSpec(starts_at=now, ends_at=now, volunteers_needed=2),
        )
    assert caught.value.field == "end_time"
    with pytest.raises(VolunteeringError) as caught:
        services.create_shift(
            opportunity=opportunity,
            spec=services.ShiftSpec(
                starts_at=now, ends_at=now + timedelta(hours=1), volunteers_needed=0
            ),
        )
    assert caught.value.field == "volunteers_needed"


def test_weekly_shifts_keep_the_local_time_across_summer_time(opportunity):
    # 10:00 on the Saturday before summer time starts (29 March 2025), for three weeks.
    zone = timezone.get_current_timezone()
    starts_at = timezone.make_aware(timezone.datetime(2025, 3, 22, 10, 0), zone)
    shifts = services.create_weekly_shifts(
        opportunity=opportunity,
        spec=services.ShiftSpec(
            starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), volunteers_needed=2
        ),
        weeks=3,
    )
    assert len(shifts) == 3
    assert [timezone.localtime(s.starts_at).time() for s in shifts] == [time(10, 0)] * 3
    assert [s.booking_slot.capacity for s in shifts] == [2, 2, 2]
    with pytest.raises(VolunteeringError):
        services.create_weekly_shifts(
            opportunity=opportunity,
            spec=services.ShiftSpec(
                starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), volunteers_needed=2
            ),
            weeks=services.MAX_REPEAT_WEEKS + 1,
        )


def test_update_shift_moves_the_slot_and_tells_people(shift, volunteer, run_on_commit):
    sign_up(shift, volunteer)
    new_start = shift.starts_at + timedelta(days=1)
    mail.outbox.clear()
    with run_on_commit():
        services.update_shift(
            shift=shift,
            spec=services.ShiftSpec(
                starts_at=new_start,
                ends_at=new_start + timedelta(hours=3),
                volunteers_needed=5,
                place="Bagindgangen",
                auto_confirm_waitlist=True,
            ),
        )
    shift.refresh_from_db()
    slot = shift.booking_slots.get()
    assert shift.starts_at == new_start == slot.starts_at
    assert slot.capacity == 5
    assert slot.auto_confirm_waitlist
    assert shift.place == "Bagindgangen"
    assert [message.to for message in mail.outbox] == [[volunteer.email]]


def test_update_shift_never_takes_places_away(shift):
    for _ in range(3):
        sign_up(shift, UserFactory())
    with pytest.raises(booking_errors.CapacityTooLow):
        services.update_shift(
            shift=shift,
            spec=services.ShiftSpec(
                starts_at=shift.starts_at, ends_at=shift.ends_at, volunteers_needed=2
            ),
        )
    assert shift.booking_slots.get().capacity == 3


def test_add_places_fills_the_shift_from_the_waiting_list_in_order(opportunity):
    shift = make_shift(opportunity=opportunity, volunteers_needed=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    for person in (first, second, third):
        sign_up(shift, person)
    services.add_places(shift=shift, count=1)
    statuses = dict(
        Booking.objects.filter(slot=shift.booking_slot).values_list("user_id", "status")
    )
    assert statuses[first.pk] == Booking.Status.CONFIRMED
    assert statuses[second.pk] == Booking.Status.OFFERED
    assert statuses[third.pk] == Booking.Status.WAITLISTED


def test_add_places_gives_places_directly_when_the_shift_says_so(opportunity):
    shift = make_shift(opportunity=opportunity, volunteers_needed=1, auto_confirm_waitlist=True)
    sign_up(shift, UserFactory())
    waiting = UserFactory()
    sign_up(shift, waiting)
    services.add_places(shift=shift, count=2)
    booking = Booking.objects.get(slot=shift.booking_slot, user=waiting)
    assert booking.status == Booking.Status.CONFIRMED
    with pytest.raises(VolunteeringError):
        services.add_places(shift=shift, count=0)


def test_cancel_shift_goes_through_the_engine(shift, volunteer, coordinator, run_on_commit):
    sign_up(shift, volunteer)
    mail.outbox.clear()
    with run_on_commit():
        services.cancel_shift(shift=shift, reason="Regnvejr", by=coordinator)
    assert shift.booking_slots.get().is_cancelled
    assert Booking.objects.get(user=volunteer).status == Booking.Status.CANCELLED
    assert "Regnvejr" in mail.outbox[0].body


# --- attendance and hours from shifts --------------------------------------------------------


def test_attended_shift_credits_hours_once(shift, volunteer, coordinator):
    shift, booking = attend(shift, volunteer, by=coordinator)
    entry = HoursEntry.objects.get(booking=booking)
    assert entry.volunteer == volunteer
    assert entry.organisation == shift.opportunity.organisation
    assert entry.opportunity == shift.opportunity
    assert entry.shift == shift
    assert entry.source == HoursEntry.Source.SHIFT
    assert entry.status == HoursEntry.Status.APPROVED
    assert entry.hours == Decimal("2.00")
    assert entry.date == shift.local_date
    # Marking again, or crediting again, changes nothing.
    services.record_attendance(booking=booking, attended=True, by=coordinator)
    services.credit_attended_hours(booking=booking)
    assert HoursEntry.objects.filter(booking=booking).count() == 1


def test_one_entry_per_booking_is_kept_by_the_database(shift, volunteer, coordinator):
    shift, booking = attend(shift, volunteer, by=coordinator)
    entry = HoursEntry.objects.get(booking=booking)
    entry.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_correcting_attendance_takes_the_hours_back(shift, volunteer, coordinator):
    shift, booking = attend(shift, volunteer, by=coordinator)
    services.record_attendance(booking=booking, attended=False, by=coordinator)
    assert not HoursEntry.objects.filter(booking=booking).exists()
    services.record_attendance(booking=booking, attended=None, by=coordinator)
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN


def test_attendance_only_for_confirmed_and_from_shortly_before(opportunity, coordinator):
    shift = make_shift(opportunity=opportunity, starts_in=timedelta(days=2))
    booking = sign_up(shift, UserFactory())
    with pytest.raises(booking_errors.AttendanceNotAllowed):
        services.record_attendance(booking=booking, attended=True, by=coordinator)
    assert not HoursEntry.objects.exists()


def test_thank_you_after_the_shift_in_the_volunteers_language(shift, coordinator, run_on_commit):
    volunteer = UserFactory(preferred_language="en", display_name="Ann")
    mail.outbox.clear()
    with run_on_commit():
        attend(shift, volunteer, by=coordinator)
    # The shift ended an hour ago, so the thank-you goes at once.
    thanks = [message for message in mail.outbox if "Thank you" in message.subject]
    assert len(thanks) == 1
    assert thanks[0].to == [volunteer.email]
    assert "2 hours" in thanks[0].body
    assert shift.opportunity.title_en in thanks[0].subject
    assert "https://samskab.example/en/frivillig/mit-frivillige-arbejde/" in thanks[0].body
    # Exactly once, however often the task runs.
    assert services.send_due_thank_yous() == 0


def test_thank_you_waits_until_the_shift_has_ended(
    opportunity, volunteer, coordinator, run_on_commit
):
    # Signed up before it started, then checked in on arrival.
    shift = make_shift(opportunity=opportunity)
    booking = sign_up(shift, volunteer)
    shift = move_to(shift, starts_in=timedelta(minutes=-30))
    mail.outbox.clear()
    with run_on_commit():
        services.record_attendance(booking=booking, attended=True, by=volunteer)
    assert mail.outbox == []
    assert services.send_due_thank_yous() == 0
    later = timezone.now() + timedelta(hours=2)
    assert services.send_due_thank_yous(now=later) == 1
    assert "Tak fordi" in mail.outbox[0].subject
    assert services.send_due_thank_yous(now=later) == 0


def test_visitor_without_account_is_credited_and_thanked(shift, coordinator, run_on_commit):
    result = booking_services.request_booking(
        slot=shift.booking_slot, name="Gæst Hansen", email="gaest@example.dk", language="da"
    )
    booking_services.confirm_guest_booking(token=result.booking.token)
    move_to(shift, starts_in=timedelta(hours=-3))
    mail.outbox.clear()
    with run_on_commit():
        services.record_attendance(booking=result.booking, attended=True, by=coordinator)
    entry = HoursEntry.objects.get(booking=result.booking)
    assert entry.volunteer is None
    assert entry.person_key.startswith("guest:")
    assert "gaest@example.dk" not in entry.person_key
    assert mail.outbox[-1].to == ["gaest@example.dk"]
    assert "Opret en konto" in mail.outbox[-1].body


# --- check-in ----------------------------------------------------------------------------------


def started(shift, volunteer):
    booking = sign_up(shift, volunteer)
    return move_to(shift, starts_in=timedelta(minutes=-5)), booking


def test_check_in_marks_attendance_through_the_engine(shift, volunteer):
    shift, booking = started(shift, volunteer)
    result = services.check_in(work=shift, user=volunteer, secret=shift.check_in_secret)
    assert not result.already_checked_in
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED
    assert booking.attendance_marked_by == volunteer
    assert HoursEntry.objects.filter(booking=booking).exists()
    again = services.check_in(work=shift, user=volunteer, secret=shift.check_in_secret)
    assert again.already_checked_in


def test_check_in_needs_the_right_secret(shift, volunteer):
    shift, _booking = started(shift, volunteer)
    for secret in ("", "wrong", shift.check_in_secret[:-1]):
        with pytest.raises(CheckInRefused) as caught:
            services.check_in(work=shift, user=volunteer, secret=secret)
        assert caught.value.code == CheckInRefused.WRONG_LINK


def test_the_link_alone_is_not_enough(shift, volunteer):
    shift, _booking = started(shift, volunteer)
    from django.contrib.auth.models import AnonymousUser

    stranger = UserFactory()
    with pytest.raises(CheckInRefused) as caught:
        services.check_in(work=shift, user=stranger, secret=shift.check_in_secret)
    assert caught.value.code == CheckInRefused.NOT_SIGNED_UP
    with pytest.raises(CheckInRefused) as caught:
        services.check_in(work=shift, user=AnonymousUser(), secret=shift.check_in_secret)
    assert caught.value.code == CheckInRefused.NOT_SIGNED_UP
    assert not HoursEntry.objects.exists()


def test_a_volunteer_on_another_shift_cannot_check_in(shift, volunteer, opportunity):
    other = make_shift(opportunity=opportunity)
    sign_up(other, volunteer)
    shift = move_to(shift, starts_in=timedelta(minutes=-5))
    with pytest.raises(CheckInRefused) as caught:
        services.check_in(work=shift, user=volunteer, secret=shift.check_in_secret)
    assert caught.value.code == CheckInRefused.NOT_SIGNED_UP
    # Nor with the other shift's secret on this shift.
    with pytest.raises(CheckInRefused) as caught:
        services.check_in(work=shift, user=volunteer, secret=other.check_in_secret)
    assert caught.value.code == CheckInRefused.WRONG_LINK


def test_waiting_list_cannot_check_in(opportunity):
    shift = make_shift(opportunity=opportunity, volunteers_needed=1)
    sign_up(shift, UserFactory())
    waiting = UserFactory()
    sign_up(shift, waiting)
    shift = move_to(shift, starts_in=timedelta(minutes=-5))
    with pytest.raises(CheckInRefused) as caught:
        services.check_in(work=shift, user=waiting, secret=shift.check_in_secret)
    assert caught.value.code == CheckInRefused.NOT_CONFIRMED


def test_check_in_too_early_ended_or_cancelled(shift, volunteer, coordinator):
    sign_up(shift, volunteer)
    with pytest.raises(CheckInRefused) as caught:
        services.check_in(work=shift, user=volunteer, secret=shift.check_in_secret)
    assert caught.value.code == CheckInRefused.TOO_EARLY
    shift = move_to(shift, starts_in=timedelta(hours=-3))
    with pytest.raises(CheckInRefused) as caught:
        services.check_in(work=shift, user=volunteer, secret=shift.check_in_secret)
    assert caught.value.code == CheckInRefused.ENDED
    cancelled = make_shift(opportunity=shift.opportunity)
    sign_up(cancelled, volunteer)
    services.cancel_shift(shift=cancelled, reason="Aflyst", by=coordinator)
    with pytest.raises(CheckInRefused) as caught:
        services.check_in(work=cancelled, user=volunteer, secret=cancelled.check_in_secret)
    assert caught.value.code == CheckInRefused.CANCELLED


# --- closing shifts and no-shows -------------------------------------------------------------


def test_close_shift_records_no_shows(shift, coordinator):
    came, stayed_away = UserFactory(), UserFactory()
    booking_came = sign_up(shift, came)
    booking_away = sign_up(shift, stayed_away)
    shift = move_to(shift, starts_in=timedelta(hours=-3))
    services.record_attendance(booking=booking_came, attended=True, by=coordinator)
    result = services.close_attendance(work=shift, by=coordinator)
    assert (result.no_shows, result.attended) == (1, 1)
    booking_away.refresh_from_db()
    assert booking_away.attendance == Booking.Attendance.NO_SHOW
    shift.refresh_from_db()
    assert shift.closed_at is not None
    assert shift.closed_by == coordinator
    assert services.close_attendance(work=shift, by=coordinator).no_shows == 0


def test_close_shift_credits_attendance_marked_on_the_engines_page(shift, volunteer, coordinator):
    booking = sign_up(shift, volunteer)
    shift = move_to(shift, starts_in=timedelta(hours=-3))
    # The engine's own roster page marks attendance without volunteering knowing.
    booking_services.mark_attendance(booking=booking, attended=True, by=coordinator)
    assert not HoursEntry.objects.exists()
    services.close_attendance(work=shift, by=coordinator)
    assert HoursEntry.objects.get(booking=booking).hours == Decimal("2.00")


def test_a_shift_cannot_be_closed_before_it_starts(shift, coordinator):
    with pytest.raises(ShiftNotOver):
        services.close_attendance(work=shift, by=coordinator)


def test_close_finished_shifts_closes_only_old_open_ones(opportunity, coordinator):
    old = make_shift(opportunity=opportunity)
    booking = sign_up(old, UserFactory())
    old = move_to(old, starts_in=timedelta(days=-2))
    recent = move_to(make_shift(opportunity=opportunity), starts_in=timedelta(hours=-3))
    coming = make_shift(opportunity=opportunity)
    cancelled = move_to(make_shift(opportunity=opportunity), starts_in=timedelta(days=-3))
    services.cancel_shift(shift=cancelled, reason="Aflyst", by=coordinator)
    assert services.close_finished_work() == 1
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.NO_SHOW
    for shift in (recent, coming):
        shift.refresh_from_db()
        assert shift.closed_at is None
    assert services.close_finished_work() == 0


# --- logged hours ------------------------------------------------------------------------------


def test_log_hours_waits_for_approval(organisation, volunteer):
    entry = services.log_hours(
        volunteer=volunteer,
        organisation=organisation,
        date=timezone.localdate(),
        hours=Decimal("1.5"),
        description="  Bagte kage til loppemarkedet ",
    )
    assert entry.status == HoursEntry.Status.PENDING
    assert entry.source == HoursEntry.Source.LOGGED
    assert entry.description == "Bagte kage til loppemarkedet"
    assert entry.person_key == f"user:{volunteer.pk}"


def test_log_hours_refuses_the_future(organisation, volunteer):
    with pytest.raises(VolunteeringError) as caught:
        services.log_hours(
            volunteer=volunteer,
            organisation=organisation,
            date=timezone.localdate() + timedelta(days=1),
            hours=Decimal("1"),
            description="Senere",
        )
    assert caught.value.field == "date"


def test_withdraw_only_own_pending_hours(organisation, volunteer, coordinator):
    entry = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    with pytest.raises(NotAllowed):
        services.withdraw_hours(entry=entry, volunteer=UserFactory())
    services.approve_hours(entry=entry, by=coordinator)
    with pytest.raises(HoursAlreadyReviewed):
        services.withdraw_hours(entry=entry, volunteer=volunteer)
    pending = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    services.withdraw_hours(entry=pending, volunteer=volunteer)
    assert not HoursEntry.objects.filter(pk=pending.pk).exists()


def test_approve_and_correct_hours(organisation, coordinator, volunteer):
    entry = HoursEntryFactory(volunteer=volunteer, organisation=organisation, hours=Decimal("3"))
    with pytest.raises(VolunteeringError) as caught:
        services.approve_hours(entry=entry, by=coordinator, hours=Decimal("2"))
    assert caught.value.field == "note"
    entry = services.approve_hours(
        entry=entry, by=coordinator, hours=Decimal("2"), note="Vi sluttede en time før."
    )
    assert entry.status == HoursEntry.Status.APPROVED
    assert (entry.hours, entry.claimed_hours) == (Decimal("2"), Decimal("3"))
    assert entry.was_corrected
    assert entry.reviewed_by == coordinator
    with pytest.raises(HoursAlreadyReviewed):
        services.approve_hours(entry=entry, by=coordinator)


def test_reject_hours_needs_a_note(organisation, coordinator, volunteer):
    entry = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    with pytest.raises(VolunteeringError):
        services.reject_hours(entry=entry, by=coordinator, note=" ")
    entry = services.reject_hours(entry=entry, by=coordinator, note="Det var ikke for os.")
    assert entry.status == HoursEntry.Status.REJECTED


def test_nobody_approves_their_own_hours_even_as_coordinator(organisation, coordinator):
    entry = HoursEntryFactory(volunteer=coordinator, organisation=organisation)
    with pytest.raises(OwnHoursReview):
        services.approve_hours(entry=entry, by=coordinator)
    with pytest.raises(OwnHoursReview):
        services.reject_hours(entry=entry, by=coordinator, note="Nej")
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.PENDING
    # The database keeps the rule too.
    entry.status = HoursEntry.Status.APPROVED
    entry.reviewed_by = coordinator
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_only_the_organisations_coordinators_review(organisation, volunteer):
    entry = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    for user in (volunteer, UserFactory(), coordinator_of(OrganisationFactory())):
        with pytest.raises(NotAllowed):
            services.approve_hours(entry=entry, by=user)


# --- profile -------------------------------------------------------------------------------------


def test_save_profile_creates_one_and_updates_it(volunteer):
    ribe = TownFactory()
    skill = SkillFactory()
    profile = services.save_profile(
        user=volunteer,
        fields={
            "availability": ["6-morning", "2-evening", "2-evening"],
            "about": "Glad for at bage",
        },
        towns=[ribe],
        skills=[skill],
    )
    assert profile.availability == ["2-evening", "6-morning"]
    assert list(profile.towns.all()) == [ribe]
    services.save_profile(user=volunteer, fields={"ad_hoc_alerts": True, "max_alerts_per_week": 2})
    assert VolunteerProfile.objects.filter(user=volunteer).count() == 1
    profile.refresh_from_db()
    assert profile.ad_hoc_alerts
    assert profile.max_alerts_per_week == 2
    assert list(profile.towns.all()) == []


def test_save_profile_refuses_unknown_availability(volunteer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.save_profile(user=volunteer, fields={"availability": ["8-night"]})


# --- message all ---------------------------------------------------------------------------------


def test_message_volunteers_once_each_with_a_record(opportunity, coordinator, run_on_commit):
    first = make_shift(opportunity=opportunity)
    second = make_shift(opportunity=opportunity, starts_in=timedelta(days=10))
    both = UserFactory(preferred_language="en")
    only_second = UserFactory()
    waiting_shift = make_shift(opportunity=opportunity, volunteers_needed=1)
    sign_up(waiting_shift, UserFactory())
    waiting = UserFactory()
    sign_up(waiting_shift, waiting)
    for shift, person in ((first, both), (second, both), (second, only_second)):
        sign_up(shift, person)
    mail.outbox.clear()
    with run_on_commit():
        record = services.message_volunteers(
            sender=coordinator,
            opportunity=opportunity,
            subject="Husk handsker",
            body="Tag arbejdshandsker med.",
        )
    # Both shifts' people and the one with a place on the full shift; not the one waiting.
    assert record.recipient_count == 3
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert both.email in recipients and only_second.email in recipients
    assert waiting.email not in recipients
    assert len(recipients) == len(set(recipients)) == 3
    english = next(message for message in mail.outbox if message.to == [both.email])
    assert english.subject == "Husk handsker"
    assert "Tag arbejdshandsker med." in english.body
    assert "Reply to this email" in english.body
    assert english.reply_to == [coordinator.email]
    assert VolunteerMessage.objects.get().sent_by == coordinator


def test_message_one_shift(shift, opportunity, coordinator, run_on_commit):
    other = make_shift(opportunity=opportunity)
    on_shift, on_other = UserFactory(), UserFactory()
    sign_up(shift, on_shift)
    sign_up(other, on_other)
    mail.outbox.clear()
    with run_on_commit():
        services.message_volunteers(
            sender=coordinator, opportunity=opportunity, shift=shift, subject="Hej", body="Vi ses"
        )
    assert [message.to for message in mail.outbox] == [[on_shift.email]]


def test_message_needs_recipients_text_and_permission(opportunity, coordinator):
    make_shift(opportunity=opportunity)
    with pytest.raises(NoRecipients):
        services.message_volunteers(
            sender=coordinator, opportunity=opportunity, subject="Hej", body="Vi ses"
        )
    with pytest.raises(VolunteeringError) as caught:
        services.message_volunteers(
            sender=coordinator, opportunity=opportunity, subject=" ", body="Vi ses"
        )
    assert caught.value.field == "subject"
    with pytest.raises(NotAllowed):
        services.message_volunteers(
            sender=coordinator_of(OrganisationFactory()),
            opportunity=opportunity,
            subject="Hej",
            body="Vi ses",
        )
    assert not VolunteerMessage.objects.exists()


# --- deleting an account ---------------------------------------------------------------------


def test_forget_volunteer_keeps_hours_anonymised(shift, volunteer, coordinator, organisation):
    services.save_profile(user=volunteer, fields={"about": "Hej"})
    shift, _booking = attend(shift, volunteer, by=coordinator)
    approved = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    services.approve_hours(entry=approved, by=coordinator)
    pending = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    services.forget_volunteer(volunteer)
    assert not VolunteerProfile.objects.filter(user=volunteer).exists()
    assert not HoursEntry.objects.filter(pk=pending.pk).exists()
    kept = list(HoursEntry.objects.filter(organisation=organisation))
    assert len(kept) == 2
    assert {entry.volunteer_id for entry in kept} == {None}
    assert {entry.booking_id for entry in kept} == {None}
    assert {entry.description for entry in kept} == {""}
    keys = {entry.person_key for entry in kept}
    assert len(keys) == 1 and keys.pop().startswith("anonymous:")
