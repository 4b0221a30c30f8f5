"""The OpenActive feeds as a data user reads them: what is in them, their order and paging,
deleted items, cache headers, and a page in a fixed number of queries."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.activities import services
from samskab.activities.models import Activity
from samskab.booking import services as booking_services
from samskab.openactive import publishing
from samskab.openactive.models import Change, FeedClock, FeedItem, Kind
from samskab.openactive.tests.helpers import GROUP_EXERCISE, get_page, latest, publish, walk
from tests.factories import ActivityFactory, AgeGroupFactory, UserFactory, one_off, weekly

SERIES, SESSION = Kind.SESSION_SERIES, Kind.SCHEDULED_SESSION
pytestmark = pytest.mark.django_db


def test_a_physical_activity_and_its_dates_are_published(client, gym):
    gym.age_groups.set([AgeGroupFactory(slug="seniors")])
    schedule = weekly(gym, weekdays=(2,), weeks=2, capacity=12)
    single = one_off(gym, days=20, capacity=8)
    publish()

    series = latest(walk(client, SERIES)[0])
    assert list(series) == [gym.pk]
    item = series[gym.pk]
    assert item["state"] == "updated" and item["kind"] == "SessionSeries"
    data = item["data"]
    assert data["@type"] == "SessionSeries"
    assert data["name"] == "Seniorgymnastik"
    assert data["url"] == f"https://samskab.example{gym.get_absolute_url()}"
    assert data["activity"] == [
        {
            "@type": "Concept",
            "@id": GROUP_EXERCISE,
            "prefLabel": "Group Exercise",
            "inScheme": "https://openactive.io/activity-list",
        }
    ]
    assert data["organizer"]["name"] == gym.organisation.name
    assert data["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": gym.latitude,
        "longitude": gym.longitude,
    }
    assert data["location"]["address"]["streetAddress"] == "Sct. Nicolaj Gade 14"
    assert data["offers"][0]["price"] == 40.0 and data["offers"][0]["priceCurrency"] == "DKK"
    assert data["ageRange"] == {"@type": "QuantitativeValue", "minValue": 65}
    assert [c["prefLabel"] for c in data["accessibilitySupport"]] == [
        "Physical impairment",
        "Hearing impairment",
    ]
    assert data["eventSchedule"][0]["byDay"] == ["https://schema.org/Tuesday"]
    assert data["eventSchedule"][0]["scheduleTimezone"] == "Europe/Copenhagen"
    # The single date is listed; the series' dates are in the ScheduledSession feed.
    assert [event["@id"].rsplit("/", 1)[1] for event in data["subEvent"]] == [str(single.pk)]

    sessions = latest(walk(client, SESSION)[0])
    expected = {s.pk for s in schedule.sessions.all()} | {single.pk}
    assert set(sessions) == expected
    session_data = sessions[single.pk]["data"]
    assert session_data["superEvent"] == data["@id"]
    assert session_data["startDate"] == timezone.localtime(single.starts_at).isoformat()
    assert session_data["duration"] == "PT2H"
    assert session_data["eventStatus"] == "https://schema.org/EventScheduled"
    assert session_data["maximumAttendeeCapacity"] == 8
    assert session_data["remainingAttendeeCapacity"] == 8


def test_activities_that_are_not_physical_activities_stay_out(client, db):
    knitting = ActivityFactory()  # no interest with an OpenActive activity
    one_off(knitting)
    publish()
    assert walk(client, SERIES)[0] == []
    assert walk(client, SESSION)[0] == []


def test_items_come_in_order_of_modified_then_id_and_each_change_moves_an_item_last(client, gym):
    first, second = one_off(gym, days=3), one_off(gym, days=4)
    publish()
    before = walk(client, SESSION)[0]
    assert [i["modified"] for i in before] == sorted(i["modified"] for i in before)

    services.change_session_capacity(session=first, capacity=5)
    publish()
    after = walk(client, SESSION)[0]
    assert [i["id"] for i in after] == [second.pk, first.pk]
    assert after[-1]["modified"] > max(i["modified"] for i in before)
    assert after[-1]["data"]["maximumAttendeeCapacity"] == 5


def test_paging_continues_exactly_after_ties_in_modified(client, settings, db):
    """Items sharing a ``modified`` value are ordered by id, and ``afterId`` continues
    inside the tie (the query is ``modified > t OR (modified = t AND id > i)``)."""
    settings.OPENACTIVE_PAGE_SIZE = 2
    now = timezone.now()
    for item_id, modified in ((5, 10), (3, 10), (9, 10), (1, 11), (2, 9)):
        FeedItem.objects.create(
            kind=SESSION,
            item_id=item_id,
            state="deleted",
            modified=modified,
            item_json=json.dumps(
                {"state": "deleted", "kind": SESSION, "id": item_id, "modified": modified}
            ),
            published_at=now,
        )
    _, page = get_page(client, SESSION)
    assert [i["id"] for i in page["items"]] == [2, 3]
    assert page["next"].endswith("?afterTimestamp=10&afterId=3")
    items, _ = walk(client, SESSION)
    assert [(i["modified"], i["id"]) for i in items] == [(9, 2), (10, 3), (10, 5), (10, 9), (11, 1)]
    _, page = get_page(client, SESSION, afterTimestamp=10, afterId=5)
    assert [i["id"] for i in page["items"]] == [9, 1]


def test_pages_have_next_licence_and_cache_headers(client, settings, gym):
    settings.OPENACTIVE_PAGE_SIZE = 2
    for days in (2, 3, 4):
        one_off(gym, days=days)
    publish()
    response, page = get_page(client, SESSION)
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert page["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert len(page["items"]) == 2
    last = page["items"][-1]
    assert page["next"] == (
        f"http://testserver/openactive/feeds/scheduled-sessions"
        f"?afterTimestamp={last['modified']}&afterId={last['id']}"
    )

    items, last_url = walk(client, SESSION)
    assert len(items) == 3
    response = client.get(last_url)
    assert response["Cache-Control"] == "public, max-age=8"
    page = json.loads(response.content)
    assert page == {"next": last_url, "items": [], "license": page["license"]}


def test_a_feed_asked_for_half_a_position_or_words_answers_400(client, db):
    url = reverse("openactive:session_series_feed")
    assert client.get(url, {"afterTimestamp": 5}).status_code == 400
    assert client.get(url, {"afterTimestamp": "x", "afterId": 1}).status_code == 400


def test_a_page_is_one_query_whatever_its_size(client, gym, django_assert_num_queries):
    for days in range(2, 12):
        one_off(gym, days=days)
    publish()
    url = reverse("openactive:scheduled_sessions_feed")
    with django_assert_num_queries(1):
        client.get(url, {"afterTimestamp": 0, "afterId": 0})
    with django_assert_num_queries(1):
        client.get(url)


def test_publishing_a_batch_takes_the_same_queries_for_few_and_many(exercise):
    FeedClock.objects.get_or_create(pk=1)  # a transactional test before may have emptied it

    def queries_to_publish(sessions_count):
        activity = ActivityFactory(interests=[exercise])
        sessions = [one_off(activity, days=2 + n) for n in range(sessions_count)]
        Change.objects.all().delete()
        Change.objects.bulk_create(
            [Change(kind=SESSION, item_id=s.pk) for s in sessions]
            + [Change(kind=SERIES, item_id=activity.pk)]
        )
        with CaptureQueriesContext(connection) as queries:
            publishing.publish_batch()
        published = FeedItem.objects.filter(kind=SESSION, item_id__in=[s.pk for s in sessions])
        assert published.count() == len(sessions)
        return len(queries)

    assert queries_to_publish(2) == queries_to_publish(15)


def test_a_booking_changes_the_places_left(client, gym):
    session = one_off(gym, capacity=3)
    publish()
    before = latest(walk(client, SESSION)[0])[session.pk]
    booking_services.request_booking(slot=session.booking_slot, user=UserFactory())
    publish()
    after = latest(walk(client, SESSION)[0])[session.pk]
    assert after["data"]["remainingAttendeeCapacity"] == 2
    assert after["modified"] > before["modified"]


def test_a_cancelled_session_stays_as_cancelled_until_it_has_passed(client, gym, staff):
    session = one_off(gym, capacity=3)
    publish()
    services.cancel_session(session=session, reason="Syg instruktør", by=staff)
    publish()
    item = latest(walk(client, SESSION)[0])[session.pk]
    assert item["state"] == "updated"
    assert item["data"]["eventStatus"] == "https://schema.org/EventCancelled"
    assert item["data"]["remainingAttendeeCapacity"] == 0

    after_the_end = session.ends_at + timedelta(minutes=1)
    publishing.expire(now=after_the_end)
    publishing.publish(now=after_the_end)
    item = latest(walk(client, SESSION)[0])[session.pk]
    assert item == {
        "state": "deleted",
        "kind": SESSION,
        "id": session.pk,
        "modified": item["modified"],
    }


def test_past_sessions_and_finished_series_become_deleted_and_are_purged_after_seven_days(
    client, gym
):
    session = one_off(gym, days=1)
    publish()
    ended = session.ends_at + timedelta(seconds=1)
    assert publishing.expire(now=ended) == 2  # the session, and the series with nothing left
    publishing.publish(now=ended)
    assert {i["state"] for i in walk(client, SESSION)[0] + walk(client, SERIES)[0]} == {"deleted"}

    assert publishing.purge(now=ended + timedelta(days=6, hours=23)) == 0
    assert FeedItem.objects.count() == 2
    assert publishing.purge(now=ended + timedelta(days=7, minutes=1)) == 2
    assert walk(client, SESSION)[0] == [] and walk(client, SERIES)[0] == []


def test_a_series_drops_a_single_date_from_its_list_once_it_has_ended(client, gym):
    soon, later = one_off(gym, days=1), one_off(gym, days=9)
    publish()
    series = latest(walk(client, SERIES)[0])[gym.pk]
    assert len(series["data"]["subEvent"]) == 2
    ended = soon.ends_at + timedelta(seconds=1)
    publishing.expire(now=ended)
    publishing.publish(now=ended)
    series = latest(walk(client, SERIES)[0])[gym.pk]
    assert series["state"] == "updated"
    assert [e["@id"].rsplit("/", 1)[1] for e in series["data"]["subEvent"]] == [str(later.pk)]


def test_unpublishing_deletes_the_series_and_its_sessions_and_publishing_brings_them_back(
    client, gym
):
    session = one_off(gym)
    publish()
    gym.is_published = False
    gym.save()
    publish()
    assert {i["state"] for i in walk(client, SERIES)[0] + walk(client, SESSION)[0]} == {"deleted"}
    gym.is_published = True
    gym.save()
    publish()
    items = latest(walk(client, SERIES)[0] + walk(client, SESSION)[0])
    assert {items[gym.pk]["state"], items[session.pk]["state"]} == {"updated"}


def test_deleting_an_activity_leaves_deleted_items(client, gym, run_on_commit, coordinator):
    session = one_off(gym)
    publish()
    with run_on_commit():
        services.delete_activity(activity=gym, by=coordinator)
    publish()
    assert not Activity.objects.filter(pk=gym.pk).exists()
    series = latest(walk(client, SERIES)[0])
    sessions = latest(walk(client, SESSION)[0])
    assert series[gym.pk]["state"] == "deleted" and "data" not in series[gym.pk]
    assert sessions[session.pk]["state"] == "deleted"


def test_removing_the_interest_takes_the_activity_out(client, gym):
    one_off(gym)
    publish()
    gym.interests.clear()
    publish()
    assert {i["state"] for i in walk(client, SERIES)[0] + walk(client, SESSION)[0]} == {"deleted"}


def test_items_never_published_leave_no_deleted_item(client, gym):
    session = one_off(gym)
    session.delete()
    publish()
    assert walk(client, SESSION)[0] == []


def test_rendering_an_item_again_to_the_same_data_publishes_nothing(client, gym):
    one_off(gym)
    publish()
    before = walk(client, SERIES)[0] + walk(client, SESSION)[0]
    gym.save()  # nothing changed
    assert Change.objects.exists()
    assert publish() == 0
    assert walk(client, SERIES)[0] + walk(client, SESSION)[0] == before


def test_every_item_has_its_own_modified(gym):
    for days in range(2, 8):
        one_off(gym, days=days)
    publish()
    modified = list(FeedItem.objects.values_list("modified", flat=True))
    assert len(modified) == len(set(modified)) == 7


@pytest.mark.django_db(transaction=True)
def test_changes_are_published_when_the_transaction_commits(client, gym):
    one_off(gym)
    assert not Change.objects.exists()
    assert len(walk(client, SESSION)[0]) == 1


def test_the_item_address_answers_with_its_data(client, gym):
    session = one_off(gym)
    publish()
    item = latest(walk(client, SESSION)[0])[session.pk]
    response = client.get(reverse("openactive:session_item", kwargs={"pk": session.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert json.loads(response.content) == item["data"]
    assert client.get(reverse("openactive:series_item", kwargs={"pk": 999999})).status_code == 404


def test_rebuild_notes_everything_written_without_signals(client, gym):
    one_off(gym)
    Change.objects.all().delete()
    assert publishing.note_everything() >= 2
    publish()
    assert len(walk(client, SERIES)[0]) == 1
