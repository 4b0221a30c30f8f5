"""Proposing, accepting and declining: the contact details stay hidden until both say yes."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from samskab.core.tests.page import Page
from samskab.visiting import services
from samskab.visiting.errors import AlreadyProposed, OfferNotAvailable
from samskab.visiting.models import VisitMatch, VisitRequest
from tests.factories import ask, town, volunteer_offer

pytestmark = pytest.mark.django_db


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def answer_links():
    """Token of the citizen's and the volunteer's links, from the emails."""
    links = {}
    for message in mail.outbox:
        for line in message.body.splitlines():
            if "/besoegsven/svar/" in line:
                links[message.to[0]] = line.strip().rstrip("/").rsplit("/", 1)[-1]
    return links


@pytest.fixture
def proposal(programme, citizen, friend, coordinator, run_on_commit):
    visit_request = ask(
        programme,
        by=citizen,
        person_name="Inger Hansen",
        contact_phone="75 12 34 56",
        contact_email="inger.privat@example.dk",
    )
    offer = volunteer_offer(
        programme, user=friend, towns=(town("ribe"),), note="Pensioneret lærer."
    )
    with run_on_commit():
        match = services.propose_match(visit_request=visit_request, offer=offer, by=coordinator)
    return match


SECRETS_OF_THE_PERSON = (
    "Inger Hansen",
    "75 12 34 56",
    "inger.privat@example.dk",
    "inger@example.dk",
)
SECRETS_OF_THE_FRIEND = ("Mads Besøgsven", "mads@example.dk", "20 30 40 50")


def shows_none(html, secrets):
    return not [secret for secret in secrets if secret in html]


def test_both_sides_get_a_link_that_tells_nothing_about_the_other(proposal):
    links = answer_links()
    assert set(links) == {"inger@example.dk", "mads@example.dk"}
    for message in mail.outbox:
        assert shows_none(message.body, SECRETS_OF_THE_FRIEND[1:])
        assert "75 12 34 56" not in message.body
    assert VisitRequest.objects.get().status == "proposed"


def test_contact_details_are_shared_only_when_both_have_accepted(
    client, proposal, citizen, friend, run_on_commit
):
    links = answer_links()
    citizen_link = url("visiting:answer", token=links["inger@example.dk"])
    friend_link = url("visiting:answer", token=links["mads@example.dk"])

    # Before anyone answers: each sees a description of the other, never who they are.
    citizen_page = Page(client.get(citizen_link))
    assert citizen_page.status_code == 200
    assert "Pensioneret lærer." in citizen_page.html
    assert shows_none(citizen_page.html, SECRETS_OF_THE_FRIEND)
    friend_page = Page(client.get(friend_link))
    assert "Jeg kan lide at spille kort" in friend_page.html
    assert shows_none(friend_page.html, SECRETS_OF_THE_PERSON)

    # The citizen says yes (without logging in): still nothing shared.
    with run_on_commit():
        client.post(citizen_link, {"answer": "accept"})
    assert shows_none(client.get(citizen_link).content.decode(), SECRETS_OF_THE_FRIEND)
    assert shows_none(client.get(friend_link).content.decode(), SECRETS_OF_THE_PERSON)
    client.force_login(citizen)
    assert shows_none(client.get(url("visiting:mine")).content.decode(), SECRETS_OF_THE_FRIEND)
    client.force_login(friend)
    mine = client.get(url("visiting:mine")).content.decode()
    assert shows_none(mine, SECRETS_OF_THE_PERSON)
    assert "Ja, det vil jeg gerne" in mine

    # The volunteer says yes on their own page: now both see each other.
    with run_on_commit():
        response = client.post(url("visiting:match_answer", pk=proposal.pk), {"answer": "accept"})
    assert response.status_code == 302
    mine = client.get(url("visiting:mine")).content.decode()
    for secret in ("Inger Hansen", "75 12 34 56", "inger.privat@example.dk"):
        assert secret in mine
    client.force_login(citizen)
    mine = client.get(url("visiting:mine")).content.decode()
    for secret in SECRETS_OF_THE_FRIEND:
        assert secret in mine
    for secret in SECRETS_OF_THE_FRIEND:
        assert secret in client.get(citizen_link).content.decode()

    match = VisitMatch.objects.get()
    assert match.status == "accepted"
    assert VisitRequest.objects.get().status == "matched"
    matched = [m for m in mail.outbox if "I har begge sagt ja" in m.body]
    assert {m.to[0] for m in matched} == {"inger@example.dk", "mads@example.dk"}


def test_a_decline_puts_the_request_back_on_the_waiting_list(
    client, proposal, coordinator, run_on_commit
):
    waiting_since = proposal.request.created_at
    links = answer_links()
    mail.outbox.clear()
    with run_on_commit():
        client.post(url("visiting:answer", token=links["mads@example.dk"]), {"answer": "decline"})

    visit_request = VisitRequest.objects.get()
    assert visit_request.status == "waiting"
    assert visit_request.created_at == waiting_since
    match = VisitMatch.objects.get()
    assert (match.status, match.declined_by) == ("declined", "volunteer")
    told = {message.to[0] for message in mail.outbox}
    assert told == {coordinator.email, "inger@example.dk"}
    # The link no longer answers anything.
    page = client.get(url("visiting:answer", token=links["inger@example.dk"])).content.decode()
    assert "Forslaget er ikke længere aktuelt." in page
    assert shows_none(page, SECRETS_OF_THE_FRIEND)


def test_one_proposal_at_a_time_and_never_the_same_declined_pair(programme, proposal):
    other = volunteer_offer(programme)
    with pytest.raises(AlreadyProposed):
        services.propose_match(visit_request=proposal.request, offer=other, by=None)
    services.decline_match(match=proposal, side="citizen")
    with pytest.raises(OfferNotAvailable):
        services.propose_match(visit_request=proposal.request, offer=proposal.offer, by=None)
    services.propose_match(visit_request=proposal.request, offer=other, by=None)


def test_the_coordinator_withdraws_a_proposal(proposal):
    services.withdraw_match(match=proposal)
    assert VisitRequest.objects.get().status == "waiting"
    assert VisitMatch.objects.get().status == "withdrawn"


def test_an_unknown_link(client):
    page = Page(client.get(url("visiting:answer", token="not-a-real-token")))
    assert page.status_code == 404
    assert page.h1 == "Linket virker ikke"


def test_nobody_else_answers_a_proposal(client, proposal):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.post(url("visiting:match_answer", pk=proposal.pk), {"answer": "accept"})
    assert response.status_code == 404
    assert VisitMatch.objects.get().citizen_accepted_at is None
