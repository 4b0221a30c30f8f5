"""The pages: the public need page (no contact details), the alert's one-click link (GET
shows, POST accepts), "needs near you", and the organisation's needs, in both languages."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samskab.booking.models import Booking
from samskab.needs.models import Need, NeedAlert
from samskab.organisations.models import Organisation
from tests.factories import (
    FocusAreaFactory,
    OrganisationFactory,
    coordinator_of,
    make_municipal_staff,
    make_need,
    make_volunteer,
    next_weekday_at,
    town,
)

pytestmark = pytest.mark.django_db


def url(name, *args, language="da", **kwargs):
    with translation.override(language):
        return reverse(f"needs:{name}", args=args, kwargs=kwargs)


def page(response):
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def alert_for(need, volunteer):
    return NeedAlert.objects.create(
        need=need,
        volunteer=volunteer,
        status="sent",
        sent_at=timezone.now(),
        send_after=timezone.now(),
    )


# --- the need page ------------------------------------------------------------------------------


def test_the_need_page_is_public_in_danish_and_english_without_contact_details(client):
    need = make_need()
    response = client.get(need.get_absolute_url())
    assert response.status_code == 200
    text = page(response)
    assert '<h1 lang="da">2 til at bære stole på Ribe Bibliotek</h1>' in text
    assert "Ribe Bibliotek, Sct. Nicolaj Gade 14, 6760 Ribe" in text
    assert "2 af 2 pladser ledige" in text
    assert "75 11 22 33" not in text
    assert need.contact_person.email not in text
    assert "Log ind for at sige ja" in text

    with translation.override("en"):
        english_url = need.get_absolute_url()
    assert english_url.startswith("/en/behov/")
    text = page(client.get(english_url))
    assert "2 people to carry chairs in Ribe library" in text
    assert "Log in to say yes" in text
    assert "75 11 22 33" not in text


def test_the_short_address_redirects_to_the_page_with_its_name(client):
    need = make_need()
    response = client.get(url("detail_short", need.pk))
    assert response.status_code == 301
    assert response["Location"] == need.get_absolute_url()


def test_a_need_of_an_organisation_awaiting_approval_is_not_public(client):
    need = make_need()
    Organisation.objects.filter(pk=need.organisation_id).update(status=Organisation.Status.PENDING)
    assert client.get(need.get_absolute_url()).status_code == 404
    client.force_login(need.posted_by)
    assert client.get(need.get_absolute_url()).status_code == 200


def test_a_citizens_errand_shows_only_the_town_to_the_public(client):
    need = make_need(by=make_municipal_staff(), on_behalf_of_citizen=True, street="Storegade 3")
    text = page(client.get(need.get_absolute_url()))
    assert "Storegade 3" not in text
    assert "på vegne af en borger" in text


def test_a_logged_in_volunteer_accepts_from_the_page_and_then_sees_the_contact(client):
    need = make_need()
    volunteer = make_volunteer()
    client.force_login(volunteer)
    assert "Ja, jeg kan hjælpe" in page(client.get(need.get_absolute_url()))

    response = client.post(url("accept", need.pk))
    assert response.status_code == 302
    assert any("pladsen er din" in message for message in messages_of(response))
    assert Booking.objects.get(user=volunteer).status == Booking.Status.CONFIRMED
    text = page(client.get(need.get_absolute_url()))
    assert "75 11 22 33" in text
    assert need.contact_person.email in text
    assert "/tilmelding/afmeld/" in text


def test_accepting_needs_a_login_and_a_post(client):
    need = make_need()
    response = client.post(url("accept", need.pk))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
    client.force_login(make_volunteer())
    assert client.get(url("accept", need.pk)).status_code == 405


def test_the_page_of_a_filled_need_says_so(client):
    need = make_need(people=1)
    from samskab.needs import services

    services.accept_need(need=need, user=make_volunteer(email="first@example.dk"))
    client.force_login(make_volunteer(email="second@example.dk"))
    text = page(client.get(need.get_absolute_url()))
    assert "alle pladser er besat" in text
    assert "Ja, jeg kan hjælpe" not in text
    response = client.post(url("accept", need.pk))
    assert any("alle pladser er besat" in message for message in messages_of(response))


# --- the alert's one-click link -----------------------------------------------------------------


def test_the_link_shows_one_button_and_changes_nothing_on_get(client):
    need = make_need()
    volunteer = make_volunteer(display_name="Vera Frivillig")
    alert = alert_for(need, volunteer)

    response = client.get(url("respond", need.pk, alert.token))
    assert response.status_code == 200
    text = page(response)
    assert "Sig ja som Vera Frivillig" in text
    assert text.count('type="submit"') == 1
    assert not Booking.objects.exists()
    assert "75 11 22 33" not in text


def test_one_click_accepts_without_logging_in_and_shows_the_contact(client, run_on_commit):
    need = make_need()
    volunteer = make_volunteer()
    alert = alert_for(need, volunteer)

    with run_on_commit():
        response = client.post(url("respond", need.pk, alert.token))

    assert response.status_code == 200
    text = page(response)
    assert "pladsen er din" in text
    assert "75 11 22 33" in text
    assert Booking.objects.get().user == volunteer
    assert [message.to for message in mail.outbox] == [[volunteer.email]]

    # Twice is harmless.
    text = page(client.post(url("respond", need.pk, alert.token)))
    assert "Du har allerede en plads" in text
    assert Booking.objects.count() == 1


def test_the_link_in_english(client):
    need = make_need()
    alert = alert_for(need, make_volunteer(preferred_language="en"))
    text = page(client.get(url("respond", need.pk, alert.token, language="en")))
    assert "Yes, I can help" in text
    assert "2 people to carry chairs in Ribe library" in text


def test_a_late_acceptor_is_told_it_is_filled(client):
    need = make_need(people=1)
    first, late = make_volunteer(email="first@example.dk"), make_volunteer(email="late@example.dk")
    client.post(url("respond", need.pk, alert_for(need, first).token))
    late_alert = alert_for(need, late)

    assert "alle pladser er besat" in page(client.get(url("respond", need.pk, late_alert.token)))
    response = client.post(url("respond", need.pk, late_alert.token))
    assert response.status_code == 200
    assert "alle pladser er besat" in page(response)
    assert not Booking.objects.filter(user=late).exists()


def test_a_link_for_another_need_or_a_made_up_token_is_refused(client):
    need, other = make_need(), make_need(title_da="Et andet behov")
    alert = alert_for(need, make_volunteer())
    for response in (
        client.get(url("respond", other.pk, alert.token)),
        client.post(url("respond", other.pk, alert.token)),
        client.get(url("respond", need.pk, "made-up")),
    ):
        assert response.status_code == 404
        assert "Linket virker ikke" in page(response)
    assert not Booking.objects.exists()


def test_someone_else_logged_in_is_told_who_the_link_is_for(client):
    need = make_need()
    alert = alert_for(need, make_volunteer(display_name="Vera Frivillig"))
    client.force_login(make_volunteer(email="other@example.dk"))
    text = page(client.get(url("respond", need.pk, alert.token)))
    assert "Linket blev sendt til Vera Frivillig" in text


def test_the_link_of_a_need_that_has_started_says_it_is_closed(client):
    need = make_need()
    alert = alert_for(need, make_volunteer())
    Need.objects.filter(pk=need.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    text = page(client.post(url("respond", need.pk, alert.token)))
    assert "lukket" in text
    assert not Booking.objects.exists()


# --- needs near you ----------------------------------------------------------------------------


def test_needs_near_you_lists_open_needs_and_filters_by_town(client):
    ribe = make_need(title_da="Behov i Ribe")
    make_need(title_da="Behov i Esbjerg", town_slug="esbjerg")
    filled = make_need(title_da="Fyldt behov", people=1)
    from samskab.needs import services

    services.accept_need(need=filled, user=make_volunteer(email="x@example.dk"))

    text = page(client.get(url("near_you")))
    assert "Behov i Ribe" in text and "Behov i Esbjerg" in text
    assert "Fyldt behov" not in text

    text = page(client.get(url("near_you") + "?town=ribe"))
    assert "Behov i Ribe" in text
    assert "Behov i Esbjerg" not in text
    assert ribe.get_absolute_url() in text

    text = page(client.get(url("near_you", language="en") + "?town=ribe"))
    assert "Needs near you" in text


def test_needs_near_you_uses_the_towns_in_the_volunteers_profile(client):
    make_need(title_da="Behov i Ribe")
    make_need(title_da="Behov i Esbjerg", town_slug="esbjerg")
    client.force_login(make_volunteer(towns=("esbjerg",)))
    text = page(client.get(url("near_you")))
    assert "Behov i Esbjerg" in text
    assert "Behov i Ribe" not in text


def test_an_unknown_town_shows_every_need_and_says_so(client):
    make_need(title_da="Behov i Ribe")
    response = client.get(url("near_you") + "?town=atlantis")
    assert response.status_code == 200
    assert "Behov i Ribe" in page(response)


def _count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_needs_near_you_does_not_query_per_need(client):
    organisation = OrganisationFactory()
    coordinator = coordinator_of(organisation)
    make_need(organisation=organisation, by=coordinator)
    one = _count_queries(client, url("near_you"))
    for _ in range(9):
        make_need(organisation=organisation, by=coordinator)
    assert _count_queries(client, url("near_you")) == one


# --- the organisation's pages ---------------------------------------------------------------


def test_only_the_organisations_coordinators_and_staff_see_its_needs(
    client, organisation, coordinator
):
    make_need(organisation=organisation, by=coordinator)
    list_url = url("manage_list", organisation.slug)

    assert client.get(list_url).status_code == 302
    client.force_login(make_volunteer())
    assert client.get(list_url).status_code == 403
    other = OrganisationFactory()
    client.force_login(coordinator_of(other))
    assert client.get(list_url).status_code == 403
    client.force_login(coordinator)
    response = client.get(list_url)
    assert response.status_code == 200
    assert "2 til at bære stole på Ribe Bibliotek" in page(response)
    client.force_login(make_municipal_staff())
    assert client.get(list_url).status_code == 200


def test_the_organisations_needs_tab_is_in_its_navigation(client, organisation, coordinator):
    client.force_login(coordinator)
    text = page(client.get(url("manage_list", organisation.slug)))
    assert f'href="{url("manage_list", organisation.slug)}"' in text


def test_the_needs_list_does_not_query_per_need(client, organisation, coordinator):
    make_need(organisation=organisation, by=coordinator)
    client.force_login(coordinator)
    one = _count_queries(client, url("manage_list", organisation.slug))
    for _ in range(9):
        make_need(organisation=organisation, by=coordinator)
    assert _count_queries(client, url("manage_list", organisation.slug)) == one


def _form_data(**overrides):
    day = next_weekday_at(6, 10).date()
    data = {
        "title_da": "2 til at bære stole",
        "description_da": "Vi stiller stole op.",
        "date": day.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "people_needed": "2",
        "town": town("ribe").pk,
        "place_name": "Ribe Bibliotek",
        "focus_areas": [FocusAreaFactory().pk],
    }
    data.update(overrides)
    return data


def _posted(coordinator, **overrides):
    return _form_data(contact_person=coordinator.pk, **overrides)


def test_a_coordinator_posts_a_need_from_the_phone_friendly_form(
    client, organisation, coordinator, run_on_commit
):
    volunteer = make_volunteer()
    client.force_login(coordinator)
    form_page = page(client.get(url("create", organisation.slug)))
    assert 'type="date"' in form_page and 'type="time"' in form_page
    assert "on_behalf_of_citizen" not in form_page

    with run_on_commit():
        response = client.post(url("create", organisation.slug), _posted(coordinator))

    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("manage_detail", organisation.slug, need.pk)
    assert need.booking_slot.capacity == 2
    assert need.booking_slot.waitlist_enabled is False
    assert need.contact_person == coordinator
    assert [message.to for message in mail.outbox] == [[volunteer.email]]
    detail = page(client.get(response["Location"]))
    assert "1 frivillig fik besked på e-mail" in detail


def test_bad_input_is_explained_and_kept(client, organisation, coordinator):
    client.force_login(coordinator)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        url("create", organisation.slug),
        _posted(coordinator, date=yesterday, people_needed="0", town="", title_da="Stole i salen"),
    )
    assert response.status_code == 200
    text = page(response)
    assert "Behovet skal ligge i fremtiden." in text
    assert "Vælg byen, eller sæt kryds ved, at det kan gøres hjemmefra." in text
    assert 'value="Stole i salen"' in text
    assert not Need.objects.exists()


def test_someone_outside_the_organisation_cannot_post(client, organisation):
    client.force_login(make_volunteer())
    assert client.get(url("create", organisation.slug)).status_code == 403
    assert client.post(url("create", organisation.slug), _form_data()).status_code == 403
    assert not Need.objects.exists()


def test_municipal_staff_post_on_behalf_of_a_citizen(client, organisation):
    staff = make_municipal_staff()
    client.force_login(staff)
    assert "on_behalf_of_citizen" in page(client.get(url("create", organisation.slug)))
    response = client.post(
        url("create", organisation.slug), _posted(staff, on_behalf_of_citizen="on")
    )
    assert response.status_code == 302
    assert Need.objects.get().on_behalf_of_citizen is True


def test_a_coordinator_cannot_post_on_behalf_of_a_citizen(client, organisation, coordinator):
    client.force_login(coordinator)
    client.post(url("create", organisation.slug), _posted(coordinator, on_behalf_of_citizen="on"))
    assert Need.objects.get().on_behalf_of_citizen is False


def test_an_organisation_awaiting_approval_cannot_post_yet(client):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    coordinator = coordinator_of(organisation)
    client.force_login(coordinator)
    response = client.post(url("create", organisation.slug), _posted(coordinator))
    assert response.status_code == 200
    assert "afventer godkendelse" in page(response)
    assert not Need.objects.exists()


def test_the_organisation_sees_who_is_coming_with_their_email(client, organisation, coordinator):
    need = make_need(organisation=organisation, by=coordinator)
    volunteer = make_volunteer(display_name="Vera Frivillig")
    from samskab.needs import services

    services.accept_need(need=need, user=volunteer)
    client.force_login(coordinator)
    text = page(client.get(url("manage_detail", organisation.slug, need.pk)))
    assert "Vera Frivillig" in text
    assert volunteer.email in text
    other = make_need()
    assert client.get(url("manage_detail", organisation.slug, other.pk)).status_code == 404


def test_the_organisation_closes_and_cancels_a_need(
    client, organisation, coordinator, run_on_commit
):
    need = make_need(organisation=organisation, by=coordinator)
    client.force_login(coordinator)
    response = client.post(url("close", organisation.slug, need.pk))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED

    other = make_need(organisation=organisation, by=coordinator)
    response = client.post(url("cancel", organisation.slug, other.pk), {"reason": ""})
    assert response.status_code == 200
    assert "Skriv kort hvorfor" in page(response)
    with run_on_commit():
        response = client.post(url("cancel", organisation.slug, other.pk), {"reason": "Regnvejr."})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Need.Status.CANCELLED


def test_strangers_cannot_close_or_cancel(client, organisation, coordinator):
    need = make_need(organisation=organisation, by=coordinator)
    client.force_login(make_volunteer())
    assert client.post(url("close", organisation.slug, need.pk)).status_code == 403
    assert (
        client.post(url("cancel", organisation.slug, need.pk), {"reason": "x"}).status_code == 403
    )
    need.refresh_from_db()
    assert need.status == Need.Status.OPEN


def test_a_need_done_from_home_needs_no_town(client, organisation, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url("create", organisation.slug),
        _posted(coordinator, town="", from_home="on", place_name=""),
    )
    assert response.status_code == 302
    need = Need.objects.get()
    assert need.from_home is True
    assert need.town is None


def test_posting_needs_is_limited_and_the_form_keeps_what_was_typed(
    client, organisation, coordinator, monkeypatch
):
    from samskab.core.limits import USER, Limit
    from samskab.needs import views

    monkeypatch.setattr(views, "POSTINGS", (Limit("needs.post", "1/h", per=USER),))
    client.force_login(coordinator)
    assert client.post(url("create", organisation.slug), _posted(coordinator)).status_code == 302

    response = client.post(
        url("create", organisation.slug), _posted(coordinator, title_da="Stole i salen")
    )

    assert response.status_code == 429
    text = page(response)
    assert "Du har prøvet for mange gange på kort tid." in text
    assert 'value="Stole i salen"' in text
    assert Need.objects.count() == 1
