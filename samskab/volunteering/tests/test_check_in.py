from datetime import timedelta

import pytest

from samskab.booking.models import Booking
from samskab.volunteering.models import HoursEntry
from samskab.volunteering.tests.helpers import move_to, sign_up
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def check_in_url(shift, secret=None, prefix=""):
    return f"{prefix}/frivillig/tjek-ind/{shift.pk}/{secret or shift.check_in_secret}/"


@pytest.fixture
def under_way(shift, volunteer):
    """The volunteer signed up; the shift started five minutes ago."""
    booking = sign_up(shift, volunteer)
    return move_to(shift, starts_in=timedelta(minutes=-5)), booking


def test_scan_log_in_come_back_and_check_in(client, under_way, volunteer):
    shift, booking = under_way
    url = check_in_url(shift)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
    assert f"tjek-ind/{shift.pk}/" in response["Location"]

    client.force_login(volunteer)
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Tjek mig ind" in content
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN  # GET changes nothing

    response = client.post(url)
    assert response.status_code == 200
    assert "Du er tjekket ind" in response.content.decode()
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED
    assert HoursEntry.objects.filter(booking=booking).exists()

    # Scanning again says so, calmly.
    response = client.post(url)
    assert response.status_code == 200
    assert "allerede tjekket ind" in response.content.decode()


def test_check_in_in_english(client, under_way, volunteer):
    shift, _booking = under_way
    client.force_login(volunteer)
    response = client.post(check_in_url(shift, prefix="/en"))
    assert response.status_code == 200
    assert "You are checked in" in response.content.decode()


def test_wrong_secret_is_refused_without_asking_to_log_in(client, under_way, volunteer):
    shift, booking = under_way
    response = client.get(check_in_url(shift, secret="guess"))
    assert response.status_code == 404
    assert "ikke gyldigt" in response.content.decode()
    client.force_login(volunteer)
    assert client.post(check_in_url(shift, secret="guess")).status_code == 404
    response = client.get(f"/frivillig/tjek-ind/999999/{shift.check_in_secret}/")
    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN


def test_not_signed_up_is_clearly_refused(client, under_way):
    shift, _booking = under_way
    stranger = UserFactory()
    client.force_login(stranger)
    for response in (client.get(check_in_url(shift)), client.post(check_in_url(shift))):
        assert response.status_code == 403
        content = response.content.decode()
        assert "Du er ikke tilmeldt denne vagt" in content
        assert shift.opportunity.get_absolute_url() in content
    assert not Booking.objects.filter(user=stranger).exists()
    assert not HoursEntry.objects.exists()


def test_refused_in_english(client, under_way):
    shift, _booking = under_way
    client.force_login(UserFactory())
    response = client.get(check_in_url(shift, prefix="/en"))
    assert response.status_code == 403
    assert "You are not signed up for this shift" in response.content.decode()


def test_too_early_is_refused_with_the_time(client, shift, volunteer):
    sign_up(shift, volunteer)
    client.force_login(volunteer)
    response = client.post(check_in_url(shift))
    assert response.status_code == 403
    assert "Indtjekning åbner" in response.content.decode()
