"""The catalogue and map pages: both languages, without and with JavaScript (htmx), bad
input, query counts and the map's data."""

import json
import re
from datetime import time, timedelta
from html import unescape

import pytest
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samskab.catalogue.tests.helpers import (
    BRAMMING,
    CATALOGUE,
    CATALOGUE_EN,
    ESBJERG,
    MAP,
    activity_with_session,
    count_queries,
    titles,
)
from tests.factories import TownFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "catalogue-results"}


def test_the_page_is_danish_at_the_root_and_english_under_en(client):
    activity_with_session(title_da="Strikkecafé", title_en="Knitting café")

    danish = client.get(CATALOGUE).content.decode()
    english = client.get(CATALOGUE_EN).content.decode()

    assert '<html lang="da">' in danish
    assert "Find aktiviteter" in danish
    assert "Strikkecafé" in danish
    assert '<html lang="en">' in english
    assert "Find activities" in english
    assert "Knitting café" in english


def test_without_javascript_the_filters_are_a_get_form_on_a_full_page(client):
    activity_with_session(title_da="Strikkecafé")

    html = client.get(CATALOGUE, {"q": "strik"}).content.decode()

    form = re.search(r"<form[^>]*catalogue-filters[^>]*>", html).group(0)
    assert 'method="get"' in form
    assert f'action="{CATALOGUE}"' in form
    assert 'data-hx-get="' in form and 'data-hx-push-url="true"' in form
    assert 'data-hx-target="#catalogue-results"' in form
    assert "<h1>" in html and 'id="catalogue-results"' in html
    # The search stays in the field, so the visitor sees what they asked for.
    assert 'name="q" value="strik"' in html
    assert "Strikkecafé" in html


def test_htmx_gets_only_the_results_with_a_status_for_screen_readers(client):
    activity_with_session(title_da="Strikkecafé")

    response = client.get(CATALOGUE, {"q": "strik"}, headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert "Strikkecafé" in html
    assert 'id="catalogue-status"' in html and 'data-hx-swap-oob="true"' in html
    assert "1 aktivitet passer." in html
    assert "HX-Request" in response["Vary"]


def test_htmx_is_told_the_tidy_address_without_empty_fields(client):
    activity_with_session(title_da="Strikkecafé")

    response = client.get(
        CATALOGUE,
        {"q": "strik", "date_from": "", "near": "", "sort": "soonest", "free": "1"},
        headers=HTMX,
    )

    assert response["HX-Push-Url"] == f"{CATALOGUE}?q=strik&free=1"


def test_a_history_restore_gets_the_whole_page(client):
    activity_with_session(title_da="Strikkecafé")

    response = client.get(CATALOGUE, headers={**HTMX, "HX-History-Restore-Request": "true"})

    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "2025-13-45"},
        {"date_to": "not a date"},
        {"date_from": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "31-12-2199"},
        {"town": "atlantis"},
        {"town": ["ribe", "atlantis"]},
        {"area": "'; DROP TABLE activities_activity; --"},
        {"interest": "<script>alert(1)</script>"},
        {"age": "-1"},
        {"language": "xx"},
        {"access": "flying"},
        {"day": ["0", "8", "-3", "monday"]},
        {"time": "midnight"},
        {"free": "maybe"},
        {"alone": "2"},
        {"sort": "random"},
        {"near": "0000"},
        {"page": "999999999999999999999"},
        {"page": "-5"},
        {"page": "1e3"},
        {"page": "0"},
        {"q": "x" * 5000},
        {"q": "\x00null"},
        {"town": ["ribe"] * 500},
    ],
)
def test_malformed_input_is_ignored_with_a_notice_and_never_an_error(client, query):
    activity_with_session(title_da="Strikkecafé")

    response = client.get(CATALOGUE, query)

    assert response.status_code == 200
    assert "Strikkecafé" in response.content.decode() or query.get("q")


def test_the_notice_names_the_filter_that_was_ignored(client):
    activity_with_session(title_da="Strikkecafé")

    danish = client.get(CATALOGUE, {"town": "atlantis", "free": "1"}).content.decode()
    english = client.get(CATALOGUE_EN, {"date_from": "2025-13-45"}).content.decode()

    assert "Vi så bort fra en ukendt værdi for “By”." in danish
    assert "Strikkecafé" in danish  # the valid filter still applied, the town ignored
    assert "We ignored an unknown value for “From date”." in english


def test_a_page_number_in_other_digits_is_the_first_page_with_a_notice(client):
    activity_with_session(title_da="Strikkecafé")

    response = client.get(CATALOGUE, {"page": "³"})

    assert response.status_code == 200
    assert "Strikkecafé" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page_with_a_notice(client):
    activity_with_session(title_da="Strikkecafé")

    html = client.get(CATALOGUE, {"page": "40"}).content.decode()

    assert "Strikkecafé" in html
    assert "Der er ingen side 40" in html


def test_known_values_are_kept_when_an_unknown_one_is_among_them(client):
    TownFactory(**BRAMMING)
    activity_with_session(title_da="I Ribe")
    activity_with_session(title_da="I Bramming", town=TownFactory(**BRAMMING))

    response = client.get(CATALOGUE, {"town": ["ribe", "atlantis"]})

    assert titles(response) == ["I Ribe"]
    assert "ukendt værdi" in response.content.decode()


def test_the_cards_show_time_places_left_price_town_and_come_alone(client):
    from samskab.booking import services as booking_services

    activity = activity_with_session(
        title_da="Strikkecafé", capacity=5, come_alone_welcome=True, price=20
    )
    booking_services.request_booking(slot=activity.sessions.get().booking_slot, user=UserFactory())

    html = client.get(CATALOGUE).content.decode()

    assert "4 ledige pladser" in html
    assert "20 kr." in html or "DKK 20" in html
    assert "Ribe" in html
    assert "Kom alene" in html


def test_sorting_by_distance_from_a_postcode_or_town(client):
    esbjerg = TownFactory(**ESBJERG)
    bramming = TownFactory(**BRAMMING)
    activity_with_session(title_da="I Ribe", days=1)
    activity_with_session(
        title_da="I Esbjerg", town=esbjerg, latitude=55.467, longitude=8.452, days=2
    )
    activity_with_session(
        title_da="I Bramming", town=bramming, latitude=55.464, longitude=8.70, days=3
    )

    assert titles(client.get(CATALOGUE)) == ["I Ribe", "I Esbjerg", "I Bramming"]
    response = client.get(CATALOGUE, {"near": "6700"})
    assert titles(response) == ["I Esbjerg", "I Bramming", "I Ribe"]
    assert "Nærmest Esbjerg først" in response.content.decode()
    # Ribe is a little closer to Bramming than Esbjerg is.
    assert titles(client.get(CATALOGUE, {"near": "bramming", "sort": "nearest"})) == [
        "I Bramming",
        "I Ribe",
        "I Esbjerg",
    ]
    # Asking for soonest first keeps the place for later but sorts by time.
    assert titles(client.get(CATALOGUE, {"near": "6700", "sort": "soonest"})) == [
        "I Ribe",
        "I Esbjerg",
        "I Bramming",
    ]
    # With a filter on sessions, the distance order holds too.
    response = client.get(CATALOGUE, {"near": "6700", "time": "morning"})
    assert titles(response) == ["I Esbjerg", "I Bramming", "I Ribe"]


def test_sorting_by_distance_without_a_place_explains_itself(client):
    activity_with_session(title_da="Strikkecafé")

    html = client.get(CATALOGUE, {"sort": "nearest"}).content.decode()

    assert "For at sortere efter afstand skal du skrive et postnummer eller en by." in html
    assert "Strikkecafé" in html


def test_pages_of_twenty(client):
    for day in range(1, 26):
        activity_with_session(
            title_da=f"Aktivitet {day:02d}", days=day % 7 + 1, start=time(8 + day % 12)
        )

    first = client.get(CATALOGUE)
    second = client.get(CATALOGUE, {"page": "2"})

    assert len(titles(first)) == 20
    assert len(titles(second)) == 5
    assert not set(titles(first)) & set(titles(second))
    assert "25 aktiviteter" in first.content.decode()
    assert 'aria-current="page"' in second.content.decode()


def _many(count):
    for number in range(count):
        activity_with_session(title_da=f"Aktivitet {number}", capacity=10, days=number % 6 + 1)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=aktivitet",
        "?free=1&town=ribe&q=aktivitet",
        "?time=morning&" + "&".join(f"day={day}" for day in range(1, 8)),
        "?near=6760",
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_number_of_activities(client, settings, query):
    # The result cache would hide the queries; measure what a cache miss costs.
    settings.CATALOGUE_RESULTS_CACHE_SECONDS = 0
    _many(1)
    few = count_queries(client, CATALOGUE + query)
    _many(30)
    many = count_queries(client, CATALOGUE + query)

    assert few == many
    assert many <= 10


def test_a_logged_in_visitor_stays_within_ten_queries(client, settings):
    settings.CATALOGUE_RESULTS_CACHE_SECONDS = 0
    _many(30)
    client.force_login(UserFactory())

    assert count_queries(client, CATALOGUE + "?q=aktivitet&free=1") <= 10


def test_the_results_are_cached_until_something_changes(client):
    activity_with_session(title_da="Strikkecafé")
    client.get(CATALOGUE)

    with CaptureQueriesContext(__import__("django.db").db.connection) as context:
        client.get(CATALOGUE)
    assert len(context.captured_queries) <= 2

    activity_with_session(title_da="Gåtur", days=3)
    assert titles(client.get(CATALOGUE)) == ["Strikkecafé", "Gåtur"]


def test_sign_ups_keep_the_cached_results_and_their_places_left_are_current(client):
    from samskab.booking import services as booking_services

    activity = activity_with_session(title_da="Strikkecafé", capacity=5)
    slot = activity.sessions.get().booking_slot
    htmx = {"HX-Request": "true", "HX-Target": "catalogue-results"}
    assert "5 ledige pladser" in client.get(CATALOGUE).content.decode()
    assert "5 ledige pladser" in client.get(CATALOGUE, headers=htmx).content.decode()

    booking = booking_services.request_booking(slot=slot, user=UserFactory()).booking

    # The kept page and region are still used (the page's queries: its places left)...
    with CaptureQueriesContext(__import__("django.db").db.connection) as context:
        html = client.get(CATALOGUE).content.decode()
    assert len(context.captured_queries) <= 3
    # ...with the places left as they are now, in the whole page and in the region.
    assert "4 ledige pladser" in html and "<!--places-left" not in html
    assert "4 ledige pladser" in client.get(CATALOGUE, headers=htmx).content.decode()
    booking_services.cancel_booking(booking=booking)
    assert "5 ledige pladser" in Client().get(CATALOGUE).content.decode()
    # A cancelled session still forgets the results: its activity has no coming session.
    booking_services.cancel_slot(slot=slot, reason="Sygdom", by=None)
    assert titles(client.get(CATALOGUE)) == []


def test_the_map_shows_the_same_results_as_data_for_the_map_script(client):
    esbjerg = TownFactory(**ESBJERG)
    activity_with_session(title_da="Gratis i Ribe")
    activity_with_session(title_da="Koster i Esbjerg", town=esbjerg, price=30)

    response = client.get(MAP, {"free": "1"})

    html = response.content.decode()
    island = re.search(r'id="catalogue-map-data" hidden data-markers="([^"]*)"', html)
    data = json.loads(unescape(island.group(1)))
    assert [marker["title"] for marker in data] == ["Gratis i Ribe"]
    assert data[0]["url"].startswith("/aktiviteter/")
    assert data[0]["lat"] and data[0]["lng"] and data[0]["when"]
    assert "vendor/leaflet/leaflet.js" in html and "samskab/map.js" in html
    # The list stays the primary view, linked from the map with the same filters.
    assert f'href="{CATALOGUE}?free=1"' in html
    assert "<script>" not in html
    settings_island = re.search(r'<script id="catalogue-map-settings"[^>]*>(.*?)</script>', html)
    assert {town["name"] for town in json.loads(settings_island.group(1))["towns"]} >= {"Ribe"}


def test_the_map_asks_no_other_origin_unless_a_tile_server_is_configured(client, settings):
    activity_with_session(title_da="Strikkecafé")

    plain = client.get(MAP)
    assert "img-src 'self' data:;" in plain["Content-Security-Policy"] + ";"
    assert '"tileUrl": ""' in plain.content.decode()

    settings.MAP_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Eksempel"
    tiled = client.get(MAP)
    assert "https://*.tiles.example.org" in tiled["Content-Security-Policy"]
    assert "tiles.example.org" in tiled.content.decode()
    # Only the map page opens up for the tile server.
    assert "tiles.example.org" not in client.get(CATALOGUE)["Content-Security-Policy"]


def test_the_map_is_limited_and_says_so(client, settings):
    from samskab.catalogue import selectors

    _many(3)
    settings.CATALOGUE_RESULTS_CACHE_SECONDS = 0
    original = selectors.MAP_MARKER_LIMIT
    selectors.MAP_MARKER_LIMIT = 2
    try:
        html = client.get(MAP).content.decode()
    finally:
        selectors.MAP_MARKER_LIMIT = original
    assert "Kortet viser de 2 første af 3 aktiviteter." in html


def test_the_map_answers_htmx_with_its_data_region(client):
    activity_with_session(title_da="Strikkecafé")

    response = client.get(MAP, headers={"HX-Request": "true", "HX-Target": "catalogue-map-results"})

    html = response.content.decode()
    assert "<html" not in html
    assert 'id="catalogue-map-data"' in html
    assert response["HX-Push-Url"] == MAP


def test_map_query_count_does_not_grow(client, settings):
    settings.CATALOGUE_RESULTS_CACHE_SECONDS = 0
    _many(1)
    few = count_queries(client, MAP)
    _many(30)
    assert count_queries(client, MAP) == few <= 10


def test_a_page_cached_for_visitors_is_never_shown_to_someone_logged_in(client):
    activity_with_session(title_da="Strikkecafé")
    client.get(CATALOGUE)
    client.force_login(UserFactory(display_name="Grethe Nielsen"))

    assert "Grethe Nielsen" in client.get(CATALOGUE).content.decode()

    client.logout()
    assert "Grethe Nielsen" not in client.get(CATALOGUE).content.decode()


def test_someone_logged_in_gets_the_filters_and_results_kept_for_the_address(client):
    """The form and the results of an address are the same for everyone: only the page
    around them (the header with the person's name) is built for someone logged in."""
    esbjerg = TownFactory(**ESBJERG)
    activity_with_session(title_da="Gåtur i Esbjerg", town=esbjerg)
    address = CATALOGUE + "?q=g%C3%A5tur&town=esbjerg"
    Client().get(address)
    client.force_login(UserFactory(display_name="Grethe Nielsen"))
    client.get(CATALOGUE)  # the session and the user, read once

    with CaptureQueriesContext(__import__("django.db").db.connection) as context:
        response = client.get(address)
    # The session, the person, and the places left on the cards...
    assert len(context.captured_queries) <= 3
    # ...around the form and results as they were kept.
    rendered = {template.name for template in response.templates}
    assert "catalogue/index.html" in rendered
    assert not rendered & {"catalogue/includes/filter_form.html", "catalogue/includes/results.html"}
    html = response.content.decode()
    assert "Grethe Nielsen" in html
    assert titles(client.get(address)) == ["Gåtur i Esbjerg"]
    start = html.index('<form method="get"')
    form = html[start : html.index("</form>", start)]
    assert 'value="gåtur"' in form and 'value="esbjerg" id="id_town_' in form
    assert re.search(r'value="esbjerg" id="id_town_\d+"[^>]* checked', form)


def test_a_new_town_is_in_the_kept_filters_at_once(client):
    activity_with_session(title_da="Gåtur")
    client.force_login(UserFactory())
    assert "Mandø By" not in client.get(CATALOGUE).content.decode()
    assert "Mandø By" not in client.get(MAP).content.decode()

    TownFactory(**{**BRAMMING, "slug": "mando-by", "name": "Mandø By", "postcode": "6761"})

    assert "Mandø By" in client.get(CATALOGUE).content.decode()
    assert "Mandø By" in client.get(MAP).content.decode()


def test_an_address_kept_by_htmx_gets_its_filters_on_the_whole_page(client):
    activity_with_session(title_da="Strikkecafé")
    client.force_login(UserFactory())
    region = client.get(CATALOGUE + "?q=strik", headers=HTMX).content.decode()
    assert "Strikkecafé" in region and "<form" not in region

    html = client.get(CATALOGUE + "?q=strik").content.decode()

    assert 'value="strik"' in html[html.index('<form method="get"') :]
    assert titles(client.get(CATALOGUE + "?q=strik")) == ["Strikkecafé"]


def test_the_quick_dates_of_a_kept_page_are_the_days_own(client, monkeypatch):
    from django.utils import timezone

    activity_with_session(title_da="Strikkecafé")
    client.force_login(UserFactory())
    today = timezone.localdate()
    assert f"date_from={today.isoformat()}" in client.get(CATALOGUE).content.decode()

    tomorrow = today + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    html = client.get(CATALOGUE).content.decode()
    assert f"date_from={tomorrow.isoformat()}&amp;date_to={tomorrow.isoformat()}" in html
