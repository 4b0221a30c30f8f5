"""Signing up in the browser, through the booking engine: a visitor with name and email who
confirms from the email, a logged-in user with one click, cancelling from the email's link,
and the waiting list that offers the freed place to the first person waiting. The issue's
"Done when" runs here as one story on a phone, in Danish."""

import re
from datetime import timedelta
from pathlib import Path

import icalendar
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from samskab.activities.models import Activity, ActivitySchedule
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from tests.browser.activity_data import (
    emails_to,
    esbjerg,
    knitting_cafe,
    later_today,
    link_in,
    one_email_to,
    one_session,
    ribe_knitting_club,
    session_on,
)
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, log_in
from tests.factories import UserFactory, coordinator_of

VISITOR_NAME = "Inger Ny"
VISITOR_EMAIL = "inger.ny@example.dk"
CAFE = "Strikkecafé på Ribe Bibliotek"
COME_ALONE_FILTER = re.compile(r"^Kom alene [–—] du bliver taget godt imod$")


def find_the_activity(page, live_server):
    """In the catalogue, by choosing this week, free, come alone and Ribe."""
    page.goto(f"{live_server.url}{reverse('catalogue:index')}")
    search = page.get_by_role("search", name="Find aktiviteter")
    search.get_by_text("Hvornår", exact=True).click()
    search.get_by_role("link", name="De næste 7 dage").click()
    expect(page).to_have_url(re.compile(r"date_to="))
    # htmx (loaded with defer) must be listening before the next change.
    page.wait_for_load_state()
    search.get_by_role("checkbox", name="Gratis").check()
    expect(page).to_have_url(re.compile(r"free=1"))
    search.get_by_role("checkbox", name=COME_ALONE_FILTER).check()
    expect(page).to_have_url(re.compile(r"alone=1"))
    search.get_by_text("Hvor", exact=True).click()
    search.get_by_role("group", name="By").get_by_role("checkbox", name="Ribe").check()
    expect(page).to_have_url(re.compile(r"town=ribe"))
    found = page.locator("#catalogue-results").get_by_role("heading", level=3)
    expect(found).to_have_text([CAFE])
    assert_accessible(page)
    found.get_by_role("link", name=CAFE).click()


def test_done_when_a_visitor_joins_confirms_subscribes_cancels_and_the_first_waiting_gets_the_place(
    page_at, live_server, site_url, mailoutbox
):
    organisation = ribe_knitting_club()
    cafe = knitting_cafe(organisation)
    this_week = session_on(cafe, later_today(), capacity=1)
    one_session(cafe, days=8, capacity=10)
    # What the visitor is not looking for: not free, not for newcomers, not in Ribe, later.
    for fields in (
        {"title_da": "Kreativt værksted", "price": 50},
        {"title_da": "Skakklub", "come_alone_welcome": False},
        {"title_da": "Strikkecafé i Esbjerg", "town": esbjerg()},
    ):
        session_on(knitting_cafe(organisation, **fields), later_today(), capacity=10)
    one_session(knitting_cafe(organisation, title_da="Julehygge"), days=20, capacity=10)
    waiting_first = UserFactory(display_name="Vera Venter", email="vera@example.dk")
    waiting_second = UserFactory(display_name="Anders Anden", email="anders@example.dk")

    # A visitor finds a free "come alone" activity in Ribe this week.
    visitor = page_at(PHONE)
    find_the_activity(visitor, live_server)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(CAFE)
    main = visitor.get_by_role("main")
    expect(main).to_contain_text("Kom alene — du bliver taget godt imod.")
    expect(main.locator(".activities-facts")).to_contain_text("Gratis")
    expect(main.locator(".activities-facts")).to_contain_text("6760 Ribe")
    session_box = main.locator(f"#session-{this_week.pk}")
    expect(session_box).to_contain_text("1 ledig plads")
    assert main.locator(".activities-session").first.get_attribute("id") == (
        f"session-{this_week.pk}"
    )
    assert_accessible(visitor)

    # She joins with her name and email only.
    session_box.get_by_label("Dit navn", exact=True).fill(VISITOR_NAME)
    session_box.get_by_label("Din e-mailadresse", exact=True).fill(VISITOR_EMAIL)
    session_box.get_by_role("button", name="Tilmeld mig").click()
    expect(visitor.locator(".samskab-messages")).to_contain_text(
        f"Næsten færdig: Vi har sendt en e-mail til {VISITOR_EMAIL}."
    )
    expect(visitor).to_have_url(re.compile(rf"{re.escape(cafe.get_absolute_url())}$"))
    assert_accessible(visitor)
    message = one_email_to(mailoutbox, VISITOR_EMAIL, f"Bekræft din tilmelding: {CAFE}")
    assert message.body.startswith(f"Kære {VISITOR_NAME}")

    # She confirms from the email: the link shows a page, the button confirms.
    visitor.goto(link_in(message, live_server, "bekraeft"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Bekræft din tilmelding")
    expect(visitor.get_by_role("main")).to_contain_text("Afventer bekræftelse på e-mail")
    assert_accessible(visitor)
    visitor.get_by_role("main").get_by_role("button", name="Bekræft min tilmelding").click()
    expect(visitor.get_by_role("main")).to_contain_text(
        "Du har fået en plads. Vi har sendt dig en e-mail med detaljerne."
    )
    expect(visitor.get_by_role("main")).to_contain_text("Du har en plads")
    assert_accessible(visitor)
    confirmed = one_email_to(mailoutbox, VISITOR_EMAIL, f"Du har en plads: {CAFE}")
    cancel_link = link_in(confirmed, live_server, "afmeld")

    # She puts the dates in her calendar from the activity's feed.
    visitor.goto(f"{live_server.url}{cafe.get_absolute_url()}")
    expect(visitor.locator(f"#session-{this_week.pk}")).to_contain_text("Fuldt booket")
    assert_accessible(visitor)
    feed_link = visitor.get_by_role("link", name="Føj datoerne til din kalender")
    with visitor.expect_download() as download_info:
        feed_link.click()
    calendar = icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    event = events[0]
    assert str(event["SUMMARY"]) == CAFE
    assert event.decoded("DTSTART") == this_week.starts_at
    assert event.decoded("DTEND") == this_week.ends_at
    assert "Ribe Bibliotek" in str(event["LOCATION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == f"{live_server.url}{cafe.get_absolute_url()}"

    # It is full now: a logged-in user joins the waiting list with one click, then another.
    vera = page_at(PHONE)
    log_in(vera, live_server, waiting_first)
    vera.goto(f"{live_server.url}{cafe.get_absolute_url()}")
    vera_box = vera.locator(f"#session-{this_week.pk}")
    expect(vera_box.get_by_label("Dit navn", exact=True)).to_have_count(0)
    vera_box.get_by_role("button", name="Skriv mig på ventelisten").click()
    expect(vera.locator(".samskab-messages")).to_contain_text(
        "Der er fuldt, så du står på ventelisten som nummer 1."
    )
    expect(vera_box).to_contain_text("Du er nummer 1 på ventelisten.")
    assert_accessible(vera)
    booking_services.request_booking(slot=this_week.booking_slot, user=waiting_second)

    # The visitor cancels from the email's one-click link.
    visitor.goto(cancel_link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Afmeld dig")
    expect(visitor.get_by_role("main")).to_contain_text(
        "Din plads går til den næste på ventelisten."
    )
    assert_accessible(visitor)
    visitor.get_by_role("main").get_by_role("button", name="Ja, afmeld mig").click()
    expect(visitor.get_by_role("main")).to_contain_text(
        "Du er nu afmeldt. Tak, fordi du gav besked."
    )
    assert_accessible(visitor)

    # The first person waiting is offered the place by email, and takes it.
    offer = one_email_to(mailoutbox, waiting_first.email, f"Der er en ledig plads til dig: {CAFE}")
    assert "En anden har meldt fra, og du er den første på ventelisten." in offer.body
    assert emails_to(mailoutbox, waiting_second.email)[-1].subject == (
        f"Du står på ventelisten: {CAFE}"
    )
    vera.goto(link_in(offer, live_server, "tilbud"))
    expect(vera.get_by_role("heading", level=1)).to_have_text("Der er en ledig plads til dig")
    assert_accessible(vera)
    vera.get_by_role("main").get_by_role("button", name="Ja tak, jeg tager pladsen").click()
    expect(vera.get_by_role("main")).to_contain_text("Pladsen er din.")
    assert_accessible(vera)
    one_email_to(mailoutbox, waiting_first.email, f"Du har en plads: {CAFE}")
    vera.goto(f"{live_server.url}/aktiviteter/mine/")
    expect(vera.locator(".activities-card", has_text=CAFE)).to_contain_text("Du har en plads")
    assert_accessible(vera)
    assert list(
        Booking.objects.filter(slot=this_week.booking_slot)
        .exclude(status=Booking.Status.CANCELLED)
        .order_by("sequence")
        .values_list("user__email", "status")
    ) == [
        (waiting_first.email, Booking.Status.CONFIRMED),
        (waiting_second.email, Booking.Status.WAITLISTED),
    ]

    # A coordinator creates a weekly activity from a phone-sized screen.
    coordinator = page_at(PHONE)
    log_in(coordinator, live_server, coordinator_of(organisation))
    coordinator.goto(f"{live_server.url}/foreninger/administrer/")
    assert_accessible(coordinator)
    coordinator.get_by_role("main").get_by_role("link", name=organisation.name, exact=True).click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Oversigt")
    assert_accessible(coordinator)
    coordinator.get_by_role("navigation", name=f"Administrer {organisation.name}").get_by_role(
        "link", name="Aktiviteter"
    ).click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Aktiviteter")
    assert_accessible(coordinator)
    coordinator.get_by_role("main").get_by_role("link", name="Opret en aktivitet").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Ny aktivitet")
    form = coordinator.get_by_role("main")
    first_day = timezone.localdate() + timedelta(days=1)
    last_day = first_day + timedelta(weeks=6)
    form.get_by_label("Titel", exact=True).fill("Gåtur for nye i Ribe")
    form.get_by_label("Beskrivelse", exact=True).fill(
        "Vi går en tur rundt i byen og drikker kaffe bagefter."
    )
    form.get_by_role("checkbox", name="Fællesskab og mangfoldighed").check()
    form.get_by_role("radio", name="Tilmelding påkrævet").check()
    form.get_by_role("radio", name="Hver uge eller med få ugers mellemrum").check()
    weekdays = form.get_by_role("group", name="Ugedage (kun ugentlig)")
    weekdays.get_by_role("checkbox", name="Tirsdag").check()
    weekdays.get_by_role("checkbox", name="Torsdag").check()
    form.get_by_label("Dato eller første dato", exact=True).fill(first_day.isoformat())
    form.get_by_label("Sidste dato (kun ugentlig)", exact=True).fill(last_day.isoformat())
    form.get_by_label("Starter kl.", exact=True).fill("10:00")
    form.get_by_label("Slutter kl.", exact=True).fill("11:30")
    form.get_by_label("Antal pladser (valgfri)", exact=True).fill("15")
    expect(form.get_by_label("By", exact=True)).to_have_value(str(cafe.town.pk))
    form.get_by_role("checkbox", name="Kom alene — du bliver taget godt imod").check()
    assert_accessible(coordinator)
    form.get_by_role("button", name="Opret aktiviteten").click()

    expect(coordinator.locator(".samskab-messages")).to_contain_text("Aktiviteten er oprettet.")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Gåtur for nye i Ribe")
    wanted = [
        first_day + timedelta(days=offset)
        for offset in range((last_day - first_day).days + 1)
        if (first_day + timedelta(days=offset)).isoweekday() in (2, 4)
    ]
    sessions = coordinator.get_by_role("main").locator(".activities-manage-session")
    expect(sessions).to_have_count(len(wanted))
    expect(sessions.first).to_contain_text("Del af en ugentlig serie")
    expect(sessions.first).to_contain_text("0 af 15 pladser taget")
    assert_accessible(coordinator)
    walk = Activity.objects.get(title_da="Gåtur for nye i Ribe")
    assert walk.come_alone_welcome and walk.is_free and walk.requires_sign_up
    schedule = ActivitySchedule.objects.get(activity=walk)
    assert schedule.weekdays == [2, 4]
    assert (schedule.starts_on, schedule.ends_on) == (first_day, last_day)
    assert [session.local_date for session in walk.sessions.all()] == wanted

    coordinator.get_by_role("main").get_by_role("link", name="Se den offentlige side").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Gåtur for nye i Ribe")
    expect(coordinator.get_by_role("main").locator(".activities-session").first).to_contain_text(
        "15 ledige pladser"
    )
    assert_accessible(coordinator)


def test_a_logged_in_user_signs_up_with_one_click_and_cancels_on_the_page(
    page_at, live_server, citizen, transactional_db, site_url, mailoutbox
):
    cafe = knitting_cafe()
    session = one_session(cafe, days=3, capacity=5)
    page = page_at(DESKTOP)
    log_in(page, live_server, citizen)
    page.goto(f"{live_server.url}{cafe.get_absolute_url()}")
    box = page.locator(f"#session-{session.pk}")
    expect(box).to_contain_text("5 ledige pladser")

    box.get_by_role("button", name="Tilmeld mig").click()
    expect(page.locator(".samskab-messages")).to_contain_text(
        "Du har fået en plads. Vi har sendt dig en e-mail med detaljerne."
    )
    expect(box).to_contain_text("Du har en plads.")
    expect(box).to_contain_text("4 ledige pladser")
    assert_accessible(page)
    message = one_email_to(mailoutbox, citizen.email, f"Du har en plads: {CAFE}")
    assert "Kan du alligevel ikke komme? Afmeld dig med ét klik" in message.body
    link_in(message, live_server, "afmeld")

    # Signing up twice is harmless: the page shows the place, not a second button.
    expect(box.get_by_role("button", name="Tilmeld mig")).to_have_count(0)
    box.get_by_role("button", name="Afmeld min plads").click()
    expect(page.locator(".samskab-messages")).to_contain_text("Du er nu afmeldt.")
    expect(box).to_contain_text("5 ledige pladser")
    expect(box.get_by_role("button", name="Tilmeld mig")).to_be_visible()
    assert_accessible(page)


def test_a_visitor_signs_up_in_english_and_links_explain_themselves(
    page_at, page_problems, live_server, transactional_db, site_url, mailoutbox
):
    cafe = knitting_cafe()
    session = one_session(cafe, days=3, capacity=5)
    page = page_at(DESKTOP)
    page.goto(f"{live_server.url}/en{cafe.get_absolute_url()}")
    box = page.locator(f"#session-{session.pk}")

    # An address the browser lets through but the server refuses is explained on a page of
    # its own, with what was typed kept.
    box.get_by_label("Your name", exact=True).fill("Nina New")
    box.get_by_label("Your email address", exact=True).fill("nina@example")
    box.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sign up: Knitting café at Ribe Library"
    )
    name = page.get_by_label("Your name", exact=True)
    email = page.get_by_label("Your email address", exact=True)
    expect(name).to_have_value("Nina New")
    expect(email).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    email.fill("nina@example.dk")
    page.get_by_role("main").get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(f"{live_server.url}/en{cafe.get_absolute_url()}")
    expect(page.locator(".samskab-messages")).to_contain_text(
        "Almost done: we have sent an email to nina@example.dk."
    )
    assert_accessible(page)
    message = one_email_to(
        mailoutbox, "nina@example.dk", "Please confirm your sign-up: Knitting café at Ribe Library"
    )
    assert message.body.startswith("Dear Nina New,")
    link = link_in(message, live_server, "bekraeft")
    assert link.startswith(f"{live_server.url}/en/tilmelding/bekraeft/")

    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("main").get_by_role("button", name="Confirm my sign-up").click()
    expect(page.get_by_role("main")).to_contain_text("You have a place.")
    assert_accessible(page)

    # A used link says so; an unknown one too, with a way on.
    page.goto(link)
    expect(page.get_by_role("main")).to_contain_text(
        "You have already confirmed your email address for this sign-up."
    )
    expect(page.get_by_role("main").get_by_role("button")).to_have_count(0)
    assert_accessible(page)
    unknown = f"{live_server.url}/en/tilmelding/bekraeft/not-a-real-token/"
    page_problems.expect_error_response(unknown)
    response = page.goto(unknown)
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    front_page = page.get_by_role("main").get_by_role("link", name="Go to the front page")
    expect(front_page).to_be_visible()
    assert_accessible(page)


def test_without_javascript_a_visitor_signs_up_confirms_and_cancels(
    page_at, live_server, transactional_db, site_url, mailoutbox
):
    """axe needs JavaScript, so these pages are scanned by the tests above; here only the
    plain forms are at stake."""
    cafe = knitting_cafe()
    session = one_session(cafe, days=3, capacity=5)
    page = page_at(PHONE, java_script_enabled=False)
    page.goto(f"{live_server.url}{cafe.get_absolute_url()}")
    box = page.locator(f"#session-{session.pk}")
    box.get_by_label("Dit navn", exact=True).fill(VISITOR_NAME)
    box.get_by_label("Din e-mailadresse", exact=True).fill(VISITOR_EMAIL)
    box.get_by_role("button", name="Tilmeld mig").click()
    expect(page.locator(".samskab-messages")).to_contain_text("Næsten færdig")

    page.goto(link_in(mailoutbox[-1], live_server, "bekraeft"))
    page.get_by_role("main").get_by_role("button", name="Bekræft min tilmelding").click()
    expect(page.get_by_role("main")).to_contain_text("Du har fået en plads.")

    page.goto(link_in(mailoutbox[-1], live_server, "afmeld"))
    page.get_by_role("main").get_by_role("button", name="Ja, afmeld mig").click()
    expect(page.get_by_role("main")).to_contain_text("Du er nu afmeldt.")
    assert not Booking.objects.filter(slot=session.booking_slot, status__in=["confirmed"]).exists()
