from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from samskab.booking.models import Booking
from samskab.volunteering import services
from samskab.volunteering.tests.helpers import move_to, sign_up
from tests.factories import UserFactory, make_shift

pytestmark = pytest.mark.django_db

VOLUNTEERING_TASKS = [
    "--only=volunteering.close_finished_work",
    "--only=volunteering.send_thank_yous",
]


def test_the_task_closes_old_shifts_and_thanks_volunteers(opportunity, coordinator):
    came, away = UserFactory(), UserFactory()
    shift = make_shift(opportunity=opportunity)
    came_booking, away_booking = sign_up(shift, came), sign_up(shift, away)
    shift = move_to(shift, starts_in=timedelta(days=-2))
    # Marked on the engine's own page: volunteering credits it when the shift is closed.
    from samskab.booking import services as booking_services

    booking_services.mark_attendance(booking=came_booking, attended=True, by=coordinator)
    mail.outbox.clear()
    out = StringIO()
    call_command("run_tasks", *VOLUNTEERING_TASKS, stdout=out)
    assert "volunteering.close_finished_work: 1; volunteering.send_thank_yous: 1" in out.getvalue()
    away_booking.refresh_from_db()
    assert away_booking.attendance == Booking.Attendance.NO_SHOW
    assert [message.to for message in mail.outbox] == [[came.email]]
    out = StringIO()
    call_command("run_tasks", *VOLUNTEERING_TASKS, "-v", "2", stdout=out)
    assert "volunteering.close_finished_work: 0; volunteering.send_thank_yous: 0" in out.getvalue()


def test_shifts_are_closed_only_after_the_grace_period(opportunity):
    shift = make_shift(opportunity=opportunity)
    sign_up(shift, UserFactory())
    move_to(shift, starts_in=timedelta(hours=-4))
    call_command("run_tasks", *VOLUNTEERING_TASKS, stdout=StringIO())
    shift.refresh_from_db()
    assert shift.closed_at is None
    assert services.close_finished_work(after=timedelta(hours=1)) == 1
    shift.refresh_from_db()
    assert shift.closed_at is not None
