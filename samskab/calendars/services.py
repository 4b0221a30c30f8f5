"""Subscribing to a calendar, fetching it and bringing the activity's sessions in line.

Sessions are created, moved and cancelled only through ``samskab.activities.services``,
so the booking engine keeps every sign-up and tells the people concerned. A fetch
(``fetch_subscription``) compares the occurrences in the window (``conf.window_past()``
back, ``conf.window_ahead()`` ahead) with the occurrences imported before, by UID and
recurrence id:

- a known occurrence at the same times is left alone; at other times its session is moved
  (sign-ups kept, everyone told the new time);
- a new occurrence gets a session;
- a known occurrence no longer in the calendar (deleted, excepted with EXDATE, or
  STATUS:CANCELLED) has its session cancelled: everyone signed up is told. If it comes back
  later, it gets a new session;
- when a series is edited so that its occurrences get new recurrence ids (its first date
  or time changed), an occurrence that vanished and a new one of the same event on the
  same local day are one occurrence moved, as the activity's own weekly series do;
- sessions that have started are never touched, and a session a coordinator cancelled by
  hand stays cancelled.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.activities import services as activity_services
from samskab.calendars import conf, expansion, fetching
from samskab.calendars.errors import CalendarError
from samskab.calendars.models import CalendarSubscription, ImportedOccurrence
from samskab.core import tasks

logger = logging.getLogger(__name__)

CREATED, MOVED, CANCELLED = "created", "moved", "cancelled"


@dataclass
class SyncResult:
    created: int = 0
    moved: int = 0
    cancelled: int = 0
    changes: list[dict] = field(default_factory=list)

    def record(self, kind: str, event_summary: str, starts_at: datetime, previous=None):
        setattr(self, kind, getattr(self, kind) + 1)
        self.changes.append(
            {
                "change": kind,
                "summary": event_summary,
                "starts_at": starts_at.isoformat(),
                "previous_starts_at": previous.isoformat() if previous else "",
            }
        )


# --- subscriptions ----------------------------------------------------------------------------


def subscribe(
    *, organisation, activity, url: str, capacity: int | None = None, include_all_day=False
) -> CalendarSubscription:
    """Subscribe ``activity`` (the organisation's) to the calendar at ``url``
    (``webcal://`` is fetched as ``https://``). The first fetch is queued at once. Raises
    ``CalendarError`` for an address that cannot be a calendar's."""
    if activity.organisation_id != organisation.pk:
        raise ValueError("The activity belongs to another organisation.")
    url = fetching.normalise_url(url)
    _refuse_internal_literal(url)
    with transaction.atomic():
        subscription, _created = CalendarSubscription.objects.update_or_create(
            activity=activity,
            url=url,
            defaults={
                "organisation": organisation,
                "capacity": capacity,
                "include_all_day": include_all_day,
                "next_fetch_at": timezone.now(),
            },
        )
        tasks.enqueue(fetch_by_id, subscription.pk)
    return subscription


def _refuse_internal_literal(url: str) -> None:
    """Tell the coordinator at once about an address written as an internal IP address or
    as localhost; names are checked when fetched (what they resolve to can change)."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    address = fetching.literal_address(host)
    if host == "localhost" or host.endswith(".localhost"):
        if not conf.allow_loopback():
            raise CalendarError("blocked_address", host=host)
    elif address is not None and not fetching.address_allowed(address):
        raise CalendarError("blocked_address", host=host)


def unsubscribe(*, subscription: CalendarSubscription) -> None:
    """Stop importing. Sessions already imported stay as they are (with their sign-ups);
    the organisation can change or cancel them like any other session."""
    subscription.delete()


def request_fetch(*, subscription: CalendarSubscription) -> None:
    """Fetch this calendar soon, outside the request (the coordinator's "fetch now")."""
    with transaction.atomic():
        tasks.enqueue(fetch_by_id, subscription.pk)


# --- the background work ----------------------------------------------------------------------


def enqueue_due_fetches(*, now=None) -> int:
    """The periodic task: one background task per calendar that is due, each claimed by
    moving its next fetch forward with a conditional UPDATE, so two workers running this at
    once queue each calendar once. Returns how many."""
    now = now or timezone.now()
    due = list(
        CalendarSubscription.objects.filter(next_fetch_at__lte=now)
        .order_by("next_fetch_at")
        .values_list("pk", "next_fetch_at")[:500]
    )
    queued = 0
    for pk, next_fetch_at in due:
        claimed = CalendarSubscription.objects.filter(pk=pk, next_fetch_at=next_fetch_at).update(
            next_fetch_at=now + conf.fetch_every()
        )
        if claimed:
            tasks.enqueue(fetch_by_id, pk)
            queued += 1
    return queued


def fetch_by_id(subscription_id: int) -> None:
    subscription = CalendarSubscription.objects.filter(pk=subscription_id).first()
    if subscription is not None:
        fetch_subscription(subscription=subscription)


def _claim(subscription: CalendarSubscription, now) -> bool:
    """One fetch of a calendar at a time: the row is claimed for the fetch's time limit
    (and a little more) with a conditional UPDATE; a fetch whose worker died is claimable
    again after that."""
    hold = timedelta(seconds=conf.timeout_seconds() * 3 + 60)
    return bool(
        CalendarSubscription.objects.filter(pk=subscription.pk)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + hold, next_fetch_at=now + conf.fetch_every())
    )


def fetch_subscription(*, subscription: CalendarSubscription, now=None) -> bool:
    """Fetch the calendar and bring the sessions in line. The fetch runs outside any
    transaction (it may take ``CALENDARS_TIMEOUT`` seconds); the sessions change in one.
    Returns False when another fetch of it is under way. Failures are stored on the
    subscription for the organisation to read, never raised."""
    now = now or timezone.now()
    if not _claim(subscription, now):
        return False
    try:
        _fetch_and_sync(subscription, now)
    finally:
        CalendarSubscription.objects.filter(pk=subscription.pk).update(claimed_until=None)
    return True


def _fetch_and_sync(subscription: CalendarSubscription, now) -> None:
    http_status = None
    try:
        fetched = fetching.fetch(
            subscription.url, etag=subscription.etag, last_modified=subscription.last_modified
        )
        http_status = fetched.status
        if fetched.not_modified and subscription.calendar_text:
            text, outcome = subscription.calendar_text, CalendarSubscription.Outcome.UNCHANGED
            etag, last_modified = subscription.etag, subscription.last_modified
        else:
            if fetched.not_modified:
                # Nothing kept to compare with (the first answer was 304): ask again in full.
                fetched = fetching.fetch(subscription.url)
                http_status = fetched.status
            text = fetched.body.decode("utf-8", errors="replace")
            outcome = CalendarSubscription.Outcome.IMPORTED
            etag, last_modified = fetched.etag, fetched.last_modified
        calendar = expansion.parse(text)
        events = expansion.occurrences(
            calendar,
            since=now - conf.window_past(),
            until=now + conf.window_ahead(),
            zone=timezone.get_default_timezone(),
            max_count=conf.max_occurrences(),
        )
    except CalendarError as error:
        _record_failure(subscription, now, error, http_status)
        return
    with transaction.atomic():
        locked = CalendarSubscription.objects.select_for_update().get(pk=subscription.pk)
        result = sync(subscription=locked, events=events, now=now)
        locked.calendar_text = text
        locked.etag, locked.last_modified = etag, last_modified
        locked.last_fetched_at = locked.last_succeeded_at = now
        locked.last_outcome = outcome
        locked.http_status = http_status
        locked.error_code, locked.error_params = "", {}
        locked.created_count = result.created
        locked.updated_count = result.moved
        locked.cancelled_count = result.cancelled
        locked.changes = result.changes[: CalendarSubscription.MAX_CHANGES_SHOWN]
        locked.save()


def _record_failure(subscription, now, error: CalendarError, http_status) -> None:
    logger.info("Calendar %s not imported: %s", subscription.pk, error.code)
    params = {key: str(value) for key, value in error.params.items()}
    CalendarSubscription.objects.filter(pk=subscription.pk).update(
        last_fetched_at=now,
        last_outcome=CalendarSubscription.Outcome.FAILED,
        http_status=int(params["status"]) if "status" in params else http_status,
        error_code=error.code,
        error_params=params,
        created_count=0,
        updated_count=0,
        cancelled_count=0,
        changes=[],
    )


# --- bringing the sessions in line ------------------------------------------------------------


def sync(*, subscription: CalendarSubscription, events: list[expansion.Event], now) -> SyncResult:
    """Bring the subscription's sessions in line with ``events`` (see the module's
    description). Runs inside the caller's transaction."""
    result = SyncResult()
    window_end = now + conf.window_ahead()
    wanted = {
        event.key: event
        for event in events
        if not event.cancelled
        and event.starts_at > now
        and (subscription.include_all_day or not event.all_day)
    }
    rows = {
        row.key: row
        for row in subscription.occurrences.select_related(
            "session__activity__organisation"
        ).prefetch_related("session__booking_slots")
    }

    missing = []
    for key, event in wanted.items():
        row = rows.get(key)
        if row is None:
            missing.append(event)
        else:
            _update_known(subscription, row, event, now, result)

    gone = [
        row
        for key, row in rows.items()
        if key not in wanted
        and row.removed_upstream_at is None
        and now < row.session.starts_at < window_end
        and not row.session.is_cancelled
    ]
    # A series edited so that its occurrences have new recurrence ids: pair what vanished
    # with what appeared, per event and local day, and move rather than cancel.
    by_day: dict[tuple[str, object], list[expansion.Event]] = {}
    for event in missing:
        by_day.setdefault((event.uid, _local_day(event.starts_at)), []).append(event)
    for row in sorted(gone, key=lambda r: r.session.starts_at):
        candidates = by_day.get((row.uid, row.session.local_date))
        if candidates:
            event = candidates.pop(0)
            missing.remove(event)
            row.recurrence_id = event.recurrence_id
            _update_known(subscription, row, event, now, result)
        else:
            _cancel(row, now, result)

    for event in sorted(missing, key=lambda e: e.starts_at):
        session = activity_services.add_session_at(
            activity=subscription.activity,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            capacity=subscription.capacity,
        )
        ImportedOccurrence.objects.create(
            subscription=subscription,
            uid=event.uid,
            recurrence_id=event.recurrence_id,
            session=session,
            summary=event.summary,
            last_seen_at=now,
        )
        result.record(CREATED, event.summary, event.starts_at)
    return result


def _local_day(moment):
    return timezone.localtime(moment).date()


def _update_known(subscription, row: ImportedOccurrence, event, now, result: SyncResult):
    session = row.session
    row.summary = event.summary
    row.last_seen_at = now
    if session.starts_at <= now:
        row.save()
        return
    if row.removed_upstream_at is not None:
        # It came back after its session was cancelled: a new session, as a new date.
        row.session = activity_services.add_session_at(
            activity=subscription.activity,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            capacity=subscription.capacity,
        )
        row.removed_upstream_at = None
        row.save()
        result.record(CREATED, event.summary, event.starts_at)
        return
    if not session.is_cancelled and (session.starts_at, session.ends_at) != (
        event.starts_at,
        event.ends_at,
    ):
        previous = session.starts_at
        try:
            activity_services.move_session(
                session=session, starts_at=event.starts_at, ends_at=event.ends_at
            )
        except activity_services.ActivityError:
            logger.info("Imported session %s could not be moved.", session.pk)
        else:
            result.record(MOVED, event.summary, event.starts_at, previous)
    row.save()


def _cancel(row: ImportedOccurrence, now, result: SyncResult) -> None:
    activity_services.cancel_session(
        session=row.session,
        reason=_("The organiser has removed this date from their calendar."),
        by=None,
    )
    row.removed_upstream_at = now
    row.save(update_fields=["removed_upstream_at"])
    result.record(CANCELLED, row.summary, row.session.starts_at)
