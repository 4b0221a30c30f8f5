"""The public read API: the catalogue's filters, only what the site shows everyone,
conditional GET, cursor pagination, query counts that do not grow with the rows, figures
too small to publish never exposed, problems for what cannot be answered, and throttling."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.activities.models import Activity
from samskab.api.tests.helpers import problem_of
from samskab.organisations.models import Organisation
from samskab.proposals.models import Status
from samskab.results.models import Indicator, Observation
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    InitiativeFactory,
    InterestFactory,
    LanguageFactory,
    OrganisationFactory,
    TownFactory,
    make_need,
    make_shift,
    one_off,
    propose_idea,
    write_proposal,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ribe():
    return TownFactory(slug="ribe", name="Ribe", postcode="6760")


@pytest.fixture
def esbjerg():
    return TownFactory(slug="esbjerg", name="Esbjerg", postcode="6700")


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(row["title"]["da"] for row in response.json()["results"])


def test_this_weeks_free_activities_in_ribe(client, ribe, esbjerg):
    one_off(ActivityFactory(title_da="Gratis i Ribe", town=ribe), days=2)
    one_off(ActivityFactory(title_da="Betalt i Ribe", town=ribe, price=50), days=2)
    one_off(ActivityFactory(title_da="Senere i Ribe", town=ribe), days=20)
    one_off(ActivityFactory(title_da="Gratis i Esbjerg", town=esbjerg), days=2)

    response = client.get("/api/v1/activities/", {"town": "ribe", "free": "1", "when": "week"})
    assert titles(response) == ["Gratis i Ribe"]
    # The same as the catalogue's dates for this week.
    today = timezone.localdate()
    explicit = client.get(
        "/api/v1/activities/",
        {
            "town": "ribe",
            "free": "1",
            "date_from": today.isoformat(),
            "date_to": (today + timedelta(days=6)).isoformat(),
        },
    )
    assert titles(explicit) == ["Gratis i Ribe"]
    assert titles(client.get("/api/v1/activities/", {"town": "ribe"})) == [
        "Betalt i Ribe",
        "Gratis i Ribe",
        "Senere i Ribe",
    ]
    sessions = client.get("/api/v1/sessions/", {"town": "ribe", "free": "1", "when": "week"})
    assert [row["activity"] for row in sessions.json()["results"]] == [
        Activity.objects.get(title_da="Gratis i Ribe").pk
    ]


def test_the_catalogues_other_filters(client, ribe):
    knitting = InterestFactory(slug="strik")
    seniors = AgeGroupFactory(slug="seniors")
    one_off(
        ActivityFactory(
            title_da="Strikkecafé",
            interests=[knitting],
            age_groups=[seniors],
            come_alone_welcome=True,
        )
    )
    one_off(ActivityFactory(title_da="Fodbold"))
    assert titles(client.get("/api/v1/activities/", {"interest": "strik"})) == ["Strikkecafé"]
    assert titles(client.get("/api/v1/activities/", {"age": "seniors"})) == ["Strikkecafé"]
    assert titles(client.get("/api/v1/activities/", {"alone": "1"})) == ["Strikkecafé"]
    assert titles(client.get("/api/v1/activities/", {"q": "strikkecafé"})) == ["Strikkecafé"]


@pytest.mark.parametrize(
    "query",
    [
        {"town": "atlantis"},
        {"free": "maybe"},
        {"date_from": "2025-13-45"},
        {"when": "someday"},
        {"when": "week", "date_from": "2025-01-01"},
        {"near": "Paris"},
        {"activity": "x"},
        # Digits to str.isdigit(), not to int().
        {"activity": "³"},
        {"page_size": "³"},
    ],
)
def test_a_filter_value_the_catalogue_does_not_know_is_a_problem(client, ribe, query):
    response = client.get("/api/v1/sessions/", query)
    assert response.status_code == 400
    assert problem_of(response)["errors"][0]["field"] == next(iter(query))


@pytest.mark.parametrize("address", ["/api/v1/sessions/", "/api/v1/activities/"])
def test_a_query_value_no_text_column_can_hold_is_a_problem_not_left_out(client, address):
    """A page leaves such a value out with a notice (core.middleware); a client is told.
    Schemathesis found ``?date_to=<…NUL…>`` answered with every session."""
    response = client.get(address, {"date_to": "2026-12-\x0001"})
    assert response.status_code == 400
    problem = problem_of(response)
    assert problem["errors"][0]["field"] == "query"
    assert "NUL" in problem["errors"][0]["message"]


def test_an_empty_choice_is_a_problem_not_all_rows(client, ribe):
    response = client.get("/api/v1/volunteer-opportunities/", {"kind": ""})
    assert response.status_code == 400
    assert problem_of(response)["errors"][0]["field"] == "kind"


def test_only_what_everyone_may_see_is_listed(client, ribe):
    one_off(ActivityFactory(title_da="Offentlig"))
    one_off(ActivityFactory(title_da="Kladde", is_published=False))
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    hidden = ActivityFactory(title_da="Afventer", organisation=pending)
    one_off(hidden)
    assert titles(client.get("/api/v1/activities/")) == ["Offentlig"]
    assert client.get(f"/api/v1/activities/{hidden.pk}/").status_code == 404
    listed = [row["slug"] for row in client.get("/api/v1/organisations/").json()["results"]]
    assert pending.slug not in listed
    assert Activity.objects.get(title_da="Offentlig").organisation.slug in listed


def test_an_unchanged_answer_is_not_sent_again(client, ribe):
    one_off(ActivityFactory())
    first = client.get("/api/v1/activities/")
    assert first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    again = client.get("/api/v1/activities/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    one_off(ActivityFactory(title_da="Ny"))
    changed = client.get("/api/v1/activities/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_cursor_pagination_reads_every_row_once(client, ribe):
    for number in range(5):
        one_off(ActivityFactory(title_da=f"Aktivitet {number}"))
    seen, url = [], "/api/v1/activities/?page_size=2"
    while url:
        page = client.get(url).json()
        seen += [row["title"]["da"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == [f"Aktivitet {number}" for number in range(5)]
    assert problem_of(client.get("/api/v1/activities/?cursor=garbage")).get("status") == 404


def _population(count: int, ribe):
    danish = LanguageFactory(code="da")
    for number in range(count):
        organisation = OrganisationFactory()
        activity = ActivityFactory(
            organisation=organisation,
            interests=[InterestFactory()],
            languages=[danish],
            town=ribe,
        )
        one_off(activity, days=2 + number)
        make_shift(starts_in=timedelta(days=2 + number))
        make_need(organisation=organisation, town_slug="ribe")
        propose_idea(title=f"Idé {number}")
        write_proposal(title=f"Forslag {number}")
        InitiativeFactory()


LISTS = [
    "/api/v1/organisations/",
    "/api/v1/activities/",
    "/api/v1/activities/?town=ribe&when=week",
    "/api/v1/sessions/",
    "/api/v1/sessions/?free=1",
    "/api/v1/volunteer-opportunities/",
    "/api/v1/volunteer-shifts/",
    "/api/v1/needs/",
    "/api/v1/ideas/",
    "/api/v1/proposals/",
    "/api/v1/initiatives/",
]


def _queries(client, path) -> int:
    # The first request of a process also reads the (cached) reference lists.
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.content)
    assert response.json()["results"], path
    return len(queries)


def test_the_queries_of_a_list_do_not_grow_with_its_rows(client, ribe):
    _population(2, ribe)
    few = {path: _queries(client, path) for path in LISTS}
    _population(5, ribe)
    many = {path: _queries(client, path) for path in LISTS}
    assert many == few


def test_a_figure_too_small_to_publish_is_never_exposed(client, settings):
    settings.RESULTS_SMALL_COUNT = 5
    indicator = Indicator.objects.create(slug="frivillige", title="Frivillige", unit="personer")
    Observation.objects.create(
        indicator=indicator, period="month", starts_on=date(2025, 1, 1), value=120, base=120
    )
    Observation.objects.create(
        indicator=indicator,
        period="month",
        starts_on=date(2025, 1, 1),
        dimension="town",
        group="ribe",
        value=3,
        base=3,
        suppressed=True,
    )
    response = client.get("/api/v1/indicators/frivillige/observations/")
    rows = {row["group"]: row for row in response.json()["results"]}
    assert rows[""]["value"] == 120 and rows[""]["suppressed"] is False
    assert rows["ribe"] == {**rows["ribe"], "value": None, "base": None, "suppressed": True}
    assert rows["ribe"]["fewer_than"] == 5
    assert b"3.0" not in response.content
    towns = client.get("/api/v1/indicators/frivillige/observations/", {"dimension": "town"})
    assert [row["group"] for row in towns.json()["results"]] == ["ribe"]
    assert client.get("/api/v1/indicators/frivillige/").json()["title"]["da"] == "Frivillige"
    Indicator.objects.filter(pk=indicator.pk).update(is_published=False)
    assert client.get("/api/v1/indicators/frivillige/observations/").status_code == 404


def test_ideas_come_with_answers_and_proposals_with_counts(client):
    propose_idea(title="Bænke ved stien")
    propose_idea(title="Skjult idé", published=False)
    write_proposal(title="Gratis bus", status=Status.COLLECTING)
    write_proposal(title="Kladde", status=Status.DRAFT)
    ideas = client.get("/api/v1/ideas/").json()["results"]
    assert [idea["title"] for idea in ideas] == ["Bænke ved stien"]
    assert ideas[0]["answers"] == []
    proposals = client.get("/api/v1/proposals/").json()["results"]
    assert [(p["title"], p["signature_count"]) for p in proposals] == [("Gratis bus", 0)]


def test_unknown_addresses_and_methods_are_problems(client):
    assert problem_of(client.get("/api/v1/nothing-here/"))["status"] == 404
    assert problem_of(client.get("/api/v2/activities/"))["status"] == 404
    assert problem_of(client.get("/api/v1/activities/999999/"))["status"] == 404
    assert problem_of(client.post("/api/v1/activities/", {}))["status"] == 405


def test_anonymous_clients_are_throttled(client, settings):
    settings.API_ANON_RATE = "2/min"
    statuses = [client.get("/api/v1/organisations/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get("/api/v1/organisations/")
    assert problem_of(response)["status"] == 429
    assert int(response["Retry-After"]) > 0
    # Counted per address.
    assert client.get("/api/v1/organisations/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_documentation_is_served_from_our_own_origin(client):
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<style" not in html and "<script>" not in html
    assert "http://" not in html and "https://" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    init = client.get("/api/v1/docs/?script=")
    assert init["Content-Type"].startswith("application/javascript")
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/sources/activities/{source_id}/" in schema["paths"]
