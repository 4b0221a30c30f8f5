"""Under real concurrency (PostgreSQL), a reader that follows a feed while writers change
its items in overlapping transactions, committing out of order, never misses the last
version of any item, and no two versions share a ``modified`` number."""

import random
import threading
import time

import pytest
from django.db import connection, transaction

from samskab.activities import services
from samskab.openactive.models import FeedItem, Kind
from samskab.openactive.tests.helpers import publish
from tests.concurrency import run_at_once
from tests.factories import one_off

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_a_reader_sees_the_last_version_of_every_item_whatever_the_commit_order(client, gym):
    sessions = [one_off(gym, days=2 + n, capacity=50) for n in range(8)]
    publish()
    seen = {}
    position = {"url": "http://testserver/openactive/feeds/scheduled-sessions"}
    writing = threading.Event()
    writing.set()

    def read_once():
        while True:
            page = client.get(position["url"]).json()
            for item in page["items"]:
                seen[item["id"]] = item["modified"]
            if not page["items"]:
                return
            position["url"] = page["next"]

    def reader():
        try:
            while writing.is_set():
                read_once()
        finally:
            connection.close()

    def writer(seed):
        rng = random.Random(seed)
        for _ in range(6):
            session = rng.choice(sessions)
            # The change is noted at once, but the transaction stays open a while, so
            # transactions that started later commit first.
            with transaction.atomic():
                services.change_session_capacity(session=session, capacity=rng.randint(10, 60))
                time.sleep(rng.uniform(0, 0.05))
        return True

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert run_at_once(writer, [1, 2, 3, 4]) == [True] * 4
    finally:
        writing.clear()
        thread.join(timeout=60)
    publish()  # anything a failed after-commit publish left for the periodic task
    read_once()

    published = dict(
        FeedItem.objects.filter(kind=Kind.SCHEDULED_SESSION).values_list("item_id", "modified")
    )
    assert seen == published
    modified = list(FeedItem.objects.values_list("modified", flat=True))
    assert len(modified) == len(set(modified))


def test_publishers_running_at_once_give_out_each_number_once(gym):
    for days in range(2, 12):
        one_off(gym, days=days)
    from samskab.openactive import publishing
    from samskab.openactive.models import Change

    # Note everything twice over, then let four publishers race for it.
    publishing.note_everything()
    Change.objects.bulk_create(
        [Change(kind=Kind.SCHEDULED_SESSION, item_id=s.pk) for s in gym.sessions.all()]
    )
    run_at_once(lambda _: publishing.publish(), [1, 2, 3, 4])
    assert not Change.objects.exists()
    modified = list(FeedItem.objects.values_list("modified", flat=True))
    assert len(modified) == len(set(modified)) == 11
