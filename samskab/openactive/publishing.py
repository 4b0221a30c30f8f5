"""Publishing noted changes into the feeds, retiring what time has changed, and purging old
deleted items.

Why readers never miss an item. RPDE readers remember the last ``(modified, id)`` they
saw and ask for what comes after it. If two transactions took ``modified`` numbers 7 and
8 and the one with 8 committed first, a reader could see 8, move past 7 and never see it.
Here, changes are only *noted* in the writers' transactions (``Change`` rows, inserts
only); ``modified`` numbers are given by the publisher, which holds the lock of the one
``FeedClock`` row from before it takes its first number until it commits. Publishers run
one at a time, so they commit in the order of their numbers, and every number a reader can
see belongs to a committed transaction whose predecessors have all committed.

The publisher renders each noted item from the database as committed at that moment
(``rendering.render``). A writer that commits in the meantime has noted its items too, so
they are rendered once more by the next run; rendering to the same data publishes nothing.
An item that was never published and is now gone is not published as deleted: nobody
can have seen it.

``publish_after_commit`` runs after each transaction that noted something (one batch, so a
change of thousands of items does not hold up the request that made it); the periodic task
``openactive.publish`` publishes whatever is left, and first notes the items whose time has
come (``expire``: sessions that ended, series whose last session ended). ``purge`` removes
deleted items older than ``OPENACTIVE_TOMBSTONE_DAYS``.
"""

import hashlib
import json
import logging

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samskab.openactive import conf, rendering
from samskab.openactive.models import Change, FeedClock, FeedItem, Kind

logger = logging.getLogger(__name__)

STATE = FeedItem.State


def _lock_clock() -> FeedClock:
    clock = FeedClock.objects.select_for_update().filter(pk=1).first()
    if clock is None:
        FeedClock.objects.get_or_create(pk=1)
        clock = FeedClock.objects.select_for_update().get(pk=1)
    return clock


def _serialise(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def _item_json(kind: str, item_id: int, state: str, modified: int, data: dict | None) -> str:
    item = {"state": state, "kind": kind, "id": item_id, "modified": modified}
    if data is not None:
        item["data"] = data
    return _serialise(item)


def publish_batch(*, now=None) -> tuple[int, bool]:
    """Render the oldest noted changes (one batch) and publish those that differ. Returns
    how many items got a new ``modified`` and whether more changes are waiting."""
    batch = conf.publish_batch()
    with transaction.atomic():
        clock = _lock_clock()
        changes = list(Change.objects.order_by("pk").values_list("pk", "kind", "item_id")[:batch])
        if not changes:
            return 0, False
        now = now or timezone.now()
        keys = sorted({(kind, item_id) for _pk, kind, item_id in changes})
        rendered = rendering.render(keys, now)
        existing = {
            (item.kind, item.item_id): item
            for item in FeedItem.objects.filter(
                Q(
                    kind=Kind.SESSION_SERIES,
                    item_id__in=[i for k, i in keys if k == Kind.SESSION_SERIES],
                )
                | Q(
                    kind=Kind.SCHEDULED_SESSION,
                    item_id__in=[i for k, i in keys if k == Kind.SCHEDULED_SESSION],
                )
            )
        }
        created, updated, published = [], [], 0
        for kind, item_id in keys:
            result = rendered.get((kind, item_id), rendering.DELETED)
            item = existing.get((kind, item_id))
            state = STATE.DELETED if result.data is None else STATE.UPDATED
            digest = (
                hashlib.sha256(_serialise(result.data).encode()).hexdigest()
                if result.data is not None
                else ""
            )
            if item is None and state == STATE.DELETED:
                continue
            if item is not None and item.state == state and item.digest == digest:
                if item.expires_at != result.expires_at:
                    item.expires_at = result.expires_at
                    updated.append(item)
                continue
            clock.value += 1
            if item is None:
                item = FeedItem(kind=kind, item_id=item_id)
                created.append(item)
            else:
                updated.append(item)
            item.state = state
            item.modified = clock.value
            item.digest = digest
            item.item_json = _item_json(kind, item_id, state, clock.value, result.data)
            item.published_at = now
            item.expires_at = result.expires_at if state == STATE.UPDATED else None
            published += 1
        FeedItem.objects.bulk_create(created)
        FeedItem.objects.bulk_update(
            updated,
            ["state", "modified", "digest", "item_json", "published_at", "expires_at"],
            batch_size=500,
        )
        Change.objects.filter(pk__in=[pk for pk, _kind, _item in changes]).delete()
        clock.save(update_fields=["value"])
    return published, len(changes) == batch


def publish(*, max_batches: int | None = None, now=None) -> int:
    """Publish noted changes until none are left (or ``max_batches`` batches)."""
    published, batches, more = 0, 0, True
    while more and (max_batches is None or batches < max_batches):
        count, more = publish_batch(now=now)
        published += count
        batches += 1
    return published


def publish_after_commit() -> None:
    """Called when a transaction that noted changes commits (``changes.note``)."""
    try:
        publish(max_batches=1)
    except Exception:
        # The change itself is committed; the periodic task publishes it a minute later.
        logger.exception("Publishing to the OpenActive feeds failed; the periodic task retries")


def expire(*, now=None) -> int:
    """Note the items that time has changed: sessions that ended, series whose last session
    ended (both leave their feed)."""
    now = now or timezone.now()
    due = list(
        FeedItem.objects.filter(state=STATE.UPDATED, expires_at__lte=now).values_list(
            "kind", "item_id"
        )
    )
    if due:
        Change.objects.bulk_create([Change(kind=kind, item_id=item_id) for kind, item_id in due])
    return len(due)


def purge(*, now=None) -> int:
    """Remove deleted items published longer ago than the retention period. Under the
    clock's lock, so a publisher that is bringing an item back cannot race with it."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_clock()
        removed, _ = FeedItem.objects.filter(
            state=STATE.DELETED, published_at__lt=now - conf.tombstone_retention()
        ).delete()
    return removed


def note_everything() -> int:
    """Note every activity and every session that has not ended, e.g. after data was
    written in bulk without signals (``manage.py openactive_rebuild``)."""
    from samskab.activities.models import Activity, ActivitySession

    now = timezone.now()
    count = 0
    for kind, ids in (
        (Kind.SESSION_SERIES, Activity.objects.values_list("pk", flat=True)),
        (
            Kind.SCHEDULED_SESSION,
            ActivitySession.objects.filter(ends_at__gt=now).values_list("pk", flat=True),
        ),
        # Published items whose rows went without a signal.
        (
            Kind.SESSION_SERIES,
            FeedItem.objects.filter(kind=Kind.SESSION_SERIES, state=STATE.UPDATED).values_list(
                "item_id", flat=True
            ),
        ),
        (
            Kind.SCHEDULED_SESSION,
            FeedItem.objects.filter(kind=Kind.SCHEDULED_SESSION, state=STATE.UPDATED).values_list(
                "item_id", flat=True
            ),
        ),
    ):
        batch = []
        for item_id in ids.iterator(chunk_size=5000):
            batch.append(Change(kind=kind, item_id=item_id))
            if len(batch) == 5000:
                Change.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        Change.objects.bulk_create(batch)
        count += len(batch)
    return count


# --- periodic tasks -----------------------------------------------------------------------


def publish_due() -> int:
    """Every minute: note what time has changed, then publish everything noted."""
    expire()
    return publish()


def purge_deleted() -> int:
    return purge()
