"""An organisation's system writes its activities and sessions with its API client: by its
own source ids, idempotently, only its own organisation's, through the site's services (so
people signed up are told), every change logged; bad input is a problem, never a 500."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samskab.activities.models import Activity
from samskab.api.models import ApiChange
from samskab.api.scopes import ACTIVITIES_READ
from samskab.api.tests.helpers import Api, activity_body, api_client_of, problem_of, token_for
from samskab.booking import services as booking_services
from tests.factories import FocusAreaFactory, OrganisationFactory, TownFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTIVITY = "/api/v1/sources/activities/{}/"
SESSION = "/api/v1/sources/activities/{}/sessions/{}/"


@pytest.fixture(autouse=True)
def _reference_rows():
    TownFactory(slug="ribe", name="Ribe", postcode="6760")
    FocusAreaFactory(slug="faellesskab")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Ribe Vandreklub")


@pytest.fixture
def api(client, organisation):
    return Api(client, token_for(client, api_client_of(organisation)))


def session_body(days=3, hour=10, **overrides):
    start = timezone.localtime() + timedelta(days=days)
    start = start.replace(hour=hour, minute=0, second=0, microsecond=0)
    body = {
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "capacity": 10,
    }
    body.update(overrides)
    return body


def test_a_system_publishes_an_activity_that_appears_in_the_catalogue(api, client):
    created = api.put(ACTIVITY.format("tur-42"), activity_body())
    assert created.status_code == 201, created.content
    assert created.json()["source_id"] == "tur-42"
    assert created.json()["title"] == {"da": "Gåtur ved åen", "en": "Walk by the river"}
    session = api.put(SESSION.format("tur-42", "2025-10-07"), session_body())
    assert session.status_code == 201, session.content
    assert session.json()["places_left"] == 10

    page = client.get("/aktiviteter/", {"town": "ribe"})
    assert "Gåtur ved åen" in page.content.decode()
    listed = client.get("/api/v1/activities/", {"town": "ribe"}).json()["results"]
    assert [row["title"]["da"] for row in listed] == ["Gåtur ved åen"]
    assert listed[0]["next_session"]["places_left"] == 10


def test_sending_the_same_activity_again_changes_nothing(api, organisation):
    assert api.put(ACTIVITY.format("a1"), activity_body()).status_code == 201
    again = api.put(ACTIVITY.format("a1"), activity_body())
    assert again.status_code == 200
    assert Activity.objects.filter(organisation=organisation).count() == 1
    assert list(ApiChange.objects.values_list("action", flat=True)) == ["created"]

    changed = api.put(ACTIVITY.format("a1"), activity_body(price="25.00"))
    assert changed.status_code == 200
    assert changed.json()["is_free"] is False
    latest = ApiChange.objects.first()
    assert (latest.action, latest.fields, latest.client.name) == (
        "updated",
        ["price"],
        "Klubsystem",
    )
    assert Activity.objects.filter(organisation=organisation).count() == 1


def test_the_same_session_sent_twice_is_one_session(api):
    api.put(ACTIVITY.format("a1"), activity_body())
    body = session_body()
    assert api.put(SESSION.format("a1", "s1"), body).status_code == 201
    assert api.put(SESSION.format("a1", "s1"), body).status_code == 200
    assert Activity.objects.get().sessions.count() == 1
    assert ApiChange.objects.filter(kind="session").count() == 1


def test_a_client_cannot_touch_another_organisations_activities(client, api, organisation):
    other = OrganisationFactory(name="Anden forening")
    theirs = Api(client, token_for(client, api_client_of(other, name="Deres system")))
    assert theirs.put(ACTIVITY.format("x"), activity_body(title={"da": "Deres"})).status_code == 201
    assert theirs.put(SESSION.format("x", "s"), session_body()).status_code == 201
    their_activity = Activity.objects.get(organisation=other)

    # Their source id is not ours: not found, whatever we do with it.
    for response in (
        api.get(ACTIVITY.format("x")),
        api.delete(ACTIVITY.format("x")),
        api.get(SESSION.format("x", "s")),
        api.put(SESSION.format("x", "s"), session_body(cancelled=True)),
        api.delete(SESSION.format("x", "s")),
    ):
        assert response.status_code == 404
        problem_of(response)
    # Writing the same source id makes our own activity and leaves theirs alone.
    assert api.put(ACTIVITY.format("x"), activity_body()).status_code == 201
    their_activity.refresh_from_db()
    assert their_activity.title_da == "Deres"
    assert not their_activity.sessions.get().is_cancelled
    assert Activity.objects.filter(organisation=organisation).count() == 1
    assert [
        row["source_id"] for row in api.get("/api/v1/sources/activities/").json()["results"]
    ] == ["x"]


def test_without_a_valid_token_nothing_is_written(client, organisation):
    for headers in (
        {},
        {"HTTP_AUTHORIZATION": "Bearer not-a-token"},
        {"HTTP_AUTHORIZATION": "Bearer nul\x00"},
    ):
        response = client.put(
            ACTIVITY.format("a1"), activity_body(), content_type="application/json", **headers
        )
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        problem_of(response)
    assert not Activity.objects.exists()


def test_a_read_only_client_cannot_write(client, organisation):
    reader = Api(client, token_for(client, api_client_of(organisation, scopes=[ACTIVITIES_READ])))
    response = reader.put(ACTIVITY.format("a1"), activity_body())
    assert response.status_code == 403
    assert "activities:write" in problem_of(response)["detail"]
    assert reader.get("/api/v1/sources/activities/").status_code == 200


def test_a_token_asking_for_a_scope_the_client_lacks_is_refused(client, organisation):
    import base64

    new = api_client_of(organisation, scopes=[ACTIVITIES_READ])
    credentials = base64.b64encode(f"{new.client.client_id}:{new.client_secret}".encode())
    response = client.post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials", "scope": "activities:write"},
        HTTP_AUTHORIZATION="Basic " + credentials.decode(),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**activity_body(), "title": {"en": "No Danish"}}, "title.da"),
        ({**activity_body(), "title": "not an object"}, "title"),
        ({**activity_body(), "title": {"da": "x" * 151}}, "title.da"),
        ({**activity_body(), "town": "atlantis"}, "town"),
        ({**activity_body(), "focus_areas": []}, "focus_areas"),
        ({**activity_body(), "focus_areas": ["unknown"]}, "focus_areas"),
        ({**activity_body(), "price": -5}, "price"),
        ({**activity_body(), "price": "gratis"}, "price"),
        ({**activity_body(), "latitude": 55.3}, "latitude"),
        ({**activity_body(), "participation": "maybe"}, "participation"),
        ({**activity_body(), "accessibility": ["teleporter"]}, "accessibility.0"),
        ({**activity_body(), "postcode": "67"}, "postcode"),
        ({**activity_body(), "place_name": None}, "place_name"),
        ([1, 2, 3], ""),
        # No text column can store NUL (PostgreSQL refuses it): refused wherever it is.
        ({**activity_body(), "focus_areas": ["faellesskab\x00"]}, "focus_areas.0"),
        ({**activity_body(), "title": {"da": "Gåtur\x00"}}, "title.da"),
        ({**activity_body(), "\x00": 1}, "\x00"),
    ],
)
def test_bad_activity_input_is_a_problem_naming_the_field(api, body, field):
    response = api.put(ACTIVITY.format("a1"), body)
    assert response.status_code == 400
    assert field in [error["field"] for error in problem_of(response)["errors"]]
    assert not Activity.objects.exists()


def test_input_that_is_not_json_is_a_problem(api):
    response = api.client.put(
        ACTIVITY.format("a1"), "{not json", content_type="application/json", **api.headers
    )
    assert response.status_code == 400
    problem_of(response)
    response = api.client.put(
        ACTIVITY.format("a1"), "title=x", content_type="text/plain", **api.headers
    )
    assert response.status_code == 415
    problem_of(response)


def test_an_initiative_outside_the_focus_areas_is_refused_as_the_form_refuses_it(api):
    from tests.factories import InitiativeFactory

    initiative = InitiativeFactory()
    response = api.put(ACTIVITY.format("a1"), activity_body(initiative=initiative.slug))
    assert response.status_code == 400
    assert problem_of(response)["errors"][0]["field"] == "initiative"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_at": "yesterday"}, "starts_at"),
        ({"capacity": 0}, "capacity"),
        ({"ends_at": None}, "ends_at"),
        (session_body(days=-2), "starts_at"),
        ({"ends_at": (timezone.now() + timedelta(days=9)).isoformat()}, "ends_at"),
        ({"cancelled": True}, "cancelled"),
    ],
)
def test_bad_session_input_is_a_problem_naming_the_field(api, change, field):
    api.put(ACTIVITY.format("a1"), activity_body())
    response = api.put(SESSION.format("a1", "s1"), {**session_body(), **change})
    assert response.status_code == 400, response.content
    assert field in [error["field"] for error in problem_of(response)["errors"]]


def test_moving_a_session_tells_the_people_signed_up(api, run_on_commit):
    api.put(ACTIVITY.format("a1"), activity_body())
    session_id = api.put(SESSION.format("a1", "s1"), session_body()).json()["id"]
    person = UserFactory(email="deltager@example.dk")
    slot = Activity.objects.get().sessions.get(pk=session_id).booking_slot
    booking_services.request_booking(slot=slot, user=person)
    mail.outbox.clear()

    with run_on_commit():
        moved = api.put(SESSION.format("a1", "s1"), session_body(hour=14))
    assert moved.status_code == 200
    assert [message.to for message in mail.outbox] == [["deltager@example.dk"]]
    assert ApiChange.objects.first().action == "moved"


def test_cancelling_a_session_tells_the_people_signed_up(api, run_on_commit):
    api.put(ACTIVITY.format("a1"), activity_body())
    session_id = api.put(SESSION.format("a1", "s1"), session_body()).json()["id"]
    person = UserFactory(email="deltager@example.dk")
    slot = Activity.objects.get().sessions.get(pk=session_id).booking_slot
    booking_services.request_booking(slot=slot, user=person)
    mail.outbox.clear()

    with run_on_commit():
        response = api.put(
            SESSION.format("a1", "s1"),
            session_body(cancelled=True, cancellation_reason="Stormvarsel"),
        )
    assert response.status_code == 200
    assert response.json()["cancelled"] is True
    assert [message.to for message in mail.outbox] == [["deltager@example.dk"]]
    assert "Stormvarsel" in mail.outbox[0].body
    # A cancelled session stays cancelled.
    revived = api.put(SESSION.format("a1", "s1"), session_body())
    assert revived.status_code == 409
    problem_of(revived)
    assert api.delete(SESSION.format("a1", "s1")).status_code == 204


def test_deleting_an_activity_tells_the_people_signed_up(api, run_on_commit):
    api.put(ACTIVITY.format("a1"), activity_body())
    session_id = api.put(SESSION.format("a1", "s1"), session_body()).json()["id"]
    person = UserFactory(email="deltager@example.dk")
    slot = Activity.objects.get().sessions.get(pk=session_id).booking_slot
    booking_services.request_booking(slot=slot, user=person)
    mail.outbox.clear()

    with run_on_commit():
        response = api.delete(ACTIVITY.format("a1"), {"reason": "Klubben lukker"})
    assert response.status_code == 204
    assert not Activity.objects.exists()
    assert [message.to for message in mail.outbox] == [["deltager@example.dk"]]
    assert api.get(ACTIVITY.format("a1")).status_code == 404
    assert ApiChange.objects.first().action == "deleted"


def test_switching_sign_up_off_with_people_signed_up_is_refused_as_on_the_site(api):
    api.put(ACTIVITY.format("a1"), activity_body())
    session_id = api.put(SESSION.format("a1", "s1"), session_body()).json()["id"]
    slot = Activity.objects.get().sessions.get(pk=session_id).booking_slot
    booking_services.request_booking(slot=slot, user=UserFactory())

    response = api.put(ACTIVITY.format("a1"), activity_body(participation="drop_in"))
    assert response.status_code == 400
    assert problem_of(response)["errors"][0]["field"] == "participation"


def test_a_client_is_rate_limited(api, settings):
    settings.API_CLIENT_RATE = "3/min"
    statuses = [api.get("/api/v1/sources/activities/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/sources/activities/")
    assert int(response["Retry-After"]) > 0
    problem_of(response)
