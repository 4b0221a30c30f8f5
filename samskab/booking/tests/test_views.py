from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samskab.booking import services
from samskab.booking.models import Booking
from tests.factories import ExampleSessionFactory, UserFactory, make_slot

pytestmark = pytest.mark.django_db

STATUS = Booking.Status


def url(name, *args, language="da", **kwargs):
    with translation.override(language):
        return reverse(f"booking:{name}", args=args, kwargs=kwargs)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def guest_booking(slot, *, confirm=False):
    booking = services.request_booking(slot=slot, name="Grethe", email="grethe@example.org").booking
    if confirm:
        services.confirm_guest_booking(token=booking.token)
        booking.refresh_from_db()
    return booking


# --- the sign-up page and form -----------------------------------------------------------


def test_the_sign_up_page_shows_the_session_in_danish_and_english(client):
    slot = make_slot(capacity=3)
    response = client.get(url("sign_up", slot.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tilmelding: Strikkecafé" in page
    assert "3 ledige pladser" in page
    assert 'name="email"' in page
    assert "Ribe Bibliotek" in page

    response = client.get(url("sign_up", slot.pk, language="en"))
    assert response.status_code == 200
    assert url("sign_up", slot.pk, language="en").startswith("/en/tilmelding/")
    page = response.content.decode()
    assert "Sign up: Knitting café" in page
    assert "3 places left" in page


def test_a_logged_in_user_signs_up_with_one_click_and_returns_to_next(client, run_on_commit):
    slot = make_slot(capacity=1)
    user = UserFactory()
    client.force_login(user)
    with run_on_commit():
        response = client.post(url("sign_up", slot.pk), {"next": "/example-sessions/1/"})
    assert response.status_code == 302
    assert response["Location"] == "/example-sessions/1/"
    assert Booking.objects.get(slot=slot, user=user).status == STATUS.CONFIRMED
    assert messages_of(response) == [
        "Du har fået en plads. Vi har sendt dig en e-mail med detaljerne."
    ]
    assert len(mail.outbox) == 1

    response = client.post(url("sign_up", slot.pk), {"next": "/example-sessions/1/"})
    assert messages_of(response)[-1] == "Du er allerede tilmeldt. Din plads er stadig din."
    assert Booking.objects.filter(slot=slot).count() == 1


def test_a_full_session_puts_a_user_on_the_waitlist_with_a_position(client):
    slot = make_slot(capacity=1)
    services.request_booking(slot=slot, user=UserFactory())
    client.force_login(UserFactory())
    response = client.post(url("sign_up", slot.pk))
    assert response["Location"] == url("sign_up", slot.pk)
    assert "nummer 1" in messages_of(response)[0]
    page = client.get(url("sign_up", slot.pk)).content.decode()
    assert "Du er nummer 1 på ventelisten." in page
    assert "Forlad ventelisten" in page


@pytest.mark.parametrize(
    "next_url",
    # "abc" is no path: redirect() would take it for a URL name and fail.
    ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)", "abc"],
)
def test_an_outside_next_address_is_ignored(client, next_url):
    slot = make_slot()
    client.force_login(UserFactory())
    response = client.post(url("sign_up", slot.pk), {"next": next_url})
    assert response["Location"] == url("sign_up", slot.pk)


def test_a_visitor_with_bad_input_sees_errors_and_keeps_what_was_typed(client):
    slot = make_slot()
    response = client.post(url("sign_up", slot.pk), {"name": "Grethe", "email": "not-an-email"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Indtast en gyldig e-mail-adresse." in page
    assert 'value="Grethe"' in page
    assert 'value="not-an-email"' in page
    assert not Booking.objects.exists()


def test_a_visitor_signs_up_with_name_and_email_and_is_asked_to_confirm(client, run_on_commit):
    slot = make_slot()
    with run_on_commit():
        response = client.post(
            url("sign_up", slot.pk, language="en"),
            {"name": "Grethe", "email": "grethe@example.org", "next": "/en/example/"},
        )
    assert response["Location"] == "/en/example/"
    booking = Booking.objects.get(slot=slot)
    assert booking.status == STATUS.PENDING
    assert booking.language == "en"
    assert "grethe@example.org" in messages_of(response)[0]
    assert mail.outbox[0].subject.startswith("Please confirm your sign-up")
    assert f"https://samskab.example/en/tilmelding/bekraeft/{booking.token}/" in (
        mail.outbox[0].body
    )


def test_a_visitor_cannot_flood_an_inbox_with_sign_ups(client, run_on_commit):
    slot = make_slot()
    data = {"name": "Grethe", "email": "grethe@example.org", "next": "/aktiviteter/"}
    with run_on_commit():
        for _ in range(5):
            client.post(url("sign_up", slot.pk), data)
        response = client.post(url("sign_up", slot.pk), {**data, "name": "Grethe Jensen"})
    # The form is shown again with what was typed, and goes back to where it came from.
    assert response.status_code == 429
    page = response.content.decode()
    assert "Du har prøvet for mange gange på kort tid." in page
    assert 'value="Grethe Jensen"' in page
    assert 'value="grethe@example.org"' in page
    assert 'name="next" value="/aktiviteter/"' in page
    assert len(mail.outbox) == 5


def test_signing_up_for_a_cancelled_session_says_so(client):
    slot = make_slot()
    services.cancel_slot(slot=slot, reason="", by=None)
    client.force_login(UserFactory())
    response = client.post(url("sign_up", slot.pk))
    assert messages_of(response) == ["Arrangøren har aflyst arrangementet."]
    page = client.get(url("sign_up", slot.pk)).content.decode()
    assert "Arrangementet er aflyst." in page
    assert "Tilmeld mig" not in page


def test_an_unknown_slot_is_a_friendly_404(client):
    response = client.get(url("sign_up", 999999))
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


def test_a_draft_cannot_be_signed_up_for_through_the_engine_page(client):
    slot = make_slot(owner=ExampleSessionFactory(is_published=False))
    assert client.get(url("sign_up", slot.pk)).status_code == 404
    client.force_login(UserFactory())
    assert client.post(url("sign_up", slot.pk)).status_code == 404
    assert not Booking.objects.exists()


def test_the_include_renders_inside_an_owner_page(rf):
    slot = make_slot(capacity=2)
    user = UserFactory()
    services.request_booking(slot=slot, user=user)
    request = rf.get("/example-sessions/1/")
    request.user = user
    template = Template("{% load booking_tags %}{% booking_signup_form slot %}")
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"request": request, "slot": slot}))
    assert len(queries) == 2
    assert "Du har en plads." in html
    assert "1 ledig plads" in html
    assert 'name="next" value="/example-sessions/1/"' in html
    assert "/tilmelding/afmeld/" in html


def test_the_include_gives_a_visitor_name_and_email_fields_with_unique_ids(rf):
    from django.contrib.auth.models import AnonymousUser

    slots = [make_slot(), make_slot()]
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    template = Template(
        "{% load booking_tags %}{% for slot in slots %}{% booking_signup_form slot %}{% endfor %}"
    )
    html = template.render(Context({"request": request, "slots": slots}))
    assert f'id="id_slot{slots[0].pk}_email"' in html
    assert f'id="id_slot{slots[1].pk}_email"' in html
    assert "Log ind, og tilmeld dig med ét klik" in html


# --- confirming as a visitor -------------------------------------------------------------


def test_opening_the_confirmation_link_changes_nothing_until_the_button(client, run_on_commit):
    slot = make_slot()
    booking = guest_booking(slot)
    response = client.get(url("confirm", booking.token))
    assert response.status_code == 200
    assert "Bekræft min tilmelding" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == STATUS.PENDING, "mail scanners open links; GET must not confirm"

    with run_on_commit():
        response = client.post(url("confirm", booking.token))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Du har fået en plads" in page
    booking.refresh_from_db()
    assert booking.status == STATUS.CONFIRMED
    assert mail.outbox[-1].subject.startswith("Du har en plads")


def test_a_used_confirmation_link_explains_itself(client):
    booking = guest_booking(make_slot(), confirm=True)
    for method in (client.get, client.post):
        response = method(url("confirm", booking.token))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Du har allerede bekræftet din e-mailadresse" in page
        assert "Bekræft min tilmelding" not in page
        assert url("cancel", booking.token) in page


def test_an_expired_confirmation_link_explains_itself_and_offers_to_sign_up_again(client):
    slot = make_slot()
    booking = guest_booking(slot)
    Booking.objects.filter(pk=booking.pk).update(
        confirmation_sent_at=timezone.now() - timedelta(days=10)
    )
    response = client.post(url("confirm", booking.token))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Linket til at bekræfte er udløbet" in page
    booking.refresh_from_db()
    assert booking.status == STATUS.PENDING


@pytest.mark.parametrize("name", ["confirm", "cancel", "offer"])
def test_an_unknown_link_explains_itself(client, name):
    for method in (client.get, client.post):
        response = method(url(name, "made-up-token"))
        assert response.status_code == 404
        page = response.content.decode()
        assert "Linket virker ikke" in page
        assert "Vi kender ikke dette link" in page


# --- cancelling by link ------------------------------------------------------------------


def test_cancelling_by_link_asks_first_then_cancels_and_promotes(client, run_on_commit):
    slot = make_slot(capacity=1)
    first = guest_booking(slot, confirm=True)
    waiting = services.request_booking(slot=slot, user=UserFactory()).booking
    response = client.get(url("cancel", first.token))
    assert response.status_code == 200
    assert "Ja, afmeld mig" in response.content.decode()
    first.refresh_from_db()
    assert first.status == STATUS.CONFIRMED

    with run_on_commit():
        response = client.post(url("cancel", first.token))
    assert "Du er nu afmeldt" in response.content.decode()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == STATUS.CANCELLED
    assert waiting.status == STATUS.OFFERED
    assert mail.outbox[-1].to == [waiting.user.email]

    response = client.post(url("cancel", first.token))
    assert response.status_code == 200
    assert "allerede afmeldt" in response.content.decode()


def test_cancelling_from_an_owner_page_returns_there(client):
    slot = make_slot()
    user = UserFactory()
    booking = services.request_booking(slot=slot, user=user).booking
    client.force_login(user)
    response = client.post(url("cancel", booking.token), {"next": "/example-sessions/7/"})
    assert response["Location"] == "/example-sessions/7/"
    assert messages_of(response) == ["Du er nu afmeldt. Tak, fordi du gav besked."]


def test_a_confirmed_place_cannot_be_cancelled_after_the_start(client):
    slot = make_slot(starts_in=timedelta(minutes=-10))
    booking = Booking.objects.create(
        slot=slot, user=UserFactory(), status=STATUS.CONFIRMED, sequence=1
    )
    page = client.get(url("cancel", booking.token)).content.decode()
    assert "Arrangementet er allerede begyndt" in page
    assert "Ja, afmeld mig" not in page
    response = client.post(url("cancel", booking.token))
    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.status == STATUS.CONFIRMED


# --- offers ------------------------------------------------------------------------------


def offered_booking(slot):
    first, second, third = (
        services.request_booking(slot=slot, user=UserFactory()).booking for _ in range(3)
    )
    services.cancel_booking(booking=first)
    second.refresh_from_db()
    return second, third


def test_an_offer_page_shows_the_deadline_and_accepting_takes_the_place(client):
    slot = make_slot(capacity=1)
    offered, _third = offered_booking(slot)
    response = client.get(url("offer", offered.token))
    page = response.content.decode()
    assert "Der er en ledig plads til dig" in page
    assert "Ja tak, jeg tager pladsen" in page
    offered.refresh_from_db()
    assert offered.status == STATUS.OFFERED

    response = client.post(url("offer", offered.token), {"action": "accept"})
    assert "Pladsen er din" in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == STATUS.CONFIRMED
    page = client.get(url("offer", offered.token)).content.decode()
    assert "Du har allerede sagt ja til pladsen" in page


def test_declining_an_offer_passes_it_on(client):
    slot = make_slot(capacity=1)
    offered, third = offered_booking(slot)
    response = client.post(url("offer", offered.token), {"action": "decline"})
    assert "Pladsen går til den næste" in response.content.decode()
    third.refresh_from_db()
    assert third.status == STATUS.OFFERED


def test_an_expired_offer_explains_itself(client):
    slot = make_slot(capacity=1)
    offered, third = offered_booking(slot)
    Booking.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    page = client.get(url("offer", offered.token)).content.decode()
    assert "fristen for at sige ja til pladsen overskredet" in page
    response = client.post(url("offer", offered.token), {"action": "accept"})
    assert response.status_code == 200
    assert "fristen for at sige ja til pladsen overskredet" in response.content.decode()
    third.refresh_from_db()
    assert third.status == STATUS.OFFERED


def test_an_offer_without_a_choice_asks_for_one(client):
    slot = make_slot(capacity=1)
    offered, _third = offered_booking(slot)
    response = client.post(url("offer", offered.token), {"action": "maybe"})
    assert response.status_code == 200
    assert "Vælg, om du vil sige ja eller nej tak." in response.content.decode()


# --- my sign-ups -------------------------------------------------------------------------


def test_my_sign_ups_needs_a_login(client):
    response = client.get(url("my_bookings"))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_my_sign_ups_shows_only_my_own(client):
    me, someone = UserFactory(), UserFactory()
    mine = make_slot(owner=ExampleSessionFactory(title_da="Min gåtur"))
    theirs = make_slot(owner=ExampleSessionFactory(title_da="Deres korsang"))
    services.request_booking(slot=mine, user=me)
    services.request_booking(slot=theirs, user=someone)
    client.force_login(me)
    page = client.get(url("my_bookings")).content.decode()
    assert "Min gåtur" in page
    assert "Deres korsang" not in page
    assert "Du har en plads" in page


def test_my_sign_ups_page_queries_do_not_grow_with_the_number_of_bookings(client):
    user = UserFactory()
    client.force_login(user)

    def add_bookings(count):
        for _ in range(count):
            services.request_booking(slot=make_slot(capacity=1), user=user)
            past = make_slot(starts_in=timedelta(days=-3))
            Booking.objects.create(slot=past, user=user, status=STATUS.CONFIRMED, sequence=1)

    add_bookings(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("my_bookings")).status_code == 200
    add_bookings(9)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url("my_bookings"))
    assert response.content.decode().count("/tilmelding/afmeld/") == 10
    assert len(ten) == len(one)


def test_what_i_took_part_in_comes_twenty_at_a_time_latest_first(client):
    """Someone who comes every week has hundreds of sign-ups after a few years: the page
    shows the latest twenty and links to the rest."""
    user = UserFactory()
    for days_ago in range(1, 26):
        past = make_slot(
            starts_in=timedelta(days=-days_ago),
            owner=ExampleSessionFactory(title_da=f"Gåtur {days_ago} dage siden"),
        )
        Booking.objects.create(slot=past, user=user, status=STATUS.CONFIRMED, sequence=1)
    client.force_login(user)

    first = client.get(url("my_bookings")).content.decode()
    assert "Gåtur 1 dage siden" in first and "Gåtur 20 dage siden" in first
    assert "Gåtur 21 dage siden" not in first
    assert 'href="?page=2"' in first

    second = client.get(url("my_bookings"), {"page": "2"}).content.decode()
    assert "Gåtur 21 dage siden" in second and "Gåtur 25 dage siden" in second
    assert "Gåtur 20 dage siden" not in second
    # A page past the end or a word is a page that exists, never an error.
    assert "Gåtur 25 dage siden" in client.get(url("my_bookings"), {"page": "99"}).content.decode()
    assert "Gåtur 1 dage siden" in client.get(url("my_bookings"), {"page": "x"}).content.decode()


# --- organisers --------------------------------------------------------------------------


def managed_slot(**kwargs):
    coordinator = UserFactory()
    slot = make_slot(owner=ExampleSessionFactory(coordinator=coordinator), **kwargs)
    return slot, coordinator


def test_the_roster_is_for_the_owner_s_managers_only(client):
    slot, coordinator = managed_slot()
    assert client.get(url("manage_slot", slot.pk)).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url("manage_slot", slot.pk)).status_code == 403
    client.force_login(coordinator)
    assert client.get(url("manage_slot", slot.pk)).status_code == 200


def test_the_roster_lists_confirmed_offered_and_waiting_in_order(client):
    slot, coordinator = managed_slot(capacity=2)
    users = [UserFactory(display_name=f"Deltager {n}") for n in range(5)]
    for user in users:
        services.request_booking(slot=slot, user=user)
    services.cancel_booking(booking=Booking.objects.get(user=users[0]))
    guest_booking(slot)
    client.force_login(coordinator)
    page = client.get(url("manage_slot", slot.pk)).content.decode()
    assert page.index("Deltager 1") < page.index("Deltager 2") < page.index("Deltager 3")
    assert page.index("Deltager 3") < page.index("Deltager 4")
    assert "Deltager 0" not in page
    assert "1 besøgende har tilmeldt sig" in page


def test_the_roster_queries_do_not_grow_with_the_number_of_people(client):
    slot, coordinator = managed_slot(capacity=None, starts_in=timedelta(minutes=30))
    client.force_login(coordinator)

    def add(count):
        for _ in range(count):
            booking = services.request_booking(slot=slot, user=UserFactory()).booking
            services.mark_attendance(booking=booking, attended=True, by=coordinator)

    add(1)
    with CaptureQueriesContext(connection) as one:
        client.get(url("manage_slot", slot.pk))
    add(9)
    with CaptureQueriesContext(connection) as ten:
        page = client.get(url("manage_slot", slot.pk)).content.decode()
    assert page.count("Mødte op<span") == 10
    assert len(ten) == len(one)


def test_a_coordinator_changes_the_number_of_places(client):
    slot, coordinator = managed_slot(capacity=1)
    waiting = [services.request_booking(slot=slot, user=UserFactory()).booking for _ in range(3)]
    client.force_login(coordinator)
    response = client.post(
        url("manage_slot", slot.pk), {"action": "capacity", "capacity-capacity": "2"}
    )
    assert response.status_code == 302
    waiting[1].refresh_from_db()
    assert waiting[1].status == STATUS.OFFERED


def test_too_few_places_is_refused_with_the_input_kept(client):
    slot, coordinator = managed_slot(capacity=3)
    for _ in range(3):
        services.request_booking(slot=slot, user=UserFactory())
    client.force_login(coordinator)
    response = client.post(
        url("manage_slot", slot.pk), {"action": "capacity", "capacity-capacity": "1"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 personer har allerede en plads" in page
    assert 'value="1"' in page
    slot.refresh_from_db()
    assert slot.capacity == 3


def test_a_coordinator_cancels_the_session_with_a_reason(client, run_on_commit):
    slot, coordinator = managed_slot()
    participant = services.request_booking(slot=slot, user=UserFactory()).booking
    client.force_login(coordinator)
    response = client.post(url("manage_slot", slot.pk), {"action": "cancel", "cancel-reason": ""})
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()
    with run_on_commit():
        response = client.post(
            url("manage_slot", slot.pk), {"action": "cancel", "cancel-reason": "Sygdom"}
        )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.status == STATUS.CANCELLED
    assert "Sygdom" in mail.outbox[-1].body


def test_a_coordinator_marks_attendance(client):
    slot, coordinator = managed_slot(starts_in=timedelta(minutes=30))
    booking = services.request_booking(slot=slot, user=UserFactory()).booking
    client.force_login(coordinator)
    response = client.post(url("mark_attendance", slot.pk, booking.pk), {"attendance": "no_show"})
    assert response.status_code == 302
    assert response["Location"].endswith("#roster")
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.NO_SHOW
    assert booking.attendance_marked_by == coordinator


def test_attendance_cannot_be_marked_by_others_or_across_slots(client):
    slot, coordinator = managed_slot(starts_in=timedelta(minutes=30))
    other_slot, _ = managed_slot(starts_in=timedelta(minutes=30))
    booking = services.request_booking(slot=other_slot, user=UserFactory()).booking
    client.force_login(coordinator)
    response = client.post(url("mark_attendance", slot.pk, booking.pk), {"attendance": "attended"})
    assert response.status_code == 404
    client.force_login(booking.user)
    response = client.post(
        url("mark_attendance", other_slot.pk, booking.pk), {"attendance": "attended"}
    )
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN


def test_attendance_too_early_is_explained(client):
    slot, coordinator = managed_slot(starts_in=timedelta(days=2))
    booking = services.request_booking(slot=slot, user=UserFactory()).booking
    client.force_login(coordinator)
    response = client.post(
        url("mark_attendance", slot.pk, booking.pk), {"attendance": "attended"}, follow=True
    )
    assert "Fremmøde kan kun registreres" in response.content.decode()


# --- the one attendance view and roster include, for any owner ---------------------------


def test_the_attendance_view_records_the_owner_s_way_and_goes_back_to_its_roster(
    client, monkeypatch
):
    from tests.booking_owner.models import ExampleSession

    slot, coordinator = managed_slot(starts_in=timedelta(minutes=30))
    booking = services.request_booking(slot=slot, user=UserFactory()).booking
    recorded = []

    def record(owner, booking, *, attended, by):
        recorded.append((owner.pk, booking.pk, attended, by))
        return services.mark_attendance(booking=booking, attended=attended, by=by)

    monkeypatch.setattr(ExampleSession, "booking_mark_attendance", record)
    monkeypatch.setattr(
        ExampleSession, "booking_roster_url", lambda owner: f"/example-sessions/{owner.pk}/roster/"
    )
    client.force_login(coordinator)
    response = client.post(url("mark_attendance", slot.pk, booking.pk), {"attendance": "attended"})
    assert response.status_code == 302
    assert response["Location"] == f"/example-sessions/{slot.object_id}/roster/#roster"
    assert recorded == [(slot.object_id, booking.pk, True, coordinator)]
    response = client.post(url("mark_attendance", slot.pk, booking.pk), {"attendance": "unknown"})
    assert recorded[-1][2] is None
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN
    name = booking.display_name
    assert messages_of(response)[-1] == f"Fremmøde gemt for {name}: Ikke registreret."


def test_the_attendance_view_works_for_an_owner_without_the_optional_methods(client, monkeypatch):
    from tests.booking_owner.models import ExampleSession

    monkeypatch.setattr(ExampleSession, "booking_mark_attendance", None)
    monkeypatch.setattr(ExampleSession, "booking_roster_url", None)
    slot, coordinator = managed_slot(starts_in=timedelta(minutes=30))
    booking = services.request_booking(slot=slot, user=UserFactory()).booking
    client.force_login(coordinator)
    response = client.post(url("mark_attendance", slot.pk, booking.pk), {"attendance": "attended"})
    assert response["Location"] == url("manage_slot", slot.pk) + "#roster"
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED


def test_the_roster_include_is_read_only_when_asked_and_owners_fill_its_blocks():
    from samskab.booking import selectors

    slot, _coordinator = managed_slot(starts_in=timedelta(minutes=30), capacity=1)
    services.request_booking(slot=slot, user=UserFactory(display_name="Anna Andersen"))
    services.request_booking(slot=slot, user=UserFactory(display_name="Bent Berg"))
    roster = selectors.slot_roster(slot=slot)
    request = RequestFactory().get("/")
    include = Template('{% include "booking/includes/roster.html" %}')
    with translation.override("da"):
        html = include.render(Context({"roster": roster, "request": request}))
        assert url("mark_attendance", slot.pk, roster.confirmed[0].pk) in html
        assert html.index("Anna Andersen") < html.index("Venteliste") < html.index("Bent Berg")
        read_only = Template(
            '{% include "booking/includes/roster.html" with read_only=True %}'
        ).render(Context({"roster": roster, "request": request}))
        assert "Anna Andersen" in read_only
        assert "/fremmoede/" not in read_only
        filled = Template(
            '{% extends "booking/includes/roster.html" %}'
            "{% block confirmed_heading %}Hvem kommer{% endblock %}"
            "{% block confirmed_cells %}<td>ekstra {{ booking.display_name }}</td>{% endblock %}"
        ).render(Context({"roster": roster, "request": request}))
        assert '<h2 id="roster">Hvem kommer</h2>' in filled
        assert "<td>ekstra Anna Andersen</td>" in filled


def test_sign_ups_of_one_user_are_limited_with_the_429_page(client, monkeypatch):
    from samskab.booking import views
    from samskab.core.limits import USER, Limit

    monkeypatch.setattr(views, "SIGN_UPS", (Limit("booking.sign_up", "1/h", per=USER),))
    client.force_login(UserFactory())
    assert client.post(url("sign_up", make_slot().pk)).status_code == 302

    response = client.post(url("sign_up", make_slot().pk))

    assert response.status_code == 429
    assert "Du har prøvet for mange gange på kort tid." in response.content.decode()
    assert Booking.objects.count() == 1
