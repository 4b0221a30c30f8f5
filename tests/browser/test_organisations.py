"""Organisations in the browser: the public list and page with the organisation's coming
activities and calendar feed; registering an organisation on a phone and its approval by
municipal staff; an administrator inviting a member, who accepts from the email."""

import re

import icalendar
from playwright.sync_api import expect

from samskab.organisations.models import Membership, Organisation
from tests.browser.activity_data import (
    community_focus_area,
    knitting_cafe,
    one_session,
    ribe_knitting_club,
)
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, log_in
from tests.factories import MembershipFactory, UserFactory, make_municipal_staff


def test_organisation_page_shows_contact_and_coming_activities_with_a_feed(
    page_at, live_server, transactional_db, viewport
):
    organisation = ribe_knitting_club()
    organisation.focus_areas.set([community_focus_area()])
    cafe = knitting_cafe(organisation)
    session = one_session(cafe, days=2, capacity=8)
    page = page_at(viewport)
    page.goto(f"{live_server.url}/foreninger/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Foreninger og organisationer")
    search = page.get_by_role("search", name="Find organisationer")
    search.get_by_label("Søg på navn (valgfri)", exact=True).fill("strik")
    search.get_by_role("button", name="Vis organisationer").click()
    expect(page).to_have_url(re.compile(r"/foreninger/\?q=strik"))
    expect(page.get_by_role("heading", level=2, name="1 organisation")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Ribe Strikkeklub").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ribe Strikkeklub")
    main = page.get_by_role("main")
    contact = page.get_by_role("region", name="Kontakt")
    expect(contact).to_contain_text("Karen Jensen")
    expect(contact.get_by_role("link", name=organisation.contact_email)).to_have_attribute(
        "href", f"mailto:{organisation.contact_email}"
    )
    expect(main.get_by_role("link", name="Fællesskab og mangfoldighed")).to_be_visible()
    upcoming = page.get_by_role("region", name="Kommende aktiviteter")
    card = upcoming.get_by_role("article")
    expect(card.get_by_role("heading", level=3)).to_have_text("Strikkecafé på Ribe Bibliotek")
    expect(card).to_contain_text("8 ledige pladser")
    expect(card).to_contain_text("Kom alene — du bliver taget godt imod")
    assert_accessible(page)

    feed = upcoming.get_by_role("link", name="Kalender med alle aktiviteter hos Ribe Strikkeklub")
    response = page.request.get(f"{live_server.url}{feed.get_attribute('href')}")
    assert response.ok
    calendar = icalendar.Calendar.from_ical(response.body())
    assert str(calendar["X-WR-CALNAME"]) == "Ribe Strikkeklub"
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Strikkecafé på Ribe Bibliotek"
    assert event.decoded("DTSTART") == session.starts_at


def test_registering_an_organisation_on_a_phone_and_its_approval(
    page_at, live_server, citizen, mailoutbox
):
    community_focus_area()
    staff = make_municipal_staff(email="medarbejder@esbjerg.example.dk")
    page = page_at(PHONE)
    log_in(page, live_server, citizen)
    page.goto(f"{live_server.url}/foreninger/")
    page.get_by_role("main").get_by_role("link", name="Registrér din organisation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Registrér en organisation")
    main = page.get_by_role("main")
    # The person registering is the first contact, until they say otherwise.
    expect(main.get_by_label("Kontaktperson", exact=True)).to_have_value(citizen.display_name)
    expect(main.get_by_label("Kontakt-e-mail", exact=True)).to_have_value(citizen.email)
    assert_accessible(page)

    main.get_by_label("Organisationens navn", exact=True).fill("Tjæreborg Løbeklub")
    main.get_by_label("Postnummer (valgfri)", exact=True).fill("67")
    main.get_by_role("button", name="Send registreringen").click()
    expect(page).to_have_title(re.compile(r"^Fejl: Registrér en organisation"))
    summary = main.get_by_role("alert").filter(has_text="Ret venligst følgende")
    expect(summary).to_contain_text("Type organisation")
    expect(summary).to_contain_text("Postnummer")
    expect(main.get_by_label("Organisationens navn", exact=True)).to_have_value(
        "Tjæreborg Løbeklub"
    )
    assert_accessible(page)

    main.get_by_role("radio", name="Forening").check()
    main.get_by_label("Beskrivelse på dansk", exact=True).fill(
        "Vi løber sammen tirsdag og torsdag. Alle kan være med."
    )
    main.get_by_role("checkbox", name="Fællesskab og mangfoldighed").check()
    main.get_by_label("Postnummer (valgfri)", exact=True).fill("6731")
    main.get_by_label("By", exact=True).fill("Tjæreborg")
    main.get_by_role("button", name="Send registreringen").click()

    expect(page.locator(".samskab-messages")).to_contain_text(
        "Tak. Tjæreborg Løbeklub er registreret og venter på godkendelse"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Oversigt")
    expect(page.get_by_role("main")).to_contain_text("Venter på godkendelse")
    assert_accessible(page)
    organisation = Organisation.objects.get(name="Tjæreborg Løbeklub")
    assert organisation.status == Organisation.Status.PENDING
    assert [message.to for message in mailoutbox] == [[staff.email]]

    reviewer = page_at(DESKTOP)
    log_in(reviewer, live_server, staff)
    reviewer.goto(f"{live_server.url}/foreninger/godkendelse/")
    assert_accessible(reviewer)
    reviewer.get_by_role("main").get_by_role("link", name=re.compile("Tjæreborg Løbeklub")).click()
    expect(reviewer.get_by_role("main")).to_contain_text("Vi løber sammen tirsdag og torsdag.")
    assert_accessible(reviewer)
    reviewer.get_by_role("main").get_by_role("button", name="Godkend og offentliggør").click()
    expect(reviewer.locator(".samskab-messages")).to_contain_text(
        "Tjæreborg Løbeklub er godkendt og nu offentlig."
    )
    assert_accessible(reviewer)
    assert mailoutbox[-1].to == [citizen.email]

    page.goto(f"{live_server.url}{organisation.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjæreborg Løbeklub")
    expect(page.get_by_role("main").get_by_role("alert")).to_have_count(0)
    assert_accessible(page)


def test_an_administrator_invites_a_coordinator_who_accepts_from_the_email(
    page_at, live_server, transactional_db, mailoutbox
):
    organisation = ribe_knitting_club()
    administrator = MembershipFactory(
        organisation=organisation, user=UserFactory(display_name="Karen Jensen")
    ).user
    invited = UserFactory(display_name="Bo Bisidder", email="bo@example.dk")
    page = page_at(PHONE)
    log_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/foreninger/administrer/{organisation.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oversigt")
    assert_accessible(page)
    page.get_by_role("navigation", name="Administrer Ribe Strikkeklub").get_by_role(
        "link", name="Medlemmer"
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Medlemmer")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="1 medlem")).to_be_visible()
    assert_accessible(page)
    main.get_by_label("E-mailadresse", exact=True).fill("bo@example.dk")
    main.get_by_role("radio", name="Koordinator").check()
    main.get_by_role("button", name="Send invitation").click()

    expect(page.locator(".samskab-messages")).to_contain_text(
        "Der er sendt en invitation til bo@example.dk."
    )
    expect(main.get_by_role("heading", level=3, name="bo@example.dk")).to_be_visible()
    assert_accessible(page)
    [message] = mailoutbox
    assert message.to == ["bo@example.dk"]
    match = re.search(r"https?://\S+/foreninger/invitation/\S+/", message.body)
    assert match and match.group(0).startswith(live_server.url), message.body

    invitee = page_at(PHONE)
    log_in(invitee, live_server, invited)
    invitee.goto(match.group(0))
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Invitation til Ribe Strikkeklub")
    expect(invitee.get_by_role("main")).to_contain_text("Du er logget ind som bo@example.dk.")
    assert_accessible(invitee)
    invitee.get_by_role("main").get_by_role("button", name="Acceptér invitationen").click()
    expect(invitee.locator(".samskab-messages")).to_contain_text("Velkommen i Ribe Strikkeklub.")
    expect(invitee.get_by_role("main")).to_contain_text("Koordinator")
    assert_accessible(invitee)
    assert Membership.objects.get(organisation=organisation, user=invited).role == "coordinator"

    page.reload()
    expect(main.get_by_role("heading", name="2 medlemmer")).to_be_visible()
    expect(main).to_contain_text("Ingen invitationer venter.")
    assert_accessible(page)
