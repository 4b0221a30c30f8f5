"""Citizen proposals in the browser, on a phone and a desktop, in Danish and English: the
list by stage, writing a proposal (a refused text kept as typed, the draft saved, then
submitted), signing with MitID through the test provider (testidp/) as an adult resident
and as a 14-year-old, a proposal's path from draft to council decision, and the staff's
queue, formal check, scheduling and decision. Every Samskab page: zero axe violations, no
console, CSP or JavaScript errors, nothing from other origins but the MitID provider,
whose own login page is not ours and is not scanned."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samskab.proposals.models import Decision, Proposal, Signature, Status
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import UserFactory, make_municipal_staff, write_proposal

LIST = reverse("proposals:list")
QUEUE = reverse("proposals:staff_queue")
BUS = "Gratis bus for pensionister til aktivitetscentrene"
LIGHT = "Lys på stien langs Ribe Å"
BENCHES = "Flere bænke ved stranden i Hjerting"

TEXT = {
    "da": {
        "prefix": "",
        "proposals": "Borgerforslag",
        "stages": "Forslag efter, hvor langt de er nået",
        "collecting": "Samler underskrifter",
        "at_council": "Hos byrådet",
        "on_agenda": "På byrådets dagsorden",
        "decided": "Besluttet",
        "write": "Skriv et forslag",
        "write_heading": "Skriv et borgerforslag",
        "title": "Dit forslag i én sætning",
        "describe": "Hvad skal byrådet beslutte, og hvorfor?",
        "save_draft": "Gem kladden",
        "cpr_refused": "Din tekst ser ud til at indeholde et CPR-nummer",
        "draft_saved": "Din kladde er gemt.",
        "draft": "Kladde",
        "submit": "Indsend til formel kontrol",
        "submitted": "Dit forslag er sendt ind.",
        "waiting": "Venter på formel kontrol",
        "sign_with_mitid": "Skriv under med MitID",
        "sign_heading": "Skriv under på forslaget",
        "continue_with_mitid": "Fortsæt med MitID",
        "sign": "Skriv under på forslaget",
        "signature_counts": "Din underskrift tæller med.",
        "one_of_five": "1 af 5 underskrifter",
        "too_young": "fra man er 15 år",
        "back": "Tilbage til forslaget",
        "path": "Forslagets vej indtil nu",
        "path_steps": [
            "Skrevet",
            "Indsendt til formel kontrol",
            "Godkendt ved den formelle kontrol",
            "Nok underskrifter",
            "Sat på byrådets dagsorden",
            "Besluttet i byrådet",
        ],
        "ahead": "Senere: Bliver gennemført",
        "council_decision": "Byrådets beslutning",
        "adopted": "Vedtaget",
        "queue": "Forslag, der venter på kommunen",
        "formal_check": "Formel kontrol",
        "approve": "Godkend: indsamlingen af underskrifter starter nu",
        "record_outcome": "Gem resultatet",
        "saved": "Gemt. Alle, der følger forslaget, får besked.",
        "meeting_date": "Dato for byrådsmødet",
        "save_meeting": "Gem mødedatoen",
        "meeting_on": "møde den 24. marts 2027",
        "schedule": "Sæt på byrådets dagsorden",
        "record_decision_link": "Registrér byrådets beslutning",
        "decision_words": "Beslutningen med byrådets egne ord",
        "record_decision": "Gem beslutningen",
    },
    "en": {
        "prefix": "/en",
        "proposals": "Citizen proposals",
        "stages": "Proposals by stage",
        "collecting": "Collecting signatures",
        "at_council": "At the city council",
        "on_agenda": "On the city council's agenda",
        "decided": "Decided",
        "write": "Write a proposal",
        "write_heading": "Write a citizen proposal",
        "title": "Your proposal in one sentence",
        "describe": "What should the city council decide, and why?",
        "save_draft": "Save the draft",
        "cpr_refused": "Your text seems to contain a CPR number",
        "draft_saved": "Your draft is saved.",
        "draft": "Draft",
        "submit": "Submit for the formal check",
        "submitted": "Your proposal is submitted.",
        "waiting": "Waiting for the formal check",
        "sign_with_mitid": "Sign with MitID",
        "sign_heading": "Sign the proposal",
        "continue_with_mitid": "Continue with MitID",
        "sign": "Sign the proposal",
        "signature_counts": "Your signature counts.",
        "one_of_five": "1 of 5 signatures",
        "too_young": "from the age of 15",
        "back": "Back to the proposal",
        "path": "The path so far",
        "path_steps": [
            "Written",
            "Submitted for the formal check",
            "Approved at the formal check",
            "Enough signatures",
            "Put on the city council's agenda",
            "Decided by the city council",
        ],
        "ahead": "Ahead: Being carried out",
        "council_decision": "The city council’s decision",
        "adopted": "Adopted",
        "queue": "Proposals waiting for the municipality",
        "formal_check": "Formal check",
        "approve": "Approve: collection of signatures starts now",
        "record_outcome": "Record the outcome",
        "saved": "Saved. Everyone following the proposal is told.",
        "meeting_date": "Date of the city council meeting",
        "save_meeting": "Save the meeting",
        "meeting_on": "meeting on March 24, 2027",
        "schedule": "Put on the city council's agenda",
        "record_decision_link": "Record the city council's decision",
        "decision_words": "The decision in the council's words",
        "record_decision": "Record the decision",
    },
}


@pytest.fixture(params=["da", "en"])
def language(request):
    return request.param


@pytest.fixture
def text(language):
    return TEXT[language]


def url(live_server, text, path, query=""):
    return f"{live_server.url}{text['prefix']}{path}{query}"


def main(page):
    return page.get_by_role("main")


def test_the_list_shows_the_proposals_by_stage(
    page_at, live_server, transactional_db, viewport, text
):
    write_proposal(title=BUS, threshold=2000)
    write_proposal(title=LIGHT, status=Status.SCHEDULED, threshold=2)
    page = page_at(viewport)
    page.goto(url(live_server, text, LIST))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["proposals"])
    stages = page.get_by_role("navigation", name=text["stages"])
    collecting = stages.get_by_role("link", name=f"{text['collecting']} (1)")
    expect(collecting).to_have_attribute("aria-current", "page")
    cards = page.locator(".card-heading")
    expect(cards).to_have_text([BUS])
    assert_accessible(page)

    stages.get_by_role("link", name=f"{text['at_council']} (1)").click()
    expect(page).to_have_url(re.compile(r"vis=byraadet"))
    expect(page.get_by_role("heading", level=2, name=text["at_council"])).to_be_visible()
    expect(cards).to_have_text([LIGHT])
    expect(page.locator(".card").filter(has_text=LIGHT)).to_contain_text(text["on_agenda"])
    assert_accessible(page)

    stages.get_by_role("link", name=f"{text['decided']} (0)").click()
    expect(cards).to_have_count(0)
    assert_accessible(page)


def test_writing_a_proposal_saving_the_draft_and_submitting_it(
    page_at, live_server, transactional_db, viewport, text
):
    author = UserFactory(display_name="Birte Borger")
    page = page_at(viewport)
    log_in(page, live_server, author)
    page.goto(url(live_server, text, LIST))
    page.get_by_role("link", name=text["write"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["write_heading"])
    assert_accessible(page)

    # A CPR number in the text is refused; what was typed stays, to be corrected.
    page.get_by_label(text["title"]).fill(LIGHT)
    page.get_by_label(text["describe"]).fill(
        "Byrådet sætter lys op på stien, så ældre tør gå der om aftenen. "
        "Ring til mig, mit cpr er 010180-1234."
    )
    page.get_by_role("button", name=text["save_draft"]).click()
    error = page.locator(".form-error-message")
    expect(error).to_contain_text(text["cpr_refused"])
    expect(page.get_by_label(text["title"])).to_have_value(LIGHT)
    expect(page.get_by_label(text["describe"])).to_have_value(re.compile("lys op på stien"))
    assert_accessible(page)
    assert not Proposal.objects.exists()

    page.get_by_label(text["describe"]).fill(
        "Byrådet sætter lys op på stien, så ældre tør gå der om aftenen."
    )
    page.get_by_role("button", name=text["save_draft"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LIGHT)
    expect(page.get_by_text(text["draft_saved"])).to_be_visible()
    expect(main(page).locator(".badge")).to_have_text(text["draft"])
    assert_accessible(page)

    page.get_by_role("button", name=text["submit"]).click()
    expect(page.get_by_text(text["submitted"])).to_be_visible()
    expect(main(page).locator(".badge")).to_have_text(text["waiting"])
    expect(page.get_by_role("button", name=text["submit"])).to_have_count(0)
    assert_accessible(page)
    assert Proposal.objects.get().status == Status.SUBMITTED


def allow_the_provider(page, page_problems, provider):
    """The MitID provider is the one other origin a signer's browser visits. Its login page
    is not ours: what it asks for (its own web fonts, a favicon) is not a problem of
    Samskab's pages, which are still checked for everything."""
    theirs = set()

    def from_the_provider(url):
        return url.startswith(f"{provider.issuer}/") or url in theirs

    def on_request(request):
        ours = request.url.startswith(f"{page_problems.origin}/")
        if not ours and (from_the_provider(request.url) or from_the_provider(request.frame.url)):
            theirs.add(request.url)
            return
        page_problems.on_request(request)

    def on_console(message):
        if not from_the_provider(message.location.get("url", "")):
            page_problems.on_console(message)

    page.remove_listener("request", page_problems.on_request)
    page.remove_listener("console", page_problems.on_console)
    page.on("request", on_request)
    page.on("console", on_console)


def prove_who_you_are(page, person):
    """From Samskab's MitID start page, through the provider's login form, and back. The
    provider's page is not ours: it is not scanned."""
    page.locator("main form[method=post] button[type=submit]").click()
    login = page.locator("input[name=login]")
    expect(login).to_be_visible()
    login.fill(person)
    page.locator("input[name=password]").fill("et hvilket som helst kodeord")
    page.locator("button[type=submit]").click()


def test_signing_with_mitid_through_the_test_provider(
    page_at, live_server, transactional_db, page_problems, mitid_live_provider, viewport, text
):
    proposal = write_proposal(title=BUS, threshold=5)
    sign_path = reverse("proposals:sign", kwargs={"pk": proposal.pk})

    page = page_at(viewport)
    allow_the_provider(page, page_problems, mitid_live_provider)
    page.goto(url(live_server, text, proposal.get_absolute_url()))
    page.get_by_role("link", name=text["sign_with_mitid"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["sign_heading"])
    assert_accessible(page)

    page.get_by_role("link", name=text["continue_with_mitid"]).click()
    expect(page).to_have_url(re.compile(r"/mitid/\?next="))
    assert_accessible(page)
    prove_who_you_are(page, "voksen")

    expect(page).to_have_url(url(live_server, text, sign_path))
    sign = page.get_by_role("button", name=text["sign"])
    expect(sign).to_be_visible()
    assert_accessible(page)
    sign.click()
    expect(page.get_by_text(text["signature_counts"])).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(proposal.get_absolute_url())))
    expect(main(page)).to_contain_text(text["one_of_five"])
    assert_accessible(page)

    # A 14-year-old in another browser is thanked and told why their signature cannot count.
    young = page_at(viewport)
    allow_the_provider(young, page_problems, mitid_live_provider)
    young.goto(url(live_server, text, sign_path))
    young.get_by_role("link", name=text["continue_with_mitid"]).click()
    prove_who_you_are(young, "ung14")
    expect(young).to_have_url(url(live_server, text, sign_path))
    expect(young.locator(".alert-info")).to_contain_text(text["too_young"])
    expect(young.get_by_role("button", name=text["sign"])).to_have_count(0)
    expect(young.get_by_role("link", name=text["back"])).to_be_visible()
    assert_accessible(young)

    proposal.refresh_from_db()
    assert proposal.signature_count == 1
    assert Signature.objects.filter(proposal=proposal).count() == 1


def test_a_proposal_s_path_from_draft_to_decision(
    page_at, live_server, transactional_db, viewport, text
):
    proposal = write_proposal(title=BUS, status=Status.DECIDED, threshold=3)
    page = page_at(viewport)
    page.goto(url(live_server, text, proposal.get_absolute_url()))
    expect(page.get_by_role("heading", level=1)).to_have_text(BUS)
    path = page.get_by_role("region", name=text["path"])
    steps = path.get_by_role("listitem")
    for number, step in enumerate(text["path_steps"]):
        expect(steps.nth(number)).to_contain_text(step)
    expect(steps.filter(has_text=text["ahead"])).to_have_count(1)
    decision = page.get_by_role("region", name=text["council_decision"])
    expect(decision).to_contain_text(text["adopted"])
    expect(decision).to_contain_text("Byrådet vedtog forslaget.")
    assert_accessible(page)


def test_staff_check_schedule_and_record_the_decision(
    page_at, live_server, transactional_db, viewport, text
):
    staff = make_municipal_staff(display_name="Susanne Sagsbehandler")
    submitted = write_proposal(title=BENCHES, status=Status.SUBMITTED, staff=staff)
    enough = write_proposal(title=BUS, status=Status.THRESHOLD_REACHED, threshold=2, staff=staff)
    page = page_at(viewport)
    log_in(page, live_server, staff)

    page.goto(url(live_server, text, QUEUE))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["queue"])
    assert_accessible(page)

    # The formal check: approved, the proposal starts collecting.
    page.get_by_role("link", name=BENCHES).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["formal_check"])
    assert_accessible(page)
    page.get_by_role("radio", name=text["approve"]).check()
    page.get_by_role("button", name=text["record_outcome"]).click()
    expect(page.get_by_text(text["saved"])).to_be_visible()
    expect(main(page).locator(".badge")).to_have_text(text["collecting"])
    assert_accessible(page)
    submitted.refresh_from_db()
    assert submitted.status == Status.COLLECTING

    # Enough signatures: on the agenda of a meeting.
    page.goto(url(live_server, text, QUEUE))
    page.get_by_role("link", name=BUS).click()
    assert_accessible(page)
    page.get_by_label(text["meeting_date"]).fill("2027-03-24")
    page.get_by_role("button", name=text["save_meeting"]).click()
    expect(page.get_by_text(text["saved"])).to_be_visible()
    path = page.get_by_role("region", name=text["path"])
    expect(path).to_contain_text(text["meeting_on"])
    assert_accessible(page)
    # The date can be changed, and the form shows the one saved (a date input takes ISO only).
    page.get_by_role("link", name=text["schedule"]).click()
    expect(page.get_by_label(text["meeting_date"])).to_have_value("2027-03-24")
    assert_accessible(page)
    page.go_back()

    # The council's decision.
    page.get_by_role("link", name=text["record_decision_link"]).click()
    assert_accessible(page)
    page.get_by_role("radio", name=text["adopted"], exact=True).check()
    page.get_by_label(text["decision_words"]).fill(
        "Byrådet vedtog forslaget med 27 stemmer for og 4 imod."
    )
    page.get_by_role("button", name=text["record_decision"]).click()
    expect(page.get_by_text(text["saved"])).to_be_visible()
    decision = page.get_by_role("region", name=text["council_decision"])
    expect(decision).to_contain_text(text["adopted"])
    expect(decision).to_contain_text("27 stemmer for")
    assert_accessible(page)
    enough.refresh_from_db()
    assert enough.status == Status.DECIDED and enough.decision == Decision.ADOPTED
