"""Reading the feeds. A page is one query whatever its size: the items are stored as the
JSON they are served as."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from samskab.openactive.models import FeedItem, Kind


@dataclass(frozen=True)
class PageItem:
    modified: int
    item_id: int
    item_json: str


def feed_page(kind: str, *, after: tuple[int, int] | None, limit: int) -> list[PageItem]:
    """The items of a feed after ``after`` = ``(modified, id)`` in RPDE's order: by
    ``modified``, then ``id`` (the "Modified" ordering strategy)."""
    items = FeedItem.objects.filter(kind=kind)
    if after is not None:
        modified, item_id = after
        # "modified > t OR (modified = t AND id > i)", written as a range the index
        # (kind, modified, item_id) is scanned along from (t, i), stopping after ``limit``
        # rows; PostgreSQL answers the OR with a bitmap of every later item and a sort.
        items = items.filter(modified__gte=modified).exclude(
            modified=modified, item_id__lte=item_id
        )
    return [
        PageItem(*row)
        for row in items.order_by("modified", "item_id").values_list(
            "modified", "item_id", "item_json"
        )[:limit]
    ]


def published_item(kind: str, item_id: int) -> FeedItem | None:
    return FeedItem.objects.filter(kind=kind, item_id=item_id).first()


@dataclass(frozen=True)
class FeedSummary:
    kind: str
    items: int
    last_published: object


def feed_summaries() -> dict[str, FeedSummary]:
    """How many items each feed has in it now, and when it last changed (one query)."""
    rows = (
        FeedItem.objects.values("kind")
        .annotate(
            items=Count("pk", filter=Q(state=FeedItem.State.UPDATED)),
            last=Max("published_at"),
        )
        .values_list("kind", "items", "last")
    )
    found = {kind: FeedSummary(kind, items, last) for kind, items, last in rows}
    return {kind: found.get(kind, FeedSummary(kind, 0, None)) for kind in Kind.values}
