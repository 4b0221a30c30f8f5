"""Organisations, opportunities, shifts and people for the browser tests of volunteering,
certificates and needs, made with the shared factories (tests.factories) and the services;
and the emails they send.

The live server's database is emptied after each test, so the reference rows (towns,
skills, languages, focus areas) come from the factories, which fetch or create them by
their slug or code."""

import re
import time
from datetime import timedelta
from pathlib import Path

from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from samskab.booking import services as booking_services
from samskab.booking.models import Booking, Slot
from samskab.certificates.models import Certificate
from samskab.volunteering.models import Opportunity, Shift
from tests.browser.activity_data import community_focus_area
from tests.browser.conftest import PHONE, assert_accessible
from tests.factories import (
    LanguageFactory,
    OpportunityFactory,
    OrganisationFactory,
    SkillFactory,
    TownFactory,
    UserFactory,
    coordinator_of,
    make_shift,
)

SOUP_KITCHEN = "Suppekøkken i Ribe"
BEACH_CLEAN_UP = "Strandrens ved Esbjerg"
TELEPHONE_FRIEND = "Telefonven"


def volunteer_centre():
    return OrganisationFactory(
        name="Ribe Frivilligcenter",
        slug="ribe-frivilligcenter",
        town="Ribe",
        postcode="6760",
        contact_email="kontakt@ribe-frivilligcenter.example.dk",
    )


def coordinator_of_centre(organisation):
    return coordinator_of(
        organisation, display_name="Karen Koordinator", email="karen@ribe-frivilligcenter.dk"
    )


def volunteer(**fields):
    values = {"display_name": "Vera Frivillig", "email": "vera@example.dk"}
    values.update(fields)
    return UserFactory(**values)


def esbjerg():
    return TownFactory(
        slug="esbjerg", name="Esbjerg", postcode="6700", latitude=55.4765, longitude=8.4594
    )


def cooking():
    return SkillFactory(slug="cooking", name_da="Madlavning", name_en="Cooking")


def practical_help():
    return SkillFactory(
        slug="practical-help",
        name_da="Praktisk hjælp og bæring",
        name_en="Practical help and lifting",
    )


def soup_kitchen(organisation, **fields):
    """An ad hoc task in Ribe that wants cooks and is done in Danish and Ukrainian."""
    values = {
        "organisation": organisation,
        "kind": Opportunity.Kind.AD_HOC,
        "title_da": SOUP_KITCHEN,
        "title_en": "Soup kitchen in Ribe",
        "description_da": "Vi laver suppe til byens ældre og spiser sammen bagefter.",
        "description_en": "We make soup for the town's elderly and eat together afterwards.",
        "town": TownFactory(),
        "focus_areas": [community_focus_area()],
        "skills": [cooking()],
        "languages": [
            LanguageFactory(
                code="uk", name_da="Ukrainsk", name_en="Ukrainian", native_name="українська"
            )
        ],
        "contact_phone": "75 11 22 33",
    }
    values.update(fields)
    return OpportunityFactory(**values)


def the_list_of_three(organisation):
    """The soup kitchen in Ribe in five days, a beach clean-up in Esbjerg in twenty days,
    and a telephone friend from home (an ongoing role without dates)."""
    kitchen = soup_kitchen(organisation)
    make_shift(opportunity=kitchen, starts_in=timedelta(days=5))
    beach = OpportunityFactory(
        organisation=organisation,
        title_da=BEACH_CLEAN_UP,
        title_en="Beach clean-up near Esbjerg",
        town=esbjerg(),
        place_name="Strandcafeen",
        street="Strandbyvej 1",
        postcode="6700",
        focus_areas=[community_focus_area()],
    )
    make_shift(opportunity=beach, starts_in=timedelta(days=20))
    OpportunityFactory(
        organisation=organisation,
        kind=Opportunity.Kind.ONGOING,
        title_da=TELEPHONE_FRIEND,
        title_en="Telephone friend",
        town=None,
        from_home=True,
        place_name="",
        street="",
        postcode="",
        focus_areas=[community_focus_area()],
    )
    return kitchen


def shift_starting_in(opportunity, delay: timedelta, *, volunteers_needed=3, **spec):
    """A shift of two hours; check-in opens two hours before it starts."""
    return make_shift(
        opportunity=opportunity,
        starts_in=delay,
        volunteers_needed=volunteers_needed,
        **spec,
    )


def sign_up(shift, user):
    return booking_services.request_booking(slot=shift.booking_slot, user=user).booking


def let_the_shift_end(shift, *, ended_ago=timedelta(minutes=10)):
    """Time passes until the shift ended ``ended_ago``: its rows are moved, not the shift
    rescheduled (which would email everyone about a new time)."""
    duration = shift.ends_at - shift.starts_at
    ends_at = timezone.now() - ended_ago
    Shift.objects.filter(pk=shift.pk).update(starts_at=ends_at - duration, ends_at=ends_at)
    Slot.objects.filter(pk=shift.booking_slot.pk).update(
        starts_at=ends_at - duration, ends_at=ends_at
    )


def as_if_signed_up_days_ago(booking, days: int = 2):
    """Time passes after a sign-up: the engine sends no reminder to someone who signed up
    after the reminder time (their confirmation just said everything), so a test that
    wants the reminder moves the sign-up back instead of waiting for the day."""
    delta = timedelta(days=days)
    Booking.objects.filter(pk=booking.pk).update(
        created_at=F("created_at") - delta,
        confirmed_at=F("confirmed_at") - delta,
        confirmation_sent_at=F("confirmation_sent_at") - delta,
    )


# --- steps ------------------------------------------------------------------------------------


def set_up_the_profile(page, live_server, *, emails_at_any_hour=False):
    """A citizen without a profile goes from the opportunity list to a saved profile: Ribe,
    free on Saturday mornings, practical help, alerts about one-off tasks. One form, nothing
    required; the whole thing must take well under the issue's two minutes.
    ``emails_at_any_hour`` empties the quiet hours, whose defaults (21–08) would hold an
    alert back when the test runs in the evening."""
    page.goto(f"{live_server.url}/frivillig/")
    page.get_by_role("main").get_by_role("link", name="Mit frivillige arbejde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit frivillige arbejde")
    expect(page.get_by_role("main").get_by_role("status")).to_contain_text(
        "Du har ikke en frivilligprofil endnu."
    )
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Opret min profil").click()

    started = time.monotonic()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min frivilligprofil")
    form = page.locator("main form.volunteering-profile-form")
    expect(form).to_have_count(1)
    # Short: a dozen questions on one page, none of which must be answered (the one
    # required number, emails a week, comes filled in). A few choices and a click save it.
    questions = form.evaluate(
        """form => new Set([...form.elements]
            .filter(control => control.name && !["csrfmiddlewaretoken", "next"]
                .includes(control.name) && control.type !== "submit")
            .map(control => control.name)).size"""
    )
    assert questions <= 13, questions
    assert form.evaluate(
        "form => [...form.querySelectorAll('[required]')].every(control => control.value)"
    )
    expect(form.get_by_role("button")).to_have_text(["Gem min profil"])
    assert_accessible(page)
    form.get_by_role("group", name=re.compile("^Hvor vil du gerne hjælpe")).get_by_role(
        "checkbox", name="Ribe"
    ).check()
    form.get_by_role("checkbox", name="Lørdag formiddag").check()
    form.get_by_role("group", name=re.compile("^Hvad kan du")).get_by_role(
        "checkbox", name="Praktisk hjælp og bæring"
    ).check()
    form.get_by_role(
        "checkbox",
        name="Send mig en e-mail, når en enkeltstående opgave nær mig mangler en hånd",
    ).check()
    if emails_at_any_hour:
        form.get_by_label("Ingen e-mails fra kl. (valgfri)", exact=True).fill("")
        form.get_by_label("Ingen e-mails før kl. (valgfri)", exact=True).fill("")
    form.get_by_role("button", name="Gem min profil").click()
    expect(page.locator(".samskab-messages")).to_contain_text("Din frivilligprofil er gemt.")
    elapsed = time.monotonic() - started
    assert elapsed < 120, elapsed
    expect(page).to_have_url(f"{live_server.url}/frivillig/mit-frivillige-arbejde/")
    assert_accessible(page)


# --- the emails -----------------------------------------------------------------------------


def emails_to(mailoutbox, address: str) -> list:
    return [message for message in mailoutbox if message.to == [address]]


def subjects_to(mailoutbox, address: str) -> list[str]:
    return [message.subject for message in emails_to(mailoutbox, address)]


def one_email_to(mailoutbox, address: str, subject: str):
    found = [message for message in emails_to(mailoutbox, address) if message.subject == subject]
    assert len(found) == 1, [(message.to, message.subject) for message in mailoutbox]
    return found[0]


def link_in(message, live_server, path_part: str) -> str:
    """The first link in an email whose path contains ``path_part``; it must lead to the
    live server (SITE_URL), so the browser can open it."""
    match = re.search(rf"https?://\S*{re.escape(path_part)}\S*", message.body)
    assert match, f"No link with {path_part} in:\n{message.body}"
    link = match.group(0).rstrip(".,)")
    assert link.startswith(live_server.url), link
    return link


def download_and_verify_certificate(page_at, phone, live_server, citizen, *, expected_text: str):
    """From "My volunteering" the citizen makes a certificate and downloads the PDF;
    whoever receives it opens the address in its QR code and sees it confirmed, with
    ``expected_text`` (e.g. a role) and without the citizen's email address."""
    phone.goto(f"{live_server.url}/frivillig/mit-frivillige-arbejde/")
    phone.get_by_role("main").get_by_role("link", name="Få et frivilligbevis").click()
    phone.get_by_role("main").get_by_role("button", name="Lav bevis").click()
    expect(phone.locator(".samskab-messages")).to_contain_text("er klar")
    with phone.expect_download() as download_info:
        phone.get_by_role("main").get_by_role("link", name=re.compile("^Hent PDF")).click()
    assert Path(download_info.value.path()).read_bytes().startswith(b"%PDF")
    certificate = Certificate.objects.get(volunteer=citizen)

    employer = page_at(PHONE)
    employer.goto(f"{live_server.url}{certificate.get_verification_url()}")
    expect(employer.get_by_role("heading", level=1)).to_have_text("Beviset er ægte")
    content = employer.get_by_role("region", name=f"Frivilligbevis for {citizen.display_name}")
    expect(content).to_contain_text(certificate.formatted_code)
    expect(content).to_contain_text(expected_text)
    assert citizen.email not in employer.content()
    assert_accessible(employer)
    return certificate
