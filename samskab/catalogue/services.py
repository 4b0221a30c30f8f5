"""Keeping the catalogue's search documents and next sessions (see models.py) in step
with the activities they describe. Every function can be called again at any time: it
recomputes from the source rows, so running it twice changes nothing."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from samskab.activities.models import Activity, ActivitySession
from samskab.activities.selectors import session_filter
from samskab.catalogue import cache
from samskab.catalogue.models import NextSession, SearchDocument

# How many activities one batch reads and writes (bulk loads pass thousands).
BATCH_SIZE = 1000

# Titles weigh more than the rest. Danish text is stemmed as Danish and English text as
# English: "strikker" finds "strikke", "walks" finds "walk".
SEARCH_VECTOR = (
    SearchVector("title_da", config="danish", weight="A")
    + SearchVector("title_en", config="english", weight="A")
    + SearchVector("body_da", config="danish", weight="B")
    + SearchVector("body_en", config="english", weight="B")
)
TEXT_FIELDS = ["title_da", "title_en", "body_da", "body_en", "search_text", "updated_at"]


def _join(*parts) -> str:
    return "\n".join(part for part in parts if part)


def entry_texts(activity: Activity, interests) -> dict[str, str]:
    """The words of one activity (with ``organisation`` and ``town`` loaded)."""
    title_da = activity.title_da or ""
    title_en = activity.title_en or ""
    body_da = _join(
        activity.description_da,
        activity.place_name,
        activity.street,
        activity.town.name,
        activity.organisation.name,
        " ".join(interest.name_da or "" for interest in interests),
    )
    body_en = _join(
        activity.description_en, " ".join(interest.name_en or "" for interest in interests)
    )
    return {
        "title_da": title_da,
        "title_en": title_en,
        "body_da": body_da,
        "body_en": body_en,
        "search_text": _join(title_da, title_en, body_da, body_en).lower(),
    }


def _next_session_values(now: datetime) -> dict:
    following = ActivitySession.objects.filter(
        session_filter(now=now), activity_id=OuterRef("activity_id")
    ).order_by("starts_at", "pk")
    return {
        "session_id": Subquery(following.values("pk")[:1]),
        "starts_at": Subquery(following.values("starts_at")[:1]),
        "ends_at": Subquery(following.values("ends_at")[:1]),
    }


def _write_batch(activity_ids: list[int], now: datetime) -> int:
    activities = (
        Activity.objects.filter(pk__in=activity_ids)
        .select_related("organisation", "town")
        .prefetch_related("interests")
        .order_by()
    )
    documents = [
        SearchDocument(activity_id=activity.pk, **entry_texts(activity, activity.interests.all()))
        for activity in activities
    ]
    if not documents:
        return 0
    SearchDocument.objects.bulk_create(
        documents, update_conflicts=True, unique_fields=["activity"], update_fields=TEXT_FIELDS
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(activity_id__in=activity_ids).update(
            search_vector=SEARCH_VECTOR
        )
    NextSession.objects.bulk_create(
        [NextSession(activity_id=document.activity_id) for document in documents],
        ignore_conflicts=True,
    )
    NextSession.objects.filter(activity_id__in=activity_ids).update(**_next_session_values(now))
    return len(documents)


def refresh_entries(*, activity_ids: Iterable[int], now: datetime | None = None) -> int:
    """Write the whole entry (words and next session) of these activities from their
    current data; deleted activities lose theirs by cascade. Returns how many were written."""
    now = now or timezone.now()
    ids = sorted(set(activity_ids))
    written = 0
    with transaction.atomic():
        for start in range(0, len(ids), BATCH_SIZE):
            written += _write_batch(ids[start : start + BATCH_SIZE], now)
    return written


def refresh_next_sessions(*, activity_ids: Iterable[int], now: datetime | None = None) -> int:
    """Recompute only the next session of these activities' entries (a session was added,
    moved, cancelled or deleted)."""
    ids = sorted(set(activity_ids))
    if not ids:
        return 0
    # One UPDATE statement: atomic by itself.
    return NextSession.objects.filter(activity_id__in=ids).update(
        **_next_session_values(now or timezone.now())
    )


def refresh_ended_next_sessions(*, now: datetime | None = None) -> int:
    """Move entries whose next session has ended on to the session after it (or to none).
    Cheap when nothing has ended: one indexed UPDATE that changes no row."""
    now = now or timezone.now()
    # One UPDATE statement: atomic by itself.
    return NextSession.objects.filter(ends_at__lte=now).update(**_next_session_values(now))


def refresh_ended_next_sessions_if_due(*, now: datetime | None = None) -> int:
    """``refresh_ended_next_sessions`` at most every ``CATALOGUE_REFRESH_SECONDS`` per
    cache, for pages to call before they list activities. Until it runs, an activity whose
    next session has just ended is left out of lists that do not filter on dates (never
    shown with a session that is over)."""
    if cache.claim_entry_refresh():
        return refresh_ended_next_sessions(now=now)
    return 0


def refresh_missing_entries() -> int:
    """Entries for activities that have none (created before the catalogue was installed,
    or written by a bulk tool that bypassed the signals)."""
    missing = Activity.objects.filter(
        Q(search_document__isnull=True) | Q(next_session_entry__isnull=True)
    ).values_list("pk", flat=True)
    return refresh_entries(activity_ids=list(missing))


def refresh_all_entries() -> int:
    return refresh_entries(activity_ids=list(Activity.objects.values_list("pk", flat=True)))
