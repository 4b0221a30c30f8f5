"""Tracking engagement through real sign-ups: when "needed" appears, for whom, and that the
volunteer is told once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from samskab.booking.models import Booking
from samskab.childsafety import selectors, services
from samskab.childsafety.models import AttestStatus
from tests.factories import (
    OpportunityFactory,
    OrganisationFactory,
    children_opportunity,
    help_on,
    shift_on,
    sign_up,
    soon,
)

pytestmark = pytest.mark.django_db


def attest_mails():
    """The børneattest emails among everything sent (sign-ups send their own)."""
    return [message for message in mail.outbox if "boerneattest/" in message.body]


def within_three_months(count):
    return [soon(10 + 20 * n) for n in range(count)]


def test_three_shifts_in_three_months_need_nothing(
    opportunity, organisation, volunteer, run_on_commit
):
    with run_on_commit():
        help_on(opportunity, volunteer, within_three_months(3))

    assert not AttestStatus.objects.exists()
    assert selectors.attest_status_for(volunteer, organisation) is None
    assert not attest_mails()


def test_the_fourth_shift_makes_it_needed_and_the_volunteer_is_told_once(
    opportunity, organisation, volunteer, run_on_commit
):
    with run_on_commit():
        help_on(opportunity, volunteer, within_three_months(4))

    status = AttestStatus.objects.get(volunteer=volunteer, organisation=organisation)
    assert status.state == "needed"
    assert status.rule == "days_in_window"
    assert status.needed_from == soon(70)
    assert status.volunteer_notified_at is not None
    assert len(attest_mails()) == 1
    email = attest_mails()[0]
    assert email.to == ["vera@example.dk"]
    assert "Ribe Lektiecafé" in email.subject
    assert "mere end 3 gange inden for 3 måneder" in email.body
    assert "https://samskab.example/boerneattest/" in email.body

    with run_on_commit():
        help_on(opportunity, volunteer, [soon(75)])
    assert services.check_all() == 0
    assert services.notify_pending() == 0
    assert not services.notify_volunteer(status.pk)
    assert len(attest_mails()) == 1

    info = selectors.attest_status_for(volunteer, organisation)
    assert info.state == "needed" and info.is_needed and info.is_stored


def test_the_email_follows_the_volunteers_language(opportunity, volunteer, run_on_commit):
    volunteer.preferred_language = "en"
    volunteer.save(update_fields=["preferred_language"])
    with run_on_commit():
        help_on(opportunity, volunteer, within_three_months(4))

    assert "more than 3 times within 3 months" in attest_mails()[0].body
    assert "/en/boerneattest/" in attest_mails()[0].body


def test_four_days_in_a_row_are_fine_five_are_not(
    opportunity, organisation, volunteer, run_on_commit
):
    with run_on_commit():
        help_on(opportunity, volunteer, [soon(10)], length=4)
    assert not AttestStatus.objects.exists()

    with run_on_commit():
        help_on(opportunity, volunteer, [soon(40)], length=5)
    status = AttestStatus.objects.get()
    assert status.rule == "consecutive_days"
    assert status.needed_from == soon(44)


def test_each_organisation_counts_its_own_shifts(
    organisation, opportunity, volunteer, run_on_commit
):
    other = children_opportunity(OrganisationFactory(name="Bramming Spejderne"))
    with run_on_commit():
        help_on(opportunity, volunteer, [soon(10), soon(11)])
        help_on(other, volunteer, [soon(12), soon(13)])

    assert not AttestStatus.objects.exists()
    assert selectors.attest_status_for(volunteer, organisation) is None
    assert selectors.attest_status_for(volunteer, other.organisation) is None


def test_tasks_without_children_do_not_count(organisation, volunteer, run_on_commit):
    adults_only = OpportunityFactory(organisation=organisation, involves_children=False)
    with run_on_commit():
        help_on(adults_only, volunteer, within_three_months(6))

    assert not AttestStatus.objects.exists()
    assert services.check_all() == 0


def test_waiting_lists_cancellations_and_no_shows_do_not_count(
    opportunity, organisation, volunteer, coordinator, run_on_commit
):
    from samskab.booking import services as booking_services
    from tests.factories import UserFactory

    full = shift_on(opportunity, soon(10), places=1)
    sign_up(full, UserFactory())
    with run_on_commit():
        waiting = sign_up(full, volunteer)
        cancelled = help_on(opportunity, volunteer, [soon(20)])[0]
        booking_services.cancel_booking(booking=cancelled)
        help_on(opportunity, volunteer, [soon(30), soon(40)])
    assert waiting.status == Booking.Status.WAITLISTED
    assert not AttestStatus.objects.exists()

    # A no-show is not help given either.
    no_show = help_on(opportunity, volunteer, [soon(50)])[0]
    Booking.objects.filter(pk=no_show.pk).update(attendance=Booking.Attendance.NO_SHOW)
    assert services.check_all() == 0


def test_the_daily_check_catches_up(opportunity, organisation, volunteer):
    # Sign-ups whose check never ran (e.g. the worker was down).
    help_on(opportunity, volunteer, within_three_months(4))
    assert not AttestStatus.objects.exists()
    # Until then the roster still shows it, evaluated from the bookings.
    live = selectors.attest_status_for(volunteer, organisation)
    assert live.state == "needed" and not live.is_stored

    call_command("run_tasks", "--only", "childsafety.check_rule", verbosity=0)
    assert AttestStatus.objects.get().state == "needed"
    assert len(attest_mails()) == 1
    call_command("run_tasks", "--only", "childsafety.check_rule", verbosity=0)
    assert len(attest_mails()) == 1


def test_a_failed_email_is_sent_later(opportunity, volunteer, settings, run_on_commit):
    settings.EMAIL_BACKEND = "samskab.childsafety.tests.test_tracking.BrokenBackend"
    with run_on_commit():
        help_on(opportunity, volunteer, within_three_months(4))
    status = AttestStatus.objects.get()
    assert status.volunteer_notified_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.notify_pending() == 1
    assert len(attest_mails()) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("The mail server is down.")


def test_recording_requested_and_approved(opportunity, organisation, volunteer, coordinator):
    help_on(opportunity, volunteer, within_three_months(4))
    services.record_requested(volunteer=volunteer, organisation=organisation, by=coordinator)
    status = AttestStatus.objects.get()
    assert (status.state, status.requested_on, status.updated_by) == (
        "requested",
        soon(0),
        coordinator,
    )

    services.record_approved(
        volunteer=volunteer, organisation=organisation, by=coordinator, approved_on=soon(-1)
    )
    info = selectors.attest_status_for(volunteer, organisation)
    assert (info.state, info.approved_on) == ("approved", soon(-1))


def test_nothing_is_recorded_for_people_who_do_not_need_it(organisation, volunteer, coordinator):
    from samskab.childsafety.errors import NoAttestNeeded

    with pytest.raises(NoAttestNeeded):
        services.record_requested(volunteer=volunteer, organisation=organisation, by=coordinator)
    assert not AttestStatus.objects.exists()


def test_an_old_approval_expires(opportunity, organisation, volunteer, coordinator, settings):
    help_on(opportunity, volunteer, within_three_months(4))
    services.record_approved(
        volunteer=volunteer,
        organisation=organisation,
        by=coordinator,
        approved_on=soon(-800),
    )
    assert AttestStatus.objects.get().state == "expired"
    info = selectors.attest_status_for(volunteer, organisation)
    assert info.state == "expired" and info.is_needed


def test_approvals_expire_by_the_daily_check(organisation, volunteer):
    AttestStatus.objects.create(
        volunteer=volunteer,
        organisation=organisation,
        state="approved",
        approved_on=soon(-731),
    )
    assert selectors.attest_status_for(volunteer, organisation).state == "expired"
    assert services.expire_approvals() == 1
    assert AttestStatus.objects.get().state == "expired"


# --- retention -------------------------------------------------------------------------------


def test_statuses_are_cleared_after_the_retention_time(organisation, opportunity, volunteer):
    from tests.factories import UserFactory

    old = AttestStatus.objects.create(
        volunteer=UserFactory(),
        organisation=organisation,
        state="approved",
        needed_from=soon(-900),
        approved_on=soon(-850),
    )
    old_needed = AttestStatus.objects.create(
        volunteer=UserFactory(),
        organisation=organisation,
        state="needed",
        needed_from=soon(-731),
    )
    recent = AttestStatus.objects.create(
        volunteer=UserFactory(),
        organisation=organisation,
        state="approved",
        needed_from=soon(-400),
        approved_on=soon(-365),
    )
    # Approved long ago, but still helping with children: kept.
    still_helping = AttestStatus.objects.create(
        volunteer=volunteer,
        organisation=organisation,
        state="expired",
        needed_from=soon(-900),
        approved_on=soon(-850),
    )
    help_on(opportunity, volunteer, [soon(5)])

    call_command("run_tasks", "--only", "childsafety.clear_expired", verbosity=0)
    remaining = set(AttestStatus.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, still_helping.pk}
    assert old.pk not in remaining and old_needed.pk not in remaining

    assert services.clear_expired_attests() == 0


def test_retention_follows_the_setting(organisation, volunteer, settings):
    settings.CHILDSAFETY_RETENTION = timedelta(days=30)
    AttestStatus.objects.create(
        volunteer=volunteer,
        organisation=organisation,
        state="approved",
        needed_from=soon(-60),
        approved_on=soon(-31),
    )
    assert services.clear_expired_attests() == 1


def test_cleared_engagement_does_not_come_back(organisation, opportunity, volunteer, settings):
    from samskab.volunteering.tests.helpers import move_to

    shifts = [shift_on(opportunity, soon(10 + n)) for n in range(4)]
    for shift in shifts:
        sign_up(shift, volunteer)
    for number, shift in enumerate(shifts):
        move_to(shift, starts_in=timedelta(days=-800 + number))
    services.check_all()
    assert not AttestStatus.objects.exists()
    assert selectors.attest_status_for(volunteer, organisation) is None
