"""A need is volunteer work like a shift: those who said yes check in with the need's QR
code, no-shows are recorded, attended hours are credited to the organisation and thanked
for, and the need shows among the volunteer's coming tasks."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samskab.booking.models import Booking, Slot
from samskab.needs import services
from samskab.needs.models import Need
from samskab.volunteering import services as volunteering_services
from samskab.volunteering.models import HoursEntry
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    coordinator_of,
    make_need,
    make_volunteer,
)

pytestmark = pytest.mark.django_db

ATTENDED = Booking.Attendance.ATTENDED


@pytest.fixture
def soon(organisation, coordinator):
    """A need starting in 20 minutes (check-in is open) with two places."""
    return make_need(
        organisation=organisation,
        by=coordinator,
        people=2,
        starts_at=timezone.now() + timedelta(minutes=20),
        duration=timedelta(hours=1, minutes=30),
    )


def accepted(need, **kwargs):
    volunteer = make_volunteer(**kwargs)
    services.accept_need(need=need, user=volunteer)
    return volunteer


def move_back(need: Need, *, ended_ago: timedelta):
    """Time passes: the need (and its slot) ended ``ended_ago``, without a reschedule."""
    duration = need.ends_at - need.starts_at
    ends_at = timezone.now() - ended_ago
    Need.objects.filter(pk=need.pk).update(starts_at=ends_at - duration, ends_at=ends_at)
    Slot.objects.filter(pk=need.booking_slot.pk).update(
        starts_at=ends_at - duration, ends_at=ends_at
    )
    need.refresh_from_db()


def check_in_path(need):
    return reverse("needs:check_in", args=[need.pk, need.check_in_secret])


def test_a_volunteer_who_said_yes_checks_in_with_the_qr_link(client, soon):
    volunteer = accepted(soon, display_name="Vera Frivillig")
    client.force_login(volunteer)

    page = client.get(check_in_path(soon))
    assert page.status_code == 200
    assert "Tjek mig ind" in page.content.decode()
    assert not Booking.objects.filter(user=volunteer, attendance=ATTENDED).exists()

    done = client.post(check_in_path(soon))
    assert done.status_code == 200
    assert "Du er tjekket ind" in done.content.decode()
    booking = Booking.objects.get(user=volunteer)
    assert booking.attendance == ATTENDED
    entry = HoursEntry.objects.get(booking=booking)
    assert entry.organisation == soon.organisation
    assert entry.hours == Decimal("1.50")
    assert entry.status == HoursEntry.Status.APPROVED
    assert entry.description == soon.title_da
    assert entry.opportunity is None and entry.shift is None


def test_the_link_alone_is_not_enough(client, soon):
    accepted(soon)
    stranger = UserFactory()

    assert client.get(check_in_path(soon)).status_code == 302  # log in first
    client.force_login(stranger)
    refused = client.post(check_in_path(soon))
    assert refused.status_code == 403
    assert "ikke tilmeldt" in refused.content.decode()
    wrong = client.get(reverse("needs:check_in", args=[soon.pk, "not-the-secret"]))
    assert wrong.status_code == 404
    assert not Booking.objects.filter(attendance=ATTENDED).exists()


def test_the_coordinator_shows_the_qr_code_and_others_cannot(client, soon, coordinator):
    organisation = soon.organisation
    client.force_login(coordinator)
    sheet = client.get(reverse("needs:qr", args=[organisation.slug, soon.pk]))
    assert sheet.status_code == 200
    assert check_in_path(soon) in sheet.content.decode()
    code = client.get(reverse("needs:qr_svg", args=[organisation.slug, soon.pk]))
    assert code["Content-Type"] == "image/svg+xml"
    assert "no-store" in code["Cache-Control"]

    client.force_login(accepted(soon))
    assert client.get(reverse("needs:qr", args=[organisation.slug, soon.pk])).status_code == 403
    assert client.get(reverse("needs:qr_svg", args=[organisation.slug, soon.pk])).status_code == 403


def test_completing_attendance_records_no_shows_credits_hours_and_thanks(
    client, soon, coordinator, django_capture_on_commit_callbacks
):
    came = accepted(soon, email="came@example.dk", display_name="Kom")
    stayed_away = accepted(soon, email="away@example.dk")
    volunteering_services.check_in(work=soon, user=came, secret=soon.check_in_secret)
    move_back(soon, ended_ago=timedelta(minutes=5))
    mail.outbox.clear()

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("needs:close_attendance", args=[soon.organisation.slug, soon.pk]),
            follow=True,
        )
    assert "1 person, der ikke tjekkede ind" in response.content.decode()
    assert Booking.objects.get(user=stayed_away).attendance == Booking.Attendance.NO_SHOW
    assert not HoursEntry.objects.filter(booking__user=stayed_away).exists()
    soon.refresh_from_db()
    assert soon.attendance_closed
    thanks = [message for message in mail.outbox if came.email in message.to]
    assert len(thanks) == 1
    assert soon.title_da in thanks[0].body
    assert "1,5 time" in thanks[0].body
    assert reverse("volunteering:list") in thanks[0].body
    assert not [message for message in mail.outbox if stayed_away.email in message.to]


def test_the_worker_completes_attendance_a_day_after_the_end(soon):
    volunteer = accepted(soon)
    move_back(soon, ended_ago=timedelta(hours=25))
    cancelled = make_need(organisation=soon.organisation, people=1)
    services.cancel_need(need=cancelled, by=soon.posted_by, reason="Aflyst")
    move_back(cancelled, ended_ago=timedelta(hours=25))

    assert volunteering_services.close_finished_work() == 1
    assert Booking.objects.get(user=volunteer).attendance == Booking.Attendance.NO_SHOW
    assert volunteering_services.close_finished_work() == 0


def test_a_stranger_cannot_complete_attendance(client, soon):
    client.force_login(accepted(soon))
    response = client.post(
        reverse("needs:close_attendance", args=[soon.organisation.slug, soon.pk])
    )
    assert response.status_code == 403
    soon.refresh_from_db()
    assert not soon.attendance_closed


def test_an_accepted_need_is_among_the_volunteers_coming_tasks(client, soon):
    volunteer = accepted(soon)
    client.force_login(volunteer)
    page = client.get(reverse("volunteering:my_volunteering")).content.decode()
    assert soon.title_da in page


# --- the booking engine's one attendance view, for a need ------------------------------------


def attendance_url(need, booking):
    return reverse("booking:mark_attendance", args=[need.booking_slot.pk, booking.pk])


def test_the_coordinator_marks_attendance_on_the_engine_s_page_and_the_hours_are_credited(
    client, soon, coordinator
):
    volunteer = accepted(soon, display_name="Vera Frivillig")
    booking = Booking.objects.get(user=volunteer)
    client.force_login(coordinator)
    page = client.get(reverse("needs:manage_detail", args=[soon.organisation.slug, soon.pk]))
    assert reverse("booking:manage_slot", args=[soon.booking_slot.pk]) in page.content.decode()

    response = client.post(attendance_url(soon, booking), {"attendance": "attended"})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("booking:manage_slot", args=[soon.booking_slot.pk]) + "#roster"
    )
    booking.refresh_from_db()
    assert booking.attendance == ATTENDED
    assert HoursEntry.objects.get(booking=booking).hours == Decimal("1.50")

    client.post(attendance_url(soon, booking), {"attendance": "unknown"})
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN
    assert not HoursEntry.objects.filter(booking=booking).exists()


def test_a_coordinator_of_another_organisation_cannot_mark_attendance_of_a_need(client, soon):
    volunteer = accepted(soon)
    booking = Booking.objects.get(user=volunteer)
    client.force_login(coordinator_of(OrganisationFactory()))
    response = client.post(attendance_url(soon, booking), {"attendance": "attended"})
    assert response.status_code == 403
    assert (
        client.get(reverse("booking:manage_slot", args=[soon.booking_slot.pk])).status_code == 403
    )
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN
    assert not HoursEntry.objects.filter(booking=booking).exists()
