"""The public activity page: what a visitor sees, in Danish and English, the sign-up box
from the booking engine, the schema.org Event data, and a fixed number of queries."""

import json
import re
from datetime import time
from decimal import Decimal

import pytest

from samskab.activities.models import Activity
from samskab.activities.tests.helpers import count_queries, page_of, url
from samskab.booking import services as booking_services
from samskab.organisations.models import Organisation
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    LanguageFactory,
    OrganisationFactory,
    UserFactory,
    coordinator_of,
    one_off,
    weekly,
)

pytestmark = pytest.mark.django_db


def detail_url(activity, language="da"):
    return url("detail", language, pk=activity.pk, slug=activity.slug)


def json_ld_of(response) -> list:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_the_page_shows_everything_about_the_activity_in_danish(client):
    activity = ActivityFactory(
        title_da="Strikkecafé på biblioteket",
        come_alone_welcome=True,
        step_free_access=True,
        hearing_loop=True,
        accessibility_note_da="Elevatoren er ved bagindgangen.",
        age_groups=[AgeGroupFactory()],
        languages=[
            LanguageFactory(),
            LanguageFactory(
                code="uk", name_da="Ukrainsk", name_en="Ukrainian", native_name="українська"
            ),
        ],
    )
    weekly(activity, weeks=2, start=time(10), end=time(12))
    response = client.get(detail_url(activity))
    assert response.status_code == 200
    page = page_of(response)
    assert page.language == "da"
    assert page.h1 == "Strikkecafé på biblioteket"
    html = page.html
    assert "Kom alene — du bliver taget godt imod." in html
    assert "Trinfri adgang" in html and "Teleslynge" in html
    assert "Elevatoren er ved bagindgangen." in html
    assert "Seniorer" in html
    assert '<span lang="uk" dir="auto">українська</span>' in html
    assert "Ribe Bibliotek" in html and "Sct. Nicolaj Gade 14" in html
    assert "Gratis" in html
    assert "Bare mød op, ingen tilmelding" in html
    assert activity.organisation.name in html
    assert activity.organisation.contact_email in html
    assert html.count('class="activities-session"') == 2
    assert "10:00–12:00" in html
    assert page.heading_levels_in_main()[0] == 1


def test_the_page_is_in_english_at_en_with_the_english_text(client):
    activity = ActivityFactory(price=Decimal("25"))
    one_off(activity)
    response = client.get(detail_url(activity, "en"))
    assert response.status_code == 200
    page = page_of(response)
    assert page.language == "en"
    assert page.h1 == activity.title_en
    assert "DKK 25" in page.html
    assert "Just come, no sign-up needed." in page.html


def test_an_english_page_falls_back_to_danish_text_and_marks_its_language(client):
    activity = ActivityFactory(title_en="", description_en="")
    response = client.get(detail_url(activity, "en"))
    page = page_of(response)
    assert page.one("h1").attrs["lang"] == "da"
    assert page.h1 == activity.title_da


def test_a_sign_up_activity_offers_the_booking_engines_sign_up(client):
    activity = ActivityFactory(participation=Activity.Participation.SIGN_UP)
    session = one_off(activity, capacity=3)
    html = client.get(detail_url(activity)).content.decode()
    slot = session.booking_slot
    assert f'action="/tilmelding/{slot.pk}/"' in html
    assert f'id="id_slot{slot.pk}_email"' in html
    assert "3 ledige pladser" in html

    user = UserFactory()
    client.force_login(user)
    html = client.get(detail_url(activity)).content.decode()
    assert 'name="email"' not in html
    assert "Tilmeld" in html
    booking_services.request_booking(slot=slot, user=user)
    html = client.get(detail_url(activity)).content.decode()
    assert "Du har en plads." in html
    assert "Afmeld min plads" in html


def test_a_cancelled_session_says_so(client):
    activity = ActivityFactory(participation=Activity.Participation.SIGN_UP)
    session = one_off(activity, capacity=3)
    booking_services.cancel_slot(slot=session.booking_slot, reason="Sygdom", by=None)
    html = client.get(detail_url(activity)).content.decode()
    assert "Aflyst" in html and "Sygdom" in html
    assert f"/tilmelding/{session.booking_slot.pk}/" not in html


def test_an_old_or_missing_slug_redirects_to_the_address_of_the_page(client):
    activity = ActivityFactory()
    response = client.get(url("detail_short", pk=activity.pk))
    assert response.status_code == 301
    assert response["Location"] == detail_url(activity)
    response = client.get(url("detail", pk=activity.pk, slug="old-title"))
    assert response["Location"] == detail_url(activity)


def test_unpublished_activities_and_pending_organisations_are_hidden_from_the_public(client):
    hidden = ActivityFactory(is_published=False)
    pending = ActivityFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    for activity in (hidden, pending):
        assert client.get(detail_url(activity)).status_code == 404
    coordinator = coordinator_of(hidden.organisation)
    client.force_login(coordinator)
    response = client.get(detail_url(hidden))
    assert response.status_code == 200
    assert "ikke offentliggjort" in response.content.decode()
    assert client.get(detail_url(pending)).status_code == 404


def test_the_json_ld_describes_each_coming_session_as_an_event(client):
    activity = ActivityFactory(
        participation=Activity.Participation.SIGN_UP,
        price=Decimal("0"),
        languages=[LanguageFactory()],
        description_da="Kaffe & kage </script><script>alert(1)</script>",
    )
    weekly(activity, weeks=2, capacity=10)
    response = client.get(detail_url(activity))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    events = json_ld_of(response)
    assert len(events) == 2
    event = events[0]
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == activity.title_da
    assert event["description"].startswith("Kaffe & kage </script>")
    assert event["startDate"].endswith(("+01:00", "+02:00"))
    assert event["startDate"][11:16] == "10:00"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["address"]["addressLocality"] == "Ribe"
    assert event["location"]["geo"]["latitude"] == activity.latitude
    assert event["organizer"]["name"] == activity.organisation.name
    assert event["organizer"]["url"].startswith("http")
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["isAccessibleForFree"] is True
    assert event["offers"]["price"] == "0.00"
    assert event["offers"]["priceCurrency"] == "DKK"
    assert event["offers"]["availability"] == "https://schema.org/InStock"
    assert event["maximumAttendeeCapacity"] == 10
    assert event["inLanguage"] == ["da"]


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_page_needs_the_same_number_of_queries_for_one_or_many_sessions(client, logged_in):
    if logged_in:
        client.force_login(UserFactory())
    small = ActivityFactory(participation=Activity.Participation.SIGN_UP)
    one_off(small, capacity=5)
    large = ActivityFactory(
        participation=Activity.Participation.SIGN_UP, organisation=small.organisation
    )
    weekly(large, weekdays=(1, 2, 3, 4, 5), weeks=3, capacity=5)
    assert large.sessions.count() == 15
    few, _ = count_queries(client, detail_url(small))
    many, response = count_queries(client, detail_url(large))
    assert response.content.decode().count('class="activities-session"') == 8
    assert few == many
    assert many <= 14


def test_the_engine_refuses_sign_ups_to_drop_in_and_unpublished_sessions(client):
    drop_in = ActivityFactory(participation=Activity.Participation.DROP_IN)
    one_off(drop_in)
    slot = drop_in.sessions.get().booking_slot
    response = client.post(f"/tilmelding/{slot.pk}/", {"name": "Ida", "email": "ida@example.org"})
    assert response.status_code == 404
    assert not slot.bookings.exists()

    hidden = ActivityFactory(participation=Activity.Participation.SIGN_UP, is_published=False)
    one_off(hidden, capacity=5)
    assert client.get(f"/tilmelding/{hidden.sessions.get().booking_slot.pk}/").status_code == 404

    open_activity = ActivityFactory(participation=Activity.Participation.SIGN_UP)
    one_off(open_activity, capacity=5)
    assert (
        client.get(f"/tilmelding/{open_activity.sessions.get().booking_slot.pk}/").status_code
        == 200
    )
