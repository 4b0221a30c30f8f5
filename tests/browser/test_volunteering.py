"""Volunteering in the browser: the opportunity list with its filters (in the address, with
the back button, with htmx and without JavaScript), signing up to a shift with one click,
checking in by the QR link on a phone, and hours logged, corrected and approved. Every page:
zero axe violations, no console, CSP or JavaScript errors, nothing from other origins."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from samskab.booking.models import Booking
from samskab.volunteering.models import HoursEntry
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, log_in
from tests.browser.volunteering_data import (
    BEACH_CLEAN_UP,
    SOUP_KITCHEN,
    TELEPHONE_FRIEND,
    coordinator_of_centre,
    link_in,
    one_email_to,
    shift_starting_in,
    sign_up,
    soup_kitchen,
    the_list_of_three,
    volunteer,
    volunteer_centre,
)
from tests.factories import PASSWORD, TownFactory

LIST = {
    "da": {
        "prefix": "",
        "h1": "Bliv frivillig",
        "count": "3 opgaver",
        "titles": [SOUP_KITCHEN, BEACH_CLEAN_UP, TELEPHONE_FRIEND],
        "search": "Find frivilligopgaver",
        "town": "By (valgfri)",
        "profile": "Opret din frivilligprofil",
        "facts": "Madlavning",
    },
    "en": {
        "prefix": "/en",
        "h1": "Volunteer",
        "count": "3 opportunities",
        "titles": ["Soup kitchen in Ribe", "Beach clean-up near Esbjerg", "Telephone friend"],
        "search": "Find volunteer opportunities",
        "town": "Town (optional)",
        "profile": "Create your volunteer profile",
        "facts": "Cooking",
    },
}


@pytest.fixture(params=["da", "en"])
def language(request):
    return request.param


@pytest.fixture
def centre(transactional_db):
    return volunteer_centre()


@pytest.fixture
def three(centre):
    return the_list_of_three(centre)


def card_titles(page):
    return page.locator("#opportunity-results").get_by_role("heading", level=3)


# --- the opportunity list ---------------------------------------------------------------------


def test_the_list_shows_every_opportunity_with_its_filters(
    page_at, live_server, three, viewport, language
):
    text = LIST[language]
    page = page_at(viewport)
    page.goto(f"{live_server.url}{text['prefix']}/frivillig/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(text["h1"])
    results = page.locator("#opportunity-results")
    expect(results.get_by_role("heading", level=2)).to_have_text(text["count"])
    expect(card_titles(page)).to_have_text(text["titles"])
    expect(results.locator(".volunteering-card").first).to_contain_text(text["facts"])
    search = page.get_by_role("search", name=text["search"])
    expect(search.get_by_label(text["town"], exact=True)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name=text["profile"])).to_be_visible()
    assert_accessible(page)


def test_filters_live_in_the_address_update_with_htmx_and_the_back_button_undoes_them(
    page_at, live_server, three
):
    page = page_at(DESKTOP)
    page.goto(f"{live_server.url}/frivillig/")
    expect(card_titles(page)).to_have_count(3)
    # The page itself is loaded once: htmx swaps only the results in.
    page.evaluate("window.loadedOnce = true")
    search = page.get_by_role("search", name="Find frivilligopgaver")

    with page.expect_response(re.compile(r"/frivillig/\?.*town=ribe")) as response_info:
        search.get_by_label("By (valgfri)", exact=True).select_option(label="Ribe")
    assert response_info.value.request.headers.get("hx-request") == "true"
    expect(page).to_have_url(re.compile(r"/frivillig/\?.*town=ribe"))
    expect(card_titles(page)).to_have_text([SOUP_KITCHEN])
    expect(page.locator("#results-heading")).to_have_text("1 opgave")
    assert page.evaluate("window.loadedOnce") is True
    assert_accessible(page)

    search.get_by_role("radio", name="Fast rolle").check()
    expect(page).to_have_url(re.compile(r"kind=ongoing"))
    expect(page.locator("#results-heading")).to_have_text("0 opgaver")
    expect(page.locator("#opportunity-results")).to_contain_text("Intet passer til din søgning.")
    assert_accessible(page)

    page.go_back()
    expect(page).to_have_url(re.compile(r"/frivillig/\?.*town=ribe"))
    expect(page).not_to_have_url(re.compile(r"kind=ongoing"))
    expect(card_titles(page)).to_have_text([SOUP_KITCHEN])
    expect(search.get_by_label("By (valgfri)", exact=True)).to_have_value("ribe")

    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/frivillig/")
    expect(card_titles(page)).to_have_count(3)

    # The address is the state: opening it fresh shows the same, filters filled in.
    page.goto(f"{live_server.url}/frivillig/?town=ribe&skill=cooking")
    expect(card_titles(page)).to_have_text([SOUP_KITCHEN])
    expect(search.get_by_label("By (valgfri)", exact=True)).to_have_value("ribe")
    expect(search.get_by_role("checkbox", name="Madlavning")).to_be_checked()
    expect(search.get_by_role("link", name="Nulstil filtre")).to_be_visible()
    assert_accessible(page)


def test_without_javascript_the_filter_form_is_a_plain_search(page_at, live_server, three):
    page = page_at(PHONE, java_script_enabled=False)
    page.goto(f"{live_server.url}/en/frivillig/")
    search = page.get_by_role("search", name="Find volunteer opportunities")
    search.get_by_label("Can be done from home", exact=True).check()
    search.get_by_role("button", name="Show opportunities").click()

    expect(page).to_have_url(re.compile(r"/en/frivillig/\?.*from_home=1"))
    expect(card_titles(page)).to_have_text(["Telephone friend"])
    expect(page.locator("#results-heading")).to_have_text("1 opportunity")
    expect(search.get_by_label("Can be done from home", exact=True)).to_be_checked()

    search.get_by_role("link", name="Clear filters").click()
    expect(page).to_have_url(f"{live_server.url}/en/frivillig/")
    expect(card_titles(page)).to_have_count(3)


# --- signing up to a shift --------------------------------------------------------------------


def test_a_volunteer_signs_up_to_a_shift_with_one_click_and_gets_the_email(
    page_at, live_server, centre, viewport, site_url, mailoutbox
):
    coordinator = coordinator_of_centre(centre)
    kitchen = soup_kitchen(centre, contact_person=coordinator)
    shift = shift_starting_in(kitchen, timedelta(days=4), volunteers_needed=3)
    vera = volunteer()
    page = page_at(viewport)
    log_in(page, live_server, vera)
    page.goto(f"{live_server.url}{kitchen.get_absolute_url()}")

    expect(page.get_by_role("heading", level=1)).to_have_text(SOUP_KITCHEN)
    main = page.get_by_role("main")
    box = main.locator(f"#shift-{shift.pk}")
    expect(box).to_contain_text("3 ledige pladser")
    # Contact details only for those who signed up.
    expect(main).to_contain_text("Når du tilmelder dig, kan du se her, hvem du skal kontakte")
    expect(main).not_to_contain_text(coordinator.email)
    expect(main).not_to_contain_text(kitchen.contact_phone)
    expect(box.get_by_label("Dit navn", exact=True)).to_have_count(0)
    # Search engines get the shift as a schema.org Event, without contact details.
    json_ld = page.locator('script[type="application/ld+json"]').text_content()
    events = json.loads(json_ld)
    assert [(event["@type"], event["name"]) for event in events] == [("Event", SOUP_KITCHEN)]
    assert events[0]["remainingAttendeeCapacity"] == 3
    assert coordinator.email not in json_ld and kitchen.contact_phone not in json_ld
    assert_accessible(page)

    box.get_by_role("button", name="Tilmeld mig").click()
    expect(page.locator(".samskab-messages")).to_contain_text(
        "Du har fået en plads. Vi har sendt dig en e-mail med detaljerne."
    )
    expect(page).to_have_url(re.compile(rf"{re.escape(kitchen.get_absolute_url())}"))
    expect(box).to_contain_text("Du har en plads.")
    expect(box).to_contain_text("2 ledige pladser")
    expect(box.get_by_role("button", name="Afmeld min plads")).to_be_visible()
    expect(main.get_by_role("link", name=coordinator.email)).to_be_visible()
    expect(main).to_contain_text(kitchen.contact_phone)
    assert_accessible(page)

    message = one_email_to(mailoutbox, vera.email, f"Du har en plads: {SOUP_KITCHEN}")
    assert message.body.startswith("Kære Vera Frivillig")
    assert "Ribe Frivilligcenter" in message.body
    link_in(message, live_server, "/tilmelding/afmeld/")
    booking = Booking.objects.get(slot=shift.booking_slot)
    assert (booking.user, booking.status) == (vera, Booking.Status.CONFIRMED)

    # It is on "My volunteering".
    page.goto(f"{live_server.url}/frivillig/mit-frivillige-arbejde/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit frivillige arbejde")
    expect(page.get_by_role("main")).to_contain_text(SOUP_KITCHEN)
    assert_accessible(page)


# --- check-in by the QR link ------------------------------------------------------------------


def test_check_in_by_the_qr_link_on_a_phone(page_at, page_problems, live_server, centre, site_url):
    coordinator = coordinator_of_centre(centre)
    kitchen = soup_kitchen(centre, contact_person=coordinator)
    # Check-in opens two hours before the start.
    shift = shift_starting_in(kitchen, timedelta(minutes=30))
    vera = volunteer()
    anna = volunteer(display_name="Anna Anden", email="anna@example.dk")
    sign_up(shift, vera)
    sign_up(shift, anna)
    stranger = volunteer(display_name="Søren Fremmed", email="soeren@example.dk")

    # The coordinator shows the QR code; its address is under it.
    screen = page_at(DESKTOP)
    log_in(screen, live_server, coordinator)
    screen.goto(f"{live_server.url}/frivillig/administrer/{centre.slug}/vagter/{shift.pk}/qr/")
    expect(screen.get_by_role("heading", level=1)).to_have_text("QR-kode til indtjekning")
    code = screen.get_by_role("img", name="QR-kode, der åbner indtjekningen til denne vagt")
    expect(code).to_be_visible()
    assert code.evaluate("image => image.complete && image.naturalWidth > 0")
    screen.get_by_text("Adressen i koden").click()
    check_in_url = screen.locator(".volunteering-qr-url").inner_text().strip()
    assert check_in_url == (
        f"{live_server.url}/frivillig/tjek-ind/{shift.pk}/{shift.check_in_secret}/"
    )
    assert_accessible(screen)

    # A volunteer with a place scans it: one button, and she is checked in.
    phone = page_at(PHONE)
    log_in(phone, live_server, vera)
    phone.goto(check_in_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tjek ind")
    main = phone.get_by_role("main")
    expect(main).to_contain_text(SOUP_KITCHEN)
    expect(main).to_contain_text("Hej Vera Frivillig.")
    assert_accessible(phone)
    main.get_by_role("button", name="Tjek mig ind").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Du er tjekket ind")
    expect(main.get_by_role("status")).to_contain_text("Tak fordi du kom!")
    expect(main.get_by_role("link", name="Se mit frivillige arbejde")).to_be_visible()
    assert_accessible(phone)
    booking = Booking.objects.get(slot=shift.booking_slot, user=vera)
    assert booking.attendance == Booking.Attendance.ATTENDED
    assert HoursEntry.objects.get(booking=booking).status == HoursEntry.Status.APPROVED

    # Someone who is not on the shift is refused, with a way to a free place.
    other_phone = page_at(PHONE)
    log_in(other_phone, live_server, stranger)
    page_problems.expect_error_response(check_in_url)
    response = other_phone.goto(check_in_url)
    assert response.status == 403
    expect(other_phone.get_by_role("heading", level=1)).to_have_text("Indtjekning ikke mulig")
    expect(other_phone.get_by_role("alert")).to_contain_text("Du er ikke tilmeldt denne vagt")
    expect(other_phone.get_by_role("main").get_by_role("button")).to_have_count(0)
    expect(
        other_phone.get_by_role("link", name="Se vagten, og om der er en ledig plads")
    ).to_have_attribute("href", shift.get_absolute_url())
    assert_accessible(other_phone)
    assert not Booking.objects.filter(slot=shift.booking_slot, user=stranger).exists()

    # Someone who is not logged in logs in and comes back to the button.
    anonymous = page_at(PHONE)
    anonymous.goto(check_in_url)
    expect(anonymous).to_have_url(re.compile(r"/konto/login/\?next="))
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("Log ind")
    assert_accessible(anonymous)
    login = anonymous.get_by_role("main")
    login.get_by_label("E-mailadresse", exact=True).fill(anna.email)
    login.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    login.get_by_role("button", name="Log ind").click()
    expect(anonymous).to_have_url(check_in_url)
    anonymous.get_by_role("main").get_by_role("button", name="Tjek mig ind").click()
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("Du er tjekket ind")
    assert Booking.objects.get(slot=shift.booking_slot, user=anna).attendance == (
        Booking.Attendance.ATTENDED
    )


# --- hours logged and approved ----------------------------------------------------------------


def test_hours_are_logged_corrected_and_approved_but_never_by_the_volunteer(
    page_at, page_problems, live_server, centre
):
    coordinator = coordinator_of_centre(centre)
    vera = volunteer()
    review_url = f"{live_server.url}/frivillig/administrer/{centre.slug}/timer/"

    # Vera logs two and a half hours on her phone.
    phone = page_at(PHONE)
    log_in(phone, live_server, vera)
    phone.goto(f"{live_server.url}/frivillig/mit-frivillige-arbejde/")
    phone.get_by_role("main").get_by_role("link", name="Registrér timer").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Registrér timer")
    form = phone.get_by_role("main")
    form.get_by_label("Organisation", exact=True).select_option(label=centre.name)
    form.get_by_label("Timer", exact=True).fill("2,5")
    form.get_by_label("Hvad lavede du?", exact=True).fill("Ryddede op efter sommerfesten.")
    assert_accessible(phone)
    form.get_by_role("button", name="Send til godkendelse").click()
    expect(phone.locator(".samskab-messages")).to_contain_text(
        f"Dine timer er registreret. {centre.name} godkender dem"
    )
    history = phone.get_by_role("table", name="Dine timer, de seneste først")
    expect(history).to_contain_text("Venter på godkendelse")
    assert_accessible(phone)
    entry = HoursEntry.objects.get(volunteer=vera)
    assert entry.hours == Decimal("2.5")

    # She cannot approve them herself: the page is not hers.
    page_problems.expect_error_response(review_url)
    assert phone.goto(review_url).status == 403

    # The coordinator corrects them to two hours, with a note.
    desk = page_at(DESKTOP)
    log_in(desk, live_server, coordinator)
    desk.goto(review_url)
    expect(desk.get_by_role("heading", level=1)).to_have_text("Timer til godkendelse")
    card = desk.locator(f"#entry-{entry.pk}")
    expect(card.get_by_role("heading", level=2)).to_have_text("Vera Frivillig: 2,5 timer")
    expect(card).to_contain_text("Ryddede op efter sommerfesten.")
    assert_accessible(desk)
    card.get_by_label("Timer til godkendelse (valgfri)", exact=True).fill("2")
    # A correction needs a reason: the page says so (status 400) and keeps what was typed.
    page_problems.expect_error_response(f"{review_url}{entry.pk}/")
    card.get_by_role("button", name=re.compile("^Gem afgørelsen")).click()
    expect(card.get_by_label("Timer til godkendelse (valgfri)", exact=True)).to_have_value("2")
    expect(card).to_contain_text("Skriv i en note, hvorfor du retter timerne.")
    assert_accessible(desk)
    note = card.get_by_label("Note til den frivillige (valgfri)", exact=True)
    note.fill("Vi sluttede en halv time før.")
    card.get_by_role("button", name=re.compile("^Gem afgørelsen")).click()
    expect(desk.locator(".samskab-messages")).to_contain_text(
        "Timerne for Vera Frivillig er godkendt."
    )
    expect(desk.get_by_role("main")).to_contain_text("Ingen timer venter på godkendelse.")
    reviewed = desk.get_by_role("table", name="Registrerede timer, der er behandlet for nylig")
    expect(reviewed).to_contain_text("Vera Frivillig")
    assert_accessible(desk)

    # Vera sees them approved, corrected, with the note, and counted.
    phone.goto(f"{live_server.url}/frivillig/mit-frivillige-arbejde/")
    history = phone.get_by_role("table", name="Dine timer, de seneste først")
    expect(history).to_contain_text("Godkendt")
    expect(history).to_contain_text("Du registrerede 2,5")
    expect(history).to_contain_text("Note: Vi sluttede en halv time før.")
    totals = phone.get_by_role("table", name="Godkendte timer for hver organisation og år")
    expect(totals.locator("tbody tr")).to_have_count(1)
    expect(totals.locator("tbody tr")).to_contain_text(centre.name)
    expect(totals.locator("tbody td").last).to_have_text("2")
    assert_accessible(phone)

    # A coordinator's own hours wait for another coordinator: no decision for them.
    own = HoursEntry.objects.create(
        volunteer=coordinator,
        person_key=f"user:{coordinator.pk}",
        organisation=centre,
        source=HoursEntry.Source.LOGGED,
        status=HoursEntry.Status.PENDING,
        date=entry.date,
        hours=Decimal("3"),
        description="Planlagde sommerfesten.",
    )
    desk.goto(review_url)
    own_card = desk.locator(f"#entry-{own.pk}")
    expect(own_card).to_contain_text("Det er dine egne timer.")
    expect(own_card.get_by_role("button")).to_have_count(0)
    assert_accessible(desk)


# --- the volunteer profile --------------------------------------------------------------------


def test_the_profile_explains_a_mistake_keeps_every_choice_and_saves(page_at, live_server, centre):
    TownFactory()
    vera = volunteer()
    page = page_at(DESKTOP)
    log_in(page, live_server, vera)
    page.goto(f"{live_server.url}/en/frivillig/min-profil/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My volunteer profile")
    form = page.locator("main form.volunteering-profile-form")
    assert_accessible(page)

    form.get_by_role("group", name=re.compile("^Where would you like to help")).get_by_role(
        "checkbox", name="Ribe"
    ).check()
    form.get_by_role("checkbox", name="Saturday morning").check()
    form.get_by_label("About me (optional)", exact=True).fill("Retired cook, happy to help.")
    form.get_by_role("checkbox", name=re.compile("^share my phone number", re.IGNORECASE)).check()
    form.get_by_role("button", name="Save my profile").click()

    # Sharing a phone number needs the number: said next to it, nothing else lost.
    phone = form.get_by_label("Phone (optional)", exact=True)
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(form).to_contain_text("Give your phone number to share it, or untick sharing.")
    expect(form.get_by_role("checkbox", name="Saturday morning")).to_be_checked()
    expect(form.get_by_label("About me (optional)", exact=True)).to_have_value(
        "Retired cook, happy to help."
    )
    assert_accessible(page)
    phone.fill("20 30 40 50")
    form.get_by_role("button", name="Save my profile").click()
    expect(page.locator(".samskab-messages")).to_contain_text("Your volunteer profile is saved.")
    expect(page).to_have_url(f"{live_server.url}/en/frivillig/mit-frivillige-arbejde/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
