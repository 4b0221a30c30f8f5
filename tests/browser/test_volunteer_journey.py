"""The issue's "Done when", as one story in the browser, in Danish, on a phone: a citizen who
never volunteered sets up a profile on one short page, signs up to a shift, is reminded,
checks in by the QR link, is thanked with the hours credited, and downloads a certificate
whose verification page (the address in its QR code) confirms it. A coordinator fills a
full shift from its waiting list without the admin. The need alert accepted with one click
is in test_needs.py (from the same profile). Every page: zero axe violations, no console,
CSP or JavaScript errors, nothing from other origins."""

import re
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from playwright.sync_api import expect

from samskab.booking.models import Booking
from samskab.volunteering.models import HoursEntry, VolunteerProfile
from tests.browser.activity_data import community_focus_area
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, log_in
from tests.browser.volunteering_data import (
    BEACH_CLEAN_UP,
    SOUP_KITCHEN,
    as_if_signed_up_days_ago,
    coordinator_of_centre,
    download_and_verify_certificate,
    emails_to,
    esbjerg,
    let_the_shift_end,
    link_in,
    one_email_to,
    practical_help,
    set_up_the_profile,
    shift_starting_in,
    sign_up,
    soup_kitchen,
    subjects_to,
    volunteer,
    volunteer_centre,
)
from tests.factories import OpportunityFactory, UserFactory

CITIZEN_NAME = "Nanna Ny"
CITIZEN_EMAIL = "nanna.ny@example.dk"


def run_background_tasks() -> str:
    out = StringIO()
    call_command("run_tasks", stdout=out)
    return out.getvalue()


def test_done_when_a_new_volunteer_is_reminded_checks_in_is_thanked_and_verified(
    page_at, live_server, transactional_db, site_url, mailoutbox
):
    centre = volunteer_centre()
    coordinator = coordinator_of_centre(centre)
    kitchen = soup_kitchen(centre, contact_person=coordinator)
    # Within the day (its reminder is due) and within two hours (check-in is open).
    shift = shift_starting_in(kitchen, timedelta(minutes=50), volunteers_needed=4)
    practical_help()
    citizen = UserFactory(display_name=CITIZEN_NAME, email=CITIZEN_EMAIL)
    assert not VolunteerProfile.objects.filter(user=citizen).exists()

    phone = page_at(PHONE)
    log_in(phone, live_server, citizen)
    set_up_the_profile(phone, live_server)
    profile = VolunteerProfile.objects.get(user=citizen)
    assert profile.ad_hoc_alerts
    assert [town.slug for town in profile.towns.all()] == ["ribe"]
    assert len(profile.availability) == 1

    # She finds the soup kitchen, this very day, and signs up with one click.
    phone.get_by_role("main").get_by_role("link", name="Find noget at hjælpe med").click()
    phone.locator("#opportunity-results").get_by_role("link", name=SOUP_KITCHEN).click()
    box = phone.locator(f"#shift-{shift.pk}")
    box.get_by_role("button", name="Tilmeld mig").click()
    expect(box).to_contain_text("Du har en plads.")
    one_email_to(mailoutbox, CITIZEN_EMAIL, f"Du har en plads: {SOUP_KITCHEN}")

    # Two days pass; the background worker reminds her, once.
    as_if_signed_up_days_ago(Booking.objects.get(slot=shift.booking_slot, user=citizen))
    run_background_tasks()
    reminders = [
        subject for subject in subjects_to(mailoutbox, CITIZEN_EMAIL) if "Påmindelse" in subject
    ]
    assert len(reminders) == 1
    assert reminders[0].startswith(f"Påmindelse: {SOUP_KITCHEN}, ")
    run_background_tasks()
    assert len([s for s in subjects_to(mailoutbox, CITIZEN_EMAIL) if "Påmindelse" in s]) == 1

    # The coordinator shows the QR code; she opens its address on her phone and checks in.
    screen = page_at(DESKTOP)
    log_in(screen, live_server, coordinator)
    screen.goto(f"{live_server.url}/frivillig/administrer/{centre.slug}/vagter/{shift.pk}/")
    screen.get_by_role("main").get_by_role("link", name="QR-kode til indtjekning").click()
    screen.get_by_text("Adressen i koden").click()
    check_in_url = screen.locator(".volunteering-qr-url").inner_text().strip()
    assert_accessible(screen)
    phone.goto(check_in_url)
    phone.get_by_role("main").get_by_role("button", name="Tjek mig ind").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Du er tjekket ind")
    assert_accessible(phone)

    # The coordinator's roster shows her as come.
    screen.goto(f"{live_server.url}/frivillig/administrer/{centre.slug}/vagter/{shift.pk}/")
    roster = screen.get_by_role("table", name="Frivillige med en plads")
    expect(roster.get_by_role("row", name=re.compile(CITIZEN_NAME))).to_contain_text("Mødte op")
    assert_accessible(screen)

    # When the shift is over, the worker thanks her with the hours credited.
    let_the_shift_end(shift)
    run_background_tasks()
    thanks = one_email_to(mailoutbox, CITIZEN_EMAIL, f"Tak fordi du hjalp med {SOUP_KITCHEN}")
    assert "2 timer" in thanks.body
    run_background_tasks()
    assert [subject.split(":")[0] for subject in subjects_to(mailoutbox, CITIZEN_EMAIL)] == [
        "Du har en plads",
        "Påmindelse",
        f"Tak fordi du hjalp med {SOUP_KITCHEN}",
    ]
    assert HoursEntry.objects.get(volunteer=citizen).status == HoursEntry.Status.APPROVED

    # Her page shows the hours; she gets a certificate, downloads it, and whoever receives
    # it scans its QR code: the verification page confirms it.
    phone.goto(f"{live_server.url}/frivillig/mit-frivillige-arbejde/")
    totals = phone.get_by_role("table", name="Godkendte timer for hver organisation og år")
    expect(totals).to_contain_text(centre.name)
    download_and_verify_certificate(
        page_at, phone, live_server, citizen, expected_text=SOUP_KITCHEN
    )


def test_done_when_a_coordinator_fills_a_shift_from_the_waiting_list(
    page_at, live_server, transactional_db, site_url, mailoutbox
):
    centre = volunteer_centre()
    coordinator = coordinator_of_centre(centre)
    beach = OpportunityFactory(
        organisation=centre,
        title_da=BEACH_CLEAN_UP,
        title_en="Beach clean-up near Esbjerg",
        town=esbjerg(),
        place_name="Strandcafeen",
        street="Strandbyvej 1",
        postcode="6700",
        focus_areas=[community_focus_area()],
        contact_person=coordinator,
    )
    shift = shift_starting_in(beach, timedelta(days=6), volunteers_needed=1)
    sign_up(shift, volunteer())
    first = volunteer(display_name="Anders Første", email="anders@example.dk")
    second = volunteer(display_name="Bodil Anden", email="bodil@example.dk")
    sign_up(shift, first)
    sign_up(shift, second)
    mailoutbox.clear()

    # From the organisation's management pages, not the admin.
    screen = page_at(PHONE)
    log_in(screen, live_server, coordinator)
    screen.goto(f"{live_server.url}/frivillig/administrer/{centre.slug}/")
    screen.get_by_role("main").get_by_role("link", name=BEACH_CLEAN_UP).click()
    screen.get_by_role("table", name="Kommende vagter, de nærmeste først").get_by_role(
        "link"
    ).first.click()
    expect(screen.get_by_role("heading", level=1)).to_have_text(f"Vagt: {BEACH_CLEAN_UP}")
    waiting = screen.get_by_role("table", name="Ventelisten, den første i køen øverst")
    expect(waiting.locator("tbody tr")).to_have_count(2)
    expect(waiting.locator("tbody tr").first).to_contain_text("Anders Første")
    assert_accessible(screen)

    places = screen.get_by_label("Pladser, der skal tilføjes", exact=True)
    expect(places).to_have_value("2")
    places.fill("1")
    screen.get_by_role("main").get_by_role("button", name="Tilføj pladser").click()
    expect(screen.locator(".samskab-messages")).to_contain_text("Vagten har nu 2 pladser.")
    offered = screen.get_by_role("table", name=re.compile("^Frivillige, der har fået tilbudt"))
    expect(offered).to_contain_text("Anders Første")
    expect(waiting.locator("tbody tr")).to_have_count(1)
    assert_accessible(screen)

    # The first person waiting takes the place from the email.
    offer = one_email_to(
        mailoutbox, first.email, f"Der er en ledig plads til dig: {BEACH_CLEAN_UP}"
    )
    assert emails_to(mailoutbox, second.email) == []
    phone = page_at(PHONE)
    phone.goto(link_in(offer, live_server, "/tilmelding/tilbud/"))
    phone.get_by_role("main").get_by_role("button", name="Ja tak, jeg tager pladsen").click()
    expect(phone.get_by_role("main")).to_contain_text("Pladsen er din.")
    assert_accessible(phone)

    screen.reload()
    coming = screen.get_by_role("table", name="Frivillige med en plads")
    expect(coming.locator("tbody tr")).to_have_count(2)
    expect(coming).to_contain_text("Anders Første")
    assert Booking.objects.get(slot=shift.booking_slot, user=first).status == (
        Booking.Status.CONFIRMED
    )
