"""Needs in the browser: an organisation posts a need, the volunteers it fits get an alert by
email, the first accepts with one click from the email's link without logging in, and is
reminded before it starts; the one who answers too late is told it is filled, in English.
The coordinator sees who is coming. And the issue's "Done when" step: a citizen who just set
up a volunteer profile gets the alert and accepts it with one click. Every page: zero axe
violations, no console, CSP or JavaScript errors, nothing from other origins."""

import re
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from samskab.booking.models import Booking, Slot
from samskab.needs.models import Need
from samskab.volunteering.models import HoursEntry
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, log_in
from tests.browser.volunteering_data import (
    as_if_signed_up_days_ago,
    coordinator_of_centre,
    download_and_verify_certificate,
    emails_to,
    link_in,
    one_email_to,
    practical_help,
    set_up_the_profile,
    subjects_to,
    volunteer_centre,
)
from tests.factories import UserFactory, make_need, make_volunteer, next_weekday_at, town

NEED_DA = "2 til at bære stole på Ribe Bibliotek"
NEED_EN = "2 people to carry chairs in Ribe library"


def test_a_need_alert_is_accepted_with_one_click_from_the_email(
    page_at, live_server, transactional_db, site_url, mailoutbox
):
    centre = volunteer_centre()
    coordinator = coordinator_of_centre(centre)
    vera = make_volunteer(display_name="Vera Frivillig", email="vera@example.dk")
    olena = make_volunteer(
        display_name="Olena Late", email="olena@example.dk", preferred_language="en"
    )
    not_interested = make_volunteer(email="ingen@example.dk", alerts=False)
    far_away = make_volunteer(email="bramming@example.dk", towns=("bramming",))
    # Posted through the service, as the organisation's form does; alerts go out at once.
    need = make_need(
        organisation=centre,
        by=coordinator,
        people=1,
        starts_at=(timezone.now() + timedelta(hours=5)).replace(second=0, microsecond=0),
    )

    alert = one_email_to(mailoutbox, vera.email, f"Kan du hjælpe? {NEED_DA}")
    assert "Ribe Frivilligcenter" in alert.body
    one_email_to(mailoutbox, olena.email, f"Can you help? {NEED_EN}")
    assert emails_to(mailoutbox, not_interested.email) == []
    assert emails_to(mailoutbox, far_away.email) == []

    # Vera opens the link on her phone, not logged in: one button says yes.
    phone = page_at(PHONE)
    phone.goto(link_in(alert, live_server, f"/behov/svar/{need.pk}/"))
    expect(phone.get_by_role("heading", level=1)).to_have_text(NEED_DA)
    answer = phone.get_by_role("region", name="Kan du hjælpe?")
    expect(answer).to_contain_text("Sig ja som Vera Frivillig.")
    expect(phone.get_by_role("main")).not_to_contain_text(coordinator.email)
    assert_accessible(phone)
    assert not Booking.objects.exists()  # opening the link changes nothing
    answer.get_by_role("button", name="Ja, jeg kan hjælpe").click()
    expect(answer.get_by_role("status")).to_contain_text("pladsen er din")
    expect(phone.get_by_role("main")).to_contain_text(coordinator.email)
    expect(answer.get_by_role("button")).to_have_count(0)
    assert_accessible(phone)
    confirmed = one_email_to(mailoutbox, vera.email, f"Du har en plads: {NEED_DA}")
    link_in(confirmed, live_server, "/tilmelding/afmeld/")
    booking = Booking.objects.get(user=vera)
    assert booking.status == Booking.Status.CONFIRMED

    # Olena answers too late, in English: it is filled, and she was told so by email.
    one_email_to(mailoutbox, olena.email, f"Thank you – it is filled: {NEED_EN}")
    late_alert = one_email_to(mailoutbox, olena.email, f"Can you help? {NEED_EN}")
    late = page_at(PHONE)
    late.goto(link_in(late_alert, live_server, f"/en/behov/svar/{need.pk}/"))
    expect(late.locator("html")).to_have_attribute("lang", "en")
    expect(late.get_by_role("heading", level=1)).to_have_text(NEED_EN)
    late_answer = late.get_by_role("region", name="Can you help?")
    expect(late_answer).to_contain_text("Enough people have already said yes")
    expect(late_answer.get_by_role("button")).to_have_count(0)
    expect(late.get_by_role("main")).not_to_contain_text(coordinator.email)
    assert_accessible(late)
    assert not Booking.objects.filter(user=olena).exists()

    # The day before (here: hours before) the engine reminds Vera, once.
    as_if_signed_up_days_ago(booking)
    for _round in range(2):
        call_command("run_tasks", stdout=StringIO())
    reminders = [s for s in subjects_to(mailoutbox, vera.email) if s.startswith("Påmindelse")]
    assert reminders == [reminders[0]]
    assert reminders[0].startswith(f"Påmindelse: {NEED_DA}, ")

    # The coordinator sees who is coming.
    screen = page_at(DESKTOP)
    log_in(screen, live_server, coordinator)
    screen.goto(f"{live_server.url}/behov/administrer/{centre.slug}/{need.pk}/")
    expect(screen.get_by_role("heading", level=1)).to_have_text(NEED_DA)
    coming = screen.get_by_role("table", name=re.compile("^De frivillige, der har sagt ja"))
    expect(coming).to_contain_text("Vera Frivillig")
    expect(coming).to_contain_text(vera.email)
    assert_accessible(screen)


def test_done_when_a_new_volunteer_accepts_a_need_is_reminded_checks_in_and_is_thanked(
    page_at, live_server, transactional_db, site_url, mailoutbox
):
    """The issue's "Done when" for a need: a citizen who just set up a profile gets the
    alert, accepts it with one click, is reminded, checks in by the need's QR code, is
    thanked with the hours credited and gets a certificate that its QR page confirms."""
    centre = volunteer_centre()
    coordinator = coordinator_of_centre(centre)
    carrying = practical_help()
    town("ribe")
    citizen = UserFactory(display_name="Nanna Ny", email="nanna.ny@example.dk")
    phone = page_at(PHONE)
    log_in(phone, live_server, citizen)
    set_up_the_profile(phone, live_server, emails_at_any_hour=True)

    # Saturday morning in Ribe, carrying: it fits what she just told us.
    need = make_need(
        organisation=centre,
        by=coordinator,
        starts_at=next_weekday_at(6, 10),
        skills=[carrying],
    )
    alert = one_email_to(mailoutbox, citizen.email, f"Kan du hjælpe? {NEED_DA}")
    phone.goto(link_in(alert, live_server, f"/behov/svar/{need.pk}/"))
    expect(phone.get_by_role("heading", level=1)).to_have_text(NEED_DA)
    assert_accessible(phone)
    answer = phone.get_by_role("region", name="Kan du hjælpe?")
    answer.get_by_role("button", name="Ja, jeg kan hjælpe").click()
    expect(answer.get_by_role("status")).to_contain_text("pladsen er din")
    assert_accessible(phone)
    one_email_to(mailoutbox, citizen.email, f"Du har en plads: {NEED_DA}")
    booking = Booking.objects.get(user=citizen)
    assert booking.status == Booking.Status.CONFIRMED

    # Saturday comes: within the day (the reminder is due) and the hour (check-in opens).
    let_the_need_start_in(need, timedelta(minutes=50))
    as_if_signed_up_days_ago(booking)
    for _round in range(2):
        call_command("run_tasks", stdout=StringIO())
    reminders = [s for s in subjects_to(mailoutbox, citizen.email) if s.startswith("Påmindelse")]
    assert len(reminders) == 1 and reminders[0].startswith(f"Påmindelse: {NEED_DA}, ")

    # The coordinator shows the need's QR code; she opens its address and checks in.
    screen = page_at(DESKTOP)
    log_in(screen, live_server, coordinator)
    screen.goto(f"{live_server.url}/behov/administrer/{centre.slug}/{need.pk}/")
    screen.get_by_role("main").get_by_role("link", name="QR-kode til indtjekning").click()
    screen.get_by_text("Adressen i koden").click()
    check_in_url = screen.locator(".volunteering-qr-url").inner_text().strip()
    assert_accessible(screen)
    phone.goto(check_in_url)
    phone.get_by_role("main").get_by_role("button", name="Tjek mig ind").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Du er tjekket ind")
    assert_accessible(phone)
    screen.goto(f"{live_server.url}/behov/administrer/{centre.slug}/{need.pk}/")
    coming = screen.get_by_role("table", name=re.compile("^De frivillige, der har sagt ja"))
    expect(coming.get_by_role("row", name=re.compile("Nanna Ny"))).to_contain_text("Mødte op")
    assert_accessible(screen)

    # When it is over, the worker thanks her with the two hours credited.
    let_the_need_start_in(need, -timedelta(hours=2, minutes=10))
    call_command("run_tasks", stdout=StringIO())
    thanks = one_email_to(mailoutbox, citizen.email, f"Tak fordi du hjalp med {NEED_DA}")
    assert "2 timer" in thanks.body
    assert HoursEntry.objects.get(booking=booking).organisation == centre

    download_and_verify_certificate(page_at, phone, live_server, citizen, expected_text=centre.name)


def let_the_need_start_in(need, delay: timedelta):
    """Time passes until the need starts in ``delay`` (negative: started that long ago):
    its rows are moved, not rescheduled (which would email everyone about a new time)."""
    duration = need.ends_at - need.starts_at
    starts_at = timezone.now() + delay
    Need.objects.filter(pk=need.pk).update(starts_at=starts_at, ends_at=starts_at + duration)
    Slot.objects.filter(pk=need.booking_slot.pk).update(
        starts_at=starts_at, ends_at=starts_at + duration
    )
