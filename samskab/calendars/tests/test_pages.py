"""The organisation's calendar page: a coordinator adds a calendar, sees its events as
sessions, the last fetch, what changed and errors in words, fetches now and stops; nobody
else sees or touches it."""

from datetime import date

import pytest
from django.urls import reverse

from samskab.activities.models import ActivitySession
from samskab.calendars import services, views
from samskab.calendars.models import CalendarSubscription
from samskab.calendars.tests.conftest import calendar_text, local
from samskab.core.limits import USER, Limit
from tests.factories import ActivityFactory, OrganisationFactory, coordinator_of

pytestmark = pytest.mark.django_db


def manage_url(organisation):
    return reverse("calendars:manage", kwargs={"slug": organisation.slug})


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def subscription(calendar_server, organisation, choir, run_on_commit):
    calendar_server.serve("/kor.ics", calendar_text("google.ics"))
    with run_on_commit():
        return services.subscribe(
            organisation=organisation, activity=choir, url=calendar_server.url("/kor.ics")
        )


def test_a_coordinator_subscribes_and_the_events_appear_as_sessions(
    coordinator_client, calendar_server, organisation, choir, run_on_commit
):
    calendar_server.serve("/kor.ics", calendar_text("google.ics"))
    page = coordinator_client.get(manage_url(organisation))
    assert page.status_code == 200
    assert "Tilføj en kalender" in page.content.decode()
    with run_on_commit():
        response = coordinator_client.post(
            manage_url(organisation),
            {"url": calendar_server.url("/kor.ics"), "activity": choir.pk, "capacity": "20"},
        )
    assert response.status_code == 302
    assert ActivitySession.objects.filter(activity=choir).count() == 10

    page = coordinator_client.get(manage_url(organisation)).content.decode()
    assert calendar_server.url("/kor.ics") in page
    assert "HTTP 200" in page
    assert "10 gange oprettet, 0 flyttet, 0 aflyst" in page
    assert "Ny gang" in page and "Korprøve (onsdag)" in page

    # The activity's public page shows the imported sessions.
    public = coordinator_client.get(choir.get_absolute_url()).content.decode()
    first = local("google.ics", date(2025, 3, 4), 19)
    assert f"session-{ActivitySession.objects.get(activity=choir, starts_at=first).pk}" in public


def test_webcal_addresses_are_stored_as_https(coordinator_client, organisation, choir):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services.tasks, "enqueue", lambda *args, **kwargs: None)
        response = coordinator_client.post(
            manage_url(organisation),
            {
                "url": "webcal://calendar.google.com/calendar/ical/kor/public/basic.ics",
                "activity": choir.pk,
            },
        )
    assert response.status_code == 302
    assert CalendarSubscription.objects.get().url == (
        "https://calendar.google.com/calendar/ical/kor/public/basic.ics"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "ftp://example.org/kor.ics",
            "Adressen skal begynde med https://, http:// eller webcal://.",
        ),
        ("http://10.0.0.1/kor.ics", "privat eller internt netværk"),
        ("http://[::1]/kor.ics", "privat eller internt netværk"),
    ],
)
def test_addresses_that_cannot_be_fetched_are_refused_with_the_reason(
    coordinator_client, organisation, choir, settings, url, message
):
    settings.CALENDARS_ALLOW_LOOPBACK = False
    response = coordinator_client.post(manage_url(organisation), {"url": url, "activity": choir.pk})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CalendarSubscription.objects.exists()


def test_the_error_of_the_last_fetch_is_shown_in_words(
    coordinator_client, calendar_server, subscription, organisation, run_on_commit
):
    calendar_server.serve("/kor.ics", b"<html><body>Log ind</body></html>")
    with run_on_commit():
        coordinator_client.post(
            reverse(
                "calendars:fetch_now", kwargs={"slug": organisation.slug, "pk": subscription.pk}
            )
        )
    page = coordinator_client.get(manage_url(organisation)).content.decode()
    assert "Adressen fører ikke til en kalender i iCalendar-format (.ics)." in page
    assert "Fejlede" in page

    calendar_server.serve("/kor.ics", b"gone", status=410)
    with run_on_commit():
        coordinator_client.post(
            reverse(
                "calendars:fetch_now", kwargs={"slug": organisation.slug, "pk": subscription.pk}
            )
        )
    page = coordinator_client.get(manage_url(organisation)).content.decode()
    assert "Kalenderserveren siger, at kalenderen ikke findes (HTTP 410)." in page
    english = coordinator_client.get("/en" + manage_url(organisation)).content.decode()
    assert "the calendar does not exist (HTTP 410)" in english


def test_fetch_now_is_limited(coordinator_client, subscription, organisation, monkeypatch):
    monkeypatch.setattr(views, "FETCHES", (Limit("calendars.fetch_now", "1/h", per=USER),))
    monkeypatch.setattr(services.tasks, "enqueue", lambda *args, **kwargs: None)
    url = reverse("calendars:fetch_now", kwargs={"slug": organisation.slug, "pk": subscription.pk})
    assert coordinator_client.post(url).status_code == 302
    assert coordinator_client.post(url).status_code == 429


def test_stopping_keeps_the_imported_sessions(
    coordinator_client, subscription, organisation, choir
):
    url = reverse("calendars:remove", kwargs={"slug": organisation.slug, "pk": subscription.pk})
    assert "Stop import af en kalender" in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert not CalendarSubscription.objects.exists()
    assert ActivitySession.objects.filter(activity=choir).count() == 10


def test_another_organisations_coordinator_can_neither_see_nor_change_it(
    client, subscription, organisation
):
    other = OrganisationFactory(name="Esbjerg Bridgeklub")
    ActivityFactory(organisation=other)
    client.force_login(coordinator_of(other))
    assert client.get(manage_url(organisation)).status_code == 403
    for name in ("calendars:fetch_now", "calendars:remove"):
        # Through the other organisation's address: not theirs to manage.
        url = reverse(name, kwargs={"slug": organisation.slug, "pk": subscription.pk})
        assert client.post(url).status_code == 403
        # Through their own organisation's address: no such subscription there.
        url = reverse(name, kwargs={"slug": other.slug, "pk": subscription.pk})
        assert client.post(url).status_code == 404
    page = client.get(manage_url(other)).content.decode()
    assert subscription.url not in page
    assert CalendarSubscription.objects.filter(pk=subscription.pk).exists()


def test_a_citizen_and_a_visitor_are_refused(client, user, organisation):
    response = client.get(manage_url(organisation))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
    client.force_login(user)
    assert client.get(manage_url(organisation)).status_code == 403


def test_a_coordinator_cannot_import_into_another_organisations_activity(
    coordinator_client, organisation, choir
):
    foreign = ActivityFactory(organisation=OrganisationFactory())
    response = coordinator_client.post(
        manage_url(organisation), {"url": "https://example.org/kor.ics", "activity": foreign.pk}
    )
    assert response.status_code == 400
    assert not CalendarSubscription.objects.exists()


def test_the_calendar_tab_is_in_the_management_navigation(coordinator_client, organisation):
    page = coordinator_client.get(
        reverse("organisations:manage_overview", kwargs={"slug": organisation.slug})
    )
    assert manage_url(organisation) in page.content.decode()


def test_the_page_costs_the_same_queries_for_one_or_many_calendars(
    coordinator_client, organisation, choir, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(services.tasks, "enqueue", lambda *args, **kwargs: None)
    services.subscribe(organisation=organisation, activity=choir, url="https://example.org/1.ics")
    with django_assert_max_num_queries(50) as one:
        coordinator_client.get(manage_url(organisation))
    for number in range(2, 6):
        activity = ActivityFactory(organisation=organisation)
        services.subscribe(
            organisation=organisation, activity=activity, url=f"https://example.org/{number}.ics"
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        coordinator_client.get(manage_url(organisation))
