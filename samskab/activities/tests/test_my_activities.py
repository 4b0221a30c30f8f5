"""'My activities': coming sign-ups with waitlist positions, open offers, cancel buttons,
what the person took part in, and the personal calendar address."""

from datetime import timedelta

import pytest
from django.core import mail

from samskab.activities import services
from samskab.activities.models import Activity
from samskab.activities.tests.helpers import count_queries, messages_of, page_of, url
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from tests.factories import ActivityFactory, UserFactory, one_off

pytestmark = pytest.mark.django_db

STATUS = Booking.Status


def sign_up_session(capacity=5, **kwargs):
    activity = ActivityFactory(participation=Activity.Participation.SIGN_UP, **kwargs)
    return one_off(activity, capacity=capacity)


def test_my_activities_needs_a_login(client):
    response = client.get(url("mine"))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_my_activities_shows_places_waiting_positions_and_the_calendar_address(client):
    user = UserFactory()
    confirmed = sign_up_session(title_da="Kor")
    full = sign_up_session(capacity=1, title_da="Dans")
    booking_services.request_booking(slot=confirmed.booking_slot, user=user)
    booking_services.request_booking(slot=full.booking_slot, user=UserFactory())
    booking_services.request_booking(slot=full.booking_slot, user=UserFactory())
    booking_services.request_booking(slot=full.booking_slot, user=user)
    sign_up_session(title_da="Ikke min")
    client.force_login(user)

    response = client.get(url("mine"))
    page = page_of(response)
    assert page.h1 == "Mine aktiviteter"
    html = page.html
    assert "Kor" in html and "Dans" in html and "Ikke min" not in html
    assert "Du har en plads" in html
    assert "Nummer 2 på ventelisten" in html
    assert "Forlad ventelisten" in html and "Afmeld min plads" in html
    feed = services.personal_feed(user=user)
    assert f"/aktiviteter/kalender/{feed.token}.ics" in html
    assert f'value="http://testserver/aktiviteter/kalender/{feed.token}.ics"' in html
    assert "webcal://testserver/aktiviteter/kalender/" in html


def test_my_activities_in_english(client):
    user = UserFactory()
    session = sign_up_session(title_en="Choir")
    booking_services.request_booking(slot=session.booking_slot, user=user)
    client.force_login(user)
    page = page_of(client.get(url("mine", "en")))
    assert page.language == "en"
    assert page.h1 == "My activities"
    assert "Choir" in page.html
    assert "Cancel my place" in page.html


def test_cancelling_from_my_activities_goes_through_the_engine_and_comes_back(
    client, run_on_commit
):
    user = UserFactory()
    session = sign_up_session(capacity=1)
    booking = booking_services.request_booking(slot=session.booking_slot, user=user).booking
    waiting = booking_services.request_booking(
        slot=session.booking_slot, user=UserFactory()
    ).booking
    client.force_login(user)
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(f"/tilmelding/afmeld/{booking.token}/", {"next": url("mine")})
    assert response.status_code == 302
    assert response["Location"] == url("mine")
    assert messages_of(response)
    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.status == STATUS.CANCELLED
    assert waiting.status == STATUS.OFFERED
    assert [message.to for message in mail.outbox] == [[waiting.user.email]]


def test_an_open_offer_can_be_accepted_from_my_activities(client):
    user = UserFactory()
    session = sign_up_session(capacity=1)
    first = booking_services.request_booking(slot=session.booking_slot, user=UserFactory()).booking
    mine = booking_services.request_booking(slot=session.booking_slot, user=user).booking
    booking_services.cancel_booking(booking=first)
    client.force_login(user)
    html = client.get(url("mine")).content.decode()
    assert "Der er en ledig plads til dig" in html
    assert f'action="/tilmelding/tilbud/{mine.token}/"' in html
    response = client.post(
        f"/tilmelding/tilbud/{mine.token}/", {"action": "accept", "next": url("mine")}
    )
    assert response["Location"] == url("mine")
    mine.refresh_from_db()
    assert mine.status == STATUS.CONFIRMED


def test_past_sign_ups_are_listed_as_taken_part_in(client):
    user = UserFactory()
    session = sign_up_session()
    booking_services.request_booking(slot=session.booking_slot, user=user)
    slot = session.booking_slot
    # The session took place last week.
    slot.starts_at -= timedelta(days=10)
    slot.ends_at -= timedelta(days=10)
    slot.save(update_fields=["starts_at", "ends_at"])
    client.force_login(user)
    html = client.get(url("mine")).content.decode()
    assert "Du er ikke tilmeldt noget kommende." in html
    assert session.activity.title_da in html


def test_what_i_took_part_in_comes_a_page_at_a_time_and_only_activities(client):
    from tests.factories import ExampleSessionFactory, make_slot

    user = UserFactory()
    for days_ago in range(1, 23):
        session = sign_up_session(title_da=f"Strikkecafé nr. {days_ago}")
        slot = session.booking_slot
        slot.starts_at -= timedelta(days=days_ago + 7)
        slot.ends_at -= timedelta(days=days_ago + 7)
        slot.save(update_fields=["starts_at", "ends_at"])
        Booking.objects.create(slot=slot, user=user, status=STATUS.CONFIRMED, sequence=1)
    # Another kind of sign-up (a volunteer shift, say) is not an activity.
    for starts_in in (timedelta(days=-1), timedelta(days=3)):
        other = make_slot(starts_in=starts_in, owner=ExampleSessionFactory(title_da="Vagt"))
        Booking.objects.create(slot=other, user=user, status=STATUS.CONFIRMED, sequence=1)
    client.force_login(user)

    first = client.get(url("mine")).content.decode()
    assert "Strikkecafé nr. 1<" in first and "Strikkecafé nr. 20<" in first
    assert "Strikkecafé nr. 21<" not in first and "Vagt" not in first
    second = client.get(url("mine"), {"page": "2"}).content.decode()
    assert "Strikkecafé nr. 21<" in second and "Strikkecafé nr. 22<" in second
    assert "Strikkecafé nr. 20<" not in second and "Vagt" not in second


def test_my_activities_needs_the_same_queries_for_one_or_many_sign_ups(client):
    few_user, many_user = UserFactory(), UserFactory()
    booking_services.request_booking(slot=sign_up_session().booking_slot, user=few_user)
    for _ in range(6):
        booking_services.request_booking(slot=sign_up_session().booking_slot, user=many_user)
    client.force_login(few_user)
    count_queries(client, url("mine"))  # creates the feed address on the first visit
    few, _ = count_queries(client, url("mine"))
    client.force_login(many_user)
    count_queries(client, url("mine"))
    many, response = count_queries(client, url("mine"))
    assert response.content.decode().count("Afmeld min plads") == 6
    assert few == many
