from datetime import timedelta

import pytest
from django.core import mail

from samskab.volunteering import services
from samskab.volunteering.tests.helpers import attend, sign_up
from tests.factories import UserFactory, make_shift

pytestmark = pytest.mark.django_db


def test_thank_you_in_danish_names_the_hours_and_the_page(shift, coordinator, run_on_commit):
    volunteer = UserFactory(display_name="Jens", preferred_language="da")
    mail.outbox.clear()
    with run_on_commit():
        attend(shift, volunteer, by=coordinator)
    thanks = mail.outbox[-1]
    assert thanks.subject == f"Tak fordi du hjalp med {shift.opportunity.title_da}"
    assert thanks.body.startswith("Kære Jens")
    assert "Vi har skrevet 2 timer på din frivilligkonto." in thanks.body
    assert "https://samskab.example/frivillig/mit-frivillige-arbejde/" in thanks.body
    assert thanks.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_shift_of_one_and_a_half_hours(opportunity, coordinator, run_on_commit):
    shift = make_shift(opportunity=opportunity, duration=timedelta(minutes=90))
    volunteer = UserFactory(preferred_language="en")
    booking = sign_up(shift, volunteer)
    from samskab.volunteering.tests.helpers import move_to

    move_to(shift, starts_in=timedelta(hours=-3), duration=timedelta(minutes=90))
    mail.outbox.clear()
    with run_on_commit():
        services.record_attendance(booking=booking, attended=True, by=coordinator)
    assert "We have credited 1.5 hours to your volunteer record." in mail.outbox[-1].body


def test_message_footer_in_the_recipients_language(shift, opportunity, coordinator, run_on_commit):
    danish, english = UserFactory(), UserFactory(preferred_language="en")
    sign_up(shift, danish)
    sign_up(shift, english)
    mail.outbox.clear()
    with run_on_commit():
        services.message_volunteers(
            sender=coordinator, opportunity=opportunity, shift=shift, subject="Hej", body="Vi ses!"
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "Sendt af Karen Koordinator fra Ribe Frivilligforening gennem Samskab." in (
        by_address[danish.email].body
    )
    assert "Sent by Karen Koordinator from Ribe Frivilligforening through Samskab." in (
        by_address[english.email].body
    )
    assert "/en/frivillig/" in by_address[english.email].body
