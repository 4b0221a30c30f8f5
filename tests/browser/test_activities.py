"""Activities in the browser: the activity page in Danish and English on a phone and a
desktop, "My activities" with its calendar feed, and the organisers' pages (the new-activity
form with its errors, the activity's overview, the roster and cancelling a session). Every
page: zero axe violations, no console, CSP or JavaScript errors, nothing from other origins."""

import json
import re

import icalendar
import pytest
from playwright.sync_api import expect

from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from samskab.organisations.models import Membership
from tests.browser.activity_data import (
    emails_to,
    knitting_cafe,
    move_to_the_past,
    one_session,
)
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, log_in
from tests.factories import MembershipFactory, UserFactory, coordinator_of, weekly

LANGUAGES = {
    "da": {
        "prefix": "",
        "title": "Strikkecafé på Ribe Bibliotek",
        "come_alone": "Kom alene — du bliver taget godt imod.",
        "free": "Gratis",
        "accessibility": ["Trinfri adgang", "Teleslynge"],
        "note": "Elevatoren er ved bagindgangen.",
        "dates": "Kommende datoer",
        "places": "12 ledige pladser",
        "name": "Dit navn",
        "email": "Din e-mailadresse",
        "sign_up": "Tilmeld mig",
        "calendar": "Føj datoerne til din kalender",
        "other_language": ("Sprog", "English"),
    },
    "en": {
        "prefix": "/en",
        "title": "Knitting café at Ribe Library",
        "come_alone": "Come alone — you will be welcomed.",
        "free": "Free",
        "accessibility": ["Step-free access", "Hearing loop"],
        "note": "The lift is at the back entrance.",
        "dates": "Coming dates",
        "places": "12 places left",
        "name": "Your name",
        "email": "Your email address",
        "sign_up": "Sign up",
        "calendar": "Add the dates to your calendar",
        "other_language": ("Language", "Dansk"),
    },
}


def for_(action: str, what: str) -> re.Pattern:
    """The name of a button that says what it acts on only to screen readers ("Cancel my
    place<span class="sr-only">: Choir</span>"); Chromium puts a space before the hidden part."""
    return re.compile(rf"^{re.escape(action)}\s*:\s*{re.escape(what)}$")


@pytest.fixture(params=["da", "en"])
def language(request):
    return request.param


@pytest.fixture
def cafe(transactional_db):
    activity = knitting_cafe()
    first = one_session(activity, days=2, capacity=12)
    one_session(activity, days=9, capacity=12)
    return activity, first


def test_activity_page_tells_what_where_and_for_whom_and_offers_the_sign_up(
    page_at, live_server, cafe, viewport, language
):
    activity, _first = cafe
    text = LANGUAGES[language]
    page = page_at(viewport)
    page.goto(f"{live_server.url}{text['prefix']}{activity.get_absolute_url()}")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page).to_have_title(re.compile(rf"^{re.escape(text['title'])} · Samskab"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["title"])
    main = page.get_by_role("main")
    expect(main).to_contain_text(text["come_alone"])
    expect(main).to_contain_text(text["free"])
    accessibility = main.locator(".activities-accessibility li")
    expect(accessibility).to_have_text(text["accessibility"])
    expect(main).to_contain_text(text["note"])
    # The language's own name is marked up in its language, whatever the page's.
    expect(main.locator('[lang="uk"]')).to_have_text("українська")

    sessions = main.locator(".activities-session")
    expect(sessions).to_have_count(2)
    expect(page.get_by_role("heading", name=text["dates"])).to_be_visible()
    box = sessions.first
    expect(box).to_contain_text(text["places"])
    expect(box.get_by_label(text["name"], exact=True)).to_be_visible()
    expect(box.get_by_label(text["email"], exact=True)).to_have_attribute("type", "email")
    expect(box.get_by_role("button", name=text["sign_up"])).to_be_visible()
    expect(main.get_by_role("link", name=text["calendar"])).to_have_attribute(
        "href", f"{text['prefix']}/aktiviteter/{activity.pk}/kalender.ics"
    )

    # Search engines get the sessions as schema.org Events, in the page's language.
    json_ld = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    events = json_ld if isinstance(json_ld, list) else json_ld.get("@graph", [json_ld])
    assert len(events) == 2
    assert {event["@type"] for event in events} == {"Event"}
    assert events[0]["name"] == text["title"]
    assert events[0]["isAccessibleForFree"] is True

    switch_name, other = text["other_language"]
    expect(
        page.get_by_role("navigation", name=switch_name).get_by_role("link", name=other)
    ).to_be_visible()
    assert_accessible(page)


# --- "My activities" ---------------------------------------------------------------------------


@pytest.fixture
def sign_ups(cafe, citizen):
    """The citizen has a place at the café, waits for a full walk, is offered a place at a
    choir, and took part in a lecture last week."""
    activity, first = cafe
    organisation = activity.organisation
    booking_services.request_booking(slot=first.booking_slot, user=citizen)

    walk = knitting_cafe(organisation, title_da="Gåtur ved Vadehavet", title_en="Wadden Sea walk")
    walk_session = one_session(walk, days=4, capacity=1)
    booking_services.request_booking(slot=walk_session.booking_slot, user=UserFactory())
    booking_services.request_booking(slot=walk_session.booking_slot, user=citizen)

    choir = knitting_cafe(organisation, title_da="Fællessang", title_en="Community singing")
    choir_session = one_session(choir, days=5, capacity=1)
    other = booking_services.request_booking(
        slot=choir_session.booking_slot, user=UserFactory()
    ).booking
    booking_services.request_booking(slot=choir_session.booking_slot, user=citizen)
    booking_services.cancel_booking(token=other.token)

    lecture = knitting_cafe(organisation, title_da="Foredrag om Ribe", title_en="Talk on Ribe")
    lecture_session = one_session(lecture, days=1, capacity=30)
    attended = booking_services.request_booking(
        slot=lecture_session.booking_slot, user=citizen
    ).booking
    move_to_the_past(lecture_session)
    Booking.objects.filter(pk=attended.pk).update(attendance=Booking.Attendance.ATTENDED)
    return activity


def test_my_activities_shows_places_waiting_lists_offers_and_the_past(
    page_at, live_server, citizen, sign_ups, viewport
):
    page = page_at(viewport)
    log_in(page, live_server, citizen)
    page.goto(f"{live_server.url}/aktiviteter/mine/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Mine aktiviteter")
    main = page.get_by_role("main")
    expect(main.get_by_role("status")).to_contain_text("Der er en ledig plads til dig")
    coming = main.locator(".activities-card")
    expect(coming.get_by_role("heading", level=3)).to_have_text(
        ["Strikkecafé på Ribe Bibliotek", "Gåtur ved Vadehavet", "Fællessang"]
    )
    expect(coming.nth(0)).to_contain_text("Du har en plads")
    expect(coming.nth(1)).to_contain_text("Nummer 1 på ventelisten")
    expect(coming.nth(2)).to_contain_text("Du har fået tilbudt en plads")
    expect(coming.nth(2).get_by_role("button", name="Ja tak, jeg tager pladsen")).to_be_visible()
    expect(main.locator(".activities-past-list")).to_contain_text("Foredrag om Ribe")
    expect(main.locator(".activities-past-list")).to_contain_text("Mødte op")
    expect(main.get_by_label("Din kalenderadresse", exact=True)).to_have_value(
        re.compile(rf"^{re.escape(live_server.url)}/aktiviteter/kalender/\S+\.ics$")
    )
    assert_accessible(page)


def test_my_activities_answers_an_offer_leaves_a_waiting_list_and_renews_the_feed(
    page_at, live_server, citizen, sign_ups, site_url, mailoutbox
):
    mailoutbox.clear()
    page = page_at(PHONE)
    log_in(page, live_server, citizen)
    page.goto(f"{live_server.url}/aktiviteter/mine/")
    main = page.get_by_role("main")

    # The personal feed is private, and every sign-up is in it with its state.
    feed_url = main.get_by_label("Din kalenderadresse", exact=True).input_value()
    response = page.request.get(feed_url)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries == [
        "Foredrag om Ribe",
        "Plads tilbudt, svar venligst: Fællessang",
        "Strikkecafé på Ribe Bibliotek",
        "Venteliste: Gåtur ved Vadehavet",
    ]

    main.get_by_role("button", name=for_("Ja tak, jeg tager pladsen", "Fællessang")).click()
    expect(page.locator(".samskab-messages")).to_contain_text(
        "Pladsen er din. Vi har sendt dig en e-mail med detaljerne."
    )
    choir = main.locator(".activities-card", has_text="Fællessang")
    expect(choir).to_contain_text("Du har en plads")
    assert [message.subject for message in emails_to(mailoutbox, citizen.email)] == [
        "Du har en plads: Fællessang"
    ]

    main.get_by_role("button", name=for_("Forlad ventelisten", "Gåtur ved Vadehavet")).click()
    expect(page.locator(".samskab-messages")).to_contain_text("Du er nu afmeldt.")
    expect(main.locator(".activities-card", has_text="Gåtur ved Vadehavet")).to_have_count(0)
    assert_accessible(page)

    main.get_by_role("button", name="Få en ny kalenderadresse").click()
    expect(page).to_have_url(f"{live_server.url}/aktiviteter/mine/#calendar")
    expect(page.locator(".samskab-messages")).to_contain_text(
        "Din kalender har fået en ny adresse."
    )
    new_feed_url = main.get_by_label("Din kalenderadresse", exact=True).input_value()
    assert new_feed_url != feed_url
    assert page.request.get(feed_url).status == 404
    assert page.request.get(new_feed_url).ok
    assert_accessible(page)


# --- the organisers' pages ------------------------------------------------------------------


def test_new_activity_form_explains_what_is_missing_and_keeps_what_was_typed(
    page_at, live_server, cafe, viewport
):
    activity, _first = cafe
    organisation = activity.organisation
    coordinator = coordinator_of(organisation)
    page = page_at(viewport)
    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/foreninger/administrer/{organisation.slug}/")

    page.get_by_role("navigation", name=f"Administrer {organisation.name}").get_by_role(
        "link", name="Aktiviteter"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktiviteter")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Opret en aktivitet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ny aktivitet")
    main = page.get_by_role("main")
    # Filled in from the organisation, so the coordinator types less.
    expect(main.get_by_label("Stedets navn", exact=True)).to_have_value(organisation.name)
    assert_accessible(page)

    main.get_by_label("Titel", exact=True).fill("Fællesspisning")
    main.get_by_label("Stedets navn", exact=True).fill("")
    main.get_by_role("button", name="Opret aktiviteten").click()

    expect(page).to_have_title(re.compile(r"^Fejl: Ny aktivitet"))
    # One summary for the activity, one for its dates (a weekly series unless told otherwise).
    summaries = main.get_by_role("alert").filter(has_text="Ret venligst følgende")
    expect(summaries).to_have_count(2)
    summary = summaries.first
    expect(summary).to_contain_text("Beskriv aktiviteten med nogle få sætninger.")
    expect(summary).to_contain_text("Skriv, hvor det foregår, fx bygningens navn.")
    expect(summaries.last).to_contain_text("Vælg mindst én ugedag.")
    expect(main.get_by_label("Titel", exact=True)).to_have_value("Fællesspisning")
    description = main.get_by_label("Beskrivelse", exact=True)
    expect(description).to_have_attribute("aria-invalid", "true")
    # The summary's links take the keyboard to the field.
    summary.get_by_role("link", name=re.compile("^Beskrivelse:")).click()
    expect(description).to_be_focused()
    assert_accessible(page)


def test_coordinator_sees_the_roster_and_cancels_a_session_with_a_reason(
    page_at, live_server, cafe, site_url, mailoutbox
):
    activity, first = cafe
    coordinator = coordinator_of(activity.organisation)
    coming = UserFactory(display_name="Kirsten Kommer", email="kirsten@example.dk")
    waiting = UserFactory(display_name="Villy Venter", email="villy@example.dk")
    booking_services.change_capacity(slot=first.booking_slot, capacity=1)
    booking_services.request_booking(slot=first.booking_slot, user=coming)
    booking_services.request_booking(slot=first.booking_slot, user=waiting)
    mailoutbox.clear()

    page = page_at(PHONE)
    log_in(page, live_server, coordinator)
    page.goto(
        f"{live_server.url}/aktiviteter/administrer/{activity.organisation.slug}/{activity.pk}/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Strikkecafé på Ribe Bibliotek")
    main = page.get_by_role("main")
    sessions = main.locator(".activities-manage-session")
    expect(sessions).to_have_count(2)
    expect(sessions.first).to_contain_text("1 af 1 pladser taget")
    expect(sessions.first).to_contain_text("1 venter")
    assert_accessible(page)

    sessions.first.get_by_role("link", name=re.compile("^Deltagere")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deltagere")
    roster = page.get_by_role("region", name="Kommer")
    expect(roster.get_by_role("rowheader")).to_have_text(["Kirsten Kommer"])
    waitlist = main.locator(".activities-waitlist li")
    expect(waitlist).to_have_text(["Villy Venter (villy@example.dk)"])
    assert_accessible(page)

    main.get_by_role("link", name="Aflys arrangementet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aflys arrangementet")
    expect(main).to_contain_text("2 personer er tilmeldt")
    assert_accessible(page)
    main.get_by_role("button", name="Aflys arrangementet").click()
    # The reason is required: the people signed up deserve to know why.
    expect(main.get_by_label("Hvorfor bliver det aflyst?", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible(page)
    main.get_by_label("Hvorfor bliver det aflyst?", exact=True).fill("Biblioteket er lukket.")
    main.get_by_role("button", name="Aflys arrangementet").click()

    expect(page.locator(".samskab-messages")).to_contain_text(
        "Arrangementet er aflyst. Alle tilmeldte har fået besked på e-mail."
    )
    expect(sessions.first).to_contain_text("Aflyst")
    assert_accessible(page)
    assert sorted(message.to[0] for message in mailoutbox) == [coming.email, waiting.email]
    assert all("Biblioteket er lukket." in message.body for message in mailoutbox)

    page.goto(f"{live_server.url}{activity.get_absolute_url()}")
    expect(page.locator(f"#session-{first.pk}")).to_contain_text("Aflyst")
    expect(page.locator(f"#session-{first.pk}")).to_contain_text("Biblioteket er lukket.")
    assert_accessible(page)


def test_coordinator_adds_a_single_date_and_a_weekly_series(page_at, live_server, cafe):
    activity, _first = cafe
    coordinator = coordinator_of(activity.organisation)
    page = page_at(DESKTOP)
    log_in(page, live_server, coordinator)
    page.goto(
        f"{live_server.url}/aktiviteter/administrer/{activity.organisation.slug}/{activity.pk}/"
    )
    main = page.get_by_role("main")

    main.get_by_role("link", name="Tilføj en ugentlig serie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny ugentlig serie")
    assert_accessible(page)
    main.get_by_role("button", name="Opret serien").click()
    expect(page).to_have_title(re.compile(r"^Fejl: "))
    expect(main.get_by_role("group", name="Ugedage")).to_contain_text("Vælg mindst én ugedag.")
    assert_accessible(page)
    main.get_by_role("link", name="Gå tilbage uden at gemme").click()

    main.get_by_role("link", name="Tilføj en enkelt dato").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilføj en enkelt dato")
    assert_accessible(page)


def test_every_other_organiser_and_participant_page_is_accessible_on_a_phone(
    page_at, live_server, cafe
):
    """The pages the stories above do not walk through, each with content in it."""
    activity, first = cafe
    organisation = activity.organisation
    schedule = weekly(activity, weeks=2, capacity=4)
    draft = knitting_cafe(organisation, title_da="Endnu ikke offentlig", is_published=False)
    coordinator = coordinator_of(organisation, role=Membership.Role.ADMINISTRATOR)
    member = MembershipFactory(organisation=organisation).user
    booking_services.request_booking(slot=first.booking_slot, user=coordinator)
    booking_services.request_booking(slot=first.booking_slot, user=member)
    booking_services.request_booking(
        slot=first.booking_slot, name="Gæst Gæstesen", email="gaest@example.dk", language="da"
    )
    manage = f"/aktiviteter/administrer/{organisation.slug}/{activity.pk}"
    membership = member.organisation_memberships.get()
    pages = {
        activity.get_absolute_url(): activity.title,
        draft.get_absolute_url(): "Endnu ikke offentlig",
        "/tilmelding/": "Mine tilmeldinger",
        f"/tilmelding/{first.booking_slot.pk}/": f"Tilmelding: {activity.title}",
        f"/tilmelding/{first.booking_slot.pk}/deltagere/": f"Deltagere: {activity.title}",
        f"{manage}/rediger/": f"Rediger {activity.title}",
        f"{manage}/serier/{schedule.pk}/": "Ret den ugentlige serie",
        f"{manage}/serier/{schedule.pk}/afslut/": "Afslut den ugentlige serie",
        f"{manage}/gange/{first.pk}/rediger/": "Ret datoen",
        "/foreninger/administrer/": "Mine organisationer",
        f"/foreninger/administrer/{organisation.slug}/oplysninger/": "Oplysninger",
        f"/foreninger/administrer/{organisation.slug}/medlemmer/{membership.pk}/fjern/": (
            "Fjern medlem"
        ),
    }
    page = page_at(PHONE)
    log_in(page, live_server, coordinator)
    for path, heading in pages.items():
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
