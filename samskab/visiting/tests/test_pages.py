from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samskab.core.tests.page import Page
from samskab.visiting import services
from samskab.visiting.models import VisitingProgramme, VisitOffer, VisitRequest
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    ask,
    coordinator_of,
    danish,
    interest,
    town,
    volunteer_offer,
)

pytestmark = pytest.mark.django_db


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# --- public and the citizen ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"), [("da", "Besøgsvenner"), ("en", "Visiting friends")]
)
def test_the_introduction(client, programme, language, heading):
    page = Page(client.get(url("visiting:index", language)))
    assert page.status_code == 200
    assert page.language == language
    assert page.h1 == heading
    assert "Besøgsvenner Esbjerg" in page.html
    assert "Vi finder en besøgsven til dig." in page.html


def test_asking_needs_a_login(client, programme):
    response = client.get(url("visiting:request"))
    assert response.status_code == 302


@pytest.mark.parametrize("language", ["da", "en"])
def test_asking_for_a_relative(client, programme, citizen, language):
    ribe = town("ribe")
    cards = interest("cards", "Kortspil", "Card games")
    client.force_login(citizen)
    page = Page(client.get(url("visiting:request", language)))
    assert page.status_code == 200
    assert page.language == language

    response = client.post(
        url("visiting:request", language),
        {
            "programme": programme.pk,
            "relation": "relative",
            "person_name": "Karen Hansen",
            "contact_phone": "75 11 22 33",
            "contact_email": "",
            "town": ribe.pk,
            "interests": [cards.pk],
            "languages": [danish().pk],
            "preferred_gender": "woman",
            "preferred_days": ["2", "4"],
            "description": "Min mor holder af kortspil.",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    visit_request = VisitRequest.objects.get()
    assert visit_request.requested_by == citizen
    assert visit_request.relation == "relative"
    assert visit_request.person_name == "Karen Hansen"
    assert visit_request.preferred_days == [2, 4]
    assert visit_request.consent_given_at is not None
    assert list(visit_request.interests.all()) == [cards]


def test_consent_and_a_contact_are_required_and_input_is_kept(client, programme, citizen):
    client.force_login(citizen)
    response = client.post(
        url("visiting:request"),
        {
            "programme": programme.pk,
            "relation": "self",
            "person_name": "Inger Hansen",
            "contact_phone": "",
            "contact_email": "",
            "town": town("ribe").pk,
            "description": "Kort og kaffe.",
        },
    )
    page = Page(response)
    assert response.status_code == 400
    assert "Vi skal have samtykke fra den, der gerne vil have besøg" in page.html
    assert "Skriv et telefonnummer eller en e-mailadresse" in page.html
    assert "Kort og kaffe." in page.html
    assert not VisitRequest.objects.exists()


def test_offering_needs_a_volunteer_profile(client, programme, friend):
    client.force_login(friend)
    page = Page(client.get(url("visiting:offer")))
    assert page.status_code == 200
    assert url("volunteering:profile") in page.html
    assert not page.all("form", action=url("visiting:offer"))


def test_offering_to_be_a_visiting_friend(client, programme, friend):
    from samskab.volunteering import services as volunteering_services

    volunteering_services.save_profile(user=friend, fields={}, towns=[town("ribe")])
    client.force_login(friend)
    assert client.get(url("visiting:offer", "en")).status_code == 200
    response = client.post(
        url("visiting:offer"),
        {
            "programme": programme.pk,
            "gender": "man",
            "available_days": ["3"],
            "capacity": "2",
            "note": "Jeg spiller skak.",
        },
    )
    assert response.status_code == 302
    offer = VisitOffer.objects.get()
    assert (offer.gender, offer.available_days, offer.capacity) == ("man", [3], 2)

    mine = Page(client.get(url("visiting:mine")))
    assert "Besøgsvenner Esbjerg" in mine.html
    client.post(url("visiting:pause_offer", pk=offer.pk))
    assert VisitOffer.objects.get().status == "paused"


def test_citizens_see_and_withdraw_only_their_own(client, programme, citizen):
    own = ask(programme, by=citizen, person_name="Inger Hansen")
    other = ask(programme, person_name="Somebody Else")
    client.force_login(citizen)

    page = Page(client.get(url("visiting:mine")))
    assert "Somebody Else" not in page.html
    assert client.post(url("visiting:withdraw_request", pk=other.pk)).status_code == 404
    assert VisitRequest.objects.get(pk=other.pk).status == "waiting"
    client.post(url("visiting:withdraw_request", pk=own.pk))
    assert VisitRequest.objects.get(pk=own.pk).status == "closed"


def test_the_own_page_reads_a_fixed_number_of_queries(client, programme, citizen):
    client.force_login(citizen)
    offer = volunteer_offer(programme, user=citizen)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("visiting:mine")).status_code == 200
        return len(context.captured_queries)

    services.save_offer(programme=programme, profile=offer.profile, capacity=5)
    # One request with a proposal, and one proposal for the citizen's own offer.
    services.propose_match(
        visit_request=ask(programme, by=citizen), offer=volunteer_offer(programme), by=None
    )
    services.propose_match(visit_request=ask(programme), offer=offer, by=None)
    few = count()
    for _ in range(5):
        services.propose_match(
            visit_request=ask(programme, by=citizen), offer=volunteer_offer(programme), by=None
        )
    for _ in range(3):
        services.propose_match(visit_request=ask(programme), offer=offer, by=None)
    assert count() == few


# --- coordinators -------------------------------------------------------------------------------


def test_the_waiting_list_longest_first_with_waiting_time(client, programme, coordinator):
    newer = ask(programme, person_name="Newer Person")
    older = ask(programme, person_name="Older Person")
    VisitRequest.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=40))
    VisitRequest.objects.filter(pk=newer.pk).update(created_at=timezone.now() - timedelta(days=3))
    ask(programme, person_name="Closed Person")
    services.close_request(visit_request=VisitRequest.objects.get(person_name="Closed Person"))
    client.force_login(coordinator)

    page = Page(client.get(url("visiting:manage", slug=programme.organisation.slug)))
    assert page.status_code == 200
    assert page.html.index("Older Person") < page.html.index("Newer Person")
    assert "Har ventet 40 dage" in page.html
    assert "Har ventet 3 dage" in page.html
    assert "Closed Person" not in page.html

    english = Page(client.get(url("visiting:manage", "en", slug=programme.organisation.slug)))
    assert "Waited 40 days" in english.html


def test_the_coordinator_proposes_from_ranked_candidates(client, programme, coordinator):
    visit_request = ask(programme, person_name="Inger Hansen")
    offer = volunteer_offer(
        programme, user=UserFactory(display_name="Mads Besøgsven"), towns=(town("ribe"),)
    )
    client.force_login(coordinator)
    address = url("visiting:manage_request", slug=programme.organisation.slug, pk=visit_request.pk)

    page = Page(client.get(address))
    assert page.status_code == 200
    assert "Mads Besøgsven" in page.html
    assert "kan besøge i Ribe" in page.html
    assert "75 12 34 56" in page.html  # the coordinator sees who asked and how to reach them

    response = client.post(
        url("visiting:manage_propose", slug=programme.organisation.slug, pk=visit_request.pk),
        {"offer": offer.pk},
        follow=True,
    )
    assert "Mads Besøgsven er foreslået" in response.content.decode()
    assert VisitRequest.objects.get().status == "proposed"


def test_only_the_programmes_coordinators(client, programme):
    visit_request = ask(programme)
    outsider_organisation = OrganisationFactory()
    services.save_programme(organisation=outsider_organisation)
    outsider = coordinator_of(outsider_organisation)
    client.force_login(outsider)

    slug = programme.organisation.slug
    assert client.get(url("visiting:manage", slug=slug)).status_code == 403
    assert (
        client.get(url("visiting:manage_request", slug=slug, pk=visit_request.pk)).status_code
        == 403
    )
    # Through their own programme, another programme's request does not exist.
    own = outsider_organisation.slug
    assert (
        client.get(url("visiting:manage_request", slug=own, pk=visit_request.pk)).status_code == 404
    )
    offer = volunteer_offer(programme)
    response = client.post(
        url("visiting:manage_propose", slug=own, pk=visit_request.pk), {"offer": offer.pk}
    )
    assert response.status_code == 404
    assert "Inger Hansen" not in client.get(url("visiting:manage", slug=own)).content.decode()

    client.force_login(visit_request.requested_by)
    assert client.get(url("visiting:manage", slug=slug)).status_code == 403


def test_starting_a_programme(client):
    organisation = OrganisationFactory(name="Ribe Besøgsvenner")
    client.force_login(coordinator_of(organisation))
    page = Page(client.get(url("visiting:manage", slug=organisation.slug)))
    assert "arrangerer ikke besøgsvenner" in page.html

    response = client.post(
        url("visiting:manage_programme", slug=organisation.slug),
        {"intro_da": "Vi besøger ældre i Ribe.", "intro_en": "", "is_active": "on"},
    )
    assert response.status_code == 302
    assert VisitingProgramme.objects.get(organisation=organisation).intro_da == (
        "Vi besøger ældre i Ribe."
    )


def test_the_waiting_list_reads_a_fixed_number_of_queries(client, programme, coordinator):
    client.force_login(coordinator)
    address = url("visiting:manage", slug=programme.organisation.slug)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(address).status_code == 200
        return len(context.captured_queries)

    services.propose_match(visit_request=ask(programme), offer=volunteer_offer(programme), by=None)
    few = count()
    for _ in range(9):
        ask(programme)
        volunteer_offer(programme, towns=(town("ribe"),))
    assert count() == few


def test_the_candidates_read_a_fixed_number_of_queries(client, programme, coordinator):
    visit_request = ask(programme)
    client.force_login(coordinator)
    address = url("visiting:manage_request", slug=programme.organisation.slug, pk=visit_request.pk)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(address).status_code == 200
        return len(context.captured_queries)

    volunteer_offer(programme, towns=(town("ribe"),))
    few = count()
    for _ in range(9):
        volunteer_offer(programme, towns=(town("ribe"), town("bramming")), languages=(danish(),))
    assert count() == few


def test_the_introduction_reads_a_fixed_number_of_queries(client, programme):
    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("visiting:index")).status_code == 200
        return len(context.captured_queries)

    few = count()
    for _ in range(5):
        services.save_programme(organisation=OrganisationFactory(), intro_da="Vi besøger.")
    assert count() == few


def test_requests_are_limited_and_the_form_keeps_what_was_typed(
    client, programme, citizen, monkeypatch
):
    from samskab.core.limits import USER, Limit
    from samskab.visiting import views

    monkeypatch.setattr(views, "REQUESTS", (Limit("visiting.request", "1/h", per=USER),))
    client.force_login(citizen)
    data = {
        "programme": programme.pk,
        "relation": "self",
        "person_name": "Inger Hansen",
        "contact_phone": "75 11 22 33",
        "town": town("ribe").pk,
        "description": "Kort og kaffe.",
        "consent": "on",
    }
    assert client.post(url("visiting:request"), data).status_code == 302

    response = client.post(url("visiting:request"), {**data, "description": "Kort og te."})

    assert response.status_code == 429
    assert "Du har prøvet for mange gange på kort tid." in response.content.decode()
    assert "Kort og te." in response.content.decode()
    assert VisitRequest.objects.count() == 1
