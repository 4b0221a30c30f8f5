"""Keeps ``UpcomingShifts`` (each opportunity's coming shifts, summed up) true.

- When a shift is added, moved, cancelled or deleted (its row or its booking slot changes),
  its opportunity's summary is recomputed in the same transaction.
- When a shift ends, the summary changes with time alone: each summary knows when
  (``changes_at``, the earliest end among its shifts), and ``refresh_due`` recomputes those
  whose moment has passed. The lists call it before they read (one indexed query when
  nothing is due), so a list never counts a shift that has ended.
- Bulk loads (``generate_data``) bypass signals and call ``refresh_all`` at the end;
  ``migrate`` fills in the summaries that are missing.
"""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import timezone

from samskab.booking.models import Slot
from samskab.volunteering.models import Opportunity, Shift, UpcomingShifts

# Rows written per statement, so that a whole municipality's opportunities never make one
# huge statement.
BATCH = 2000
_UID = "samskab.volunteering.upcoming."


def _coming_shifts(now: datetime):
    return Shift.objects.filter(ends_at__gt=now, booking_slots__cancelled_at__isnull=True)


def _figures(opportunity_ids: list[int], now: datetime) -> dict[int, dict]:
    return {
        row["opportunity_id"]: row
        for row in _coming_shifts(now)
        .filter(opportunity_id__in=opportunity_ids)
        .order_by()
        .values("opportunity_id")
        .annotate(next_starts_at=Min("starts_at"), count=Count("pk", distinct=True))
        .annotate(changes_at=Min("ends_at"))
    }


def refresh_one(opportunity_id: int, *, now: datetime | None = None) -> None:
    """Recompute one opportunity's summary, if it has one. Never creates it: a shift deleted
    with its opportunity must not leave a summary behind (the opportunity's creation and
    ``migrate`` create them)."""
    figures = _figures([opportunity_id], now or timezone.now()).get(opportunity_id, {})
    UpcomingShifts.objects.filter(opportunity_id=opportunity_id).update(
        next_starts_at=figures.get("next_starts_at"),
        count=figures.get("count", 0),
        changes_at=figures.get("changes_at"),
    )


def refresh(*, opportunity_ids: Iterable[int], now: datetime | None = None) -> int:
    """Compute (or recompute) the summaries of these opportunities: two queries and a
    write per batch."""
    now = now or timezone.now()
    ids = sorted(set(opportunity_ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        figures = _figures(batch, now)
        existing = set(Opportunity.objects.filter(pk__in=batch).values_list("pk", flat=True))
        UpcomingShifts.objects.bulk_create(
            [
                UpcomingShifts(
                    opportunity_id=pk,
                    next_starts_at=figures.get(pk, {}).get("next_starts_at"),
                    count=figures.get(pk, {}).get("count", 0),
                    changes_at=figures.get(pk, {}).get("changes_at"),
                )
                for pk in batch
                if pk in existing
            ],
            update_conflicts=True,
            unique_fields=["opportunity"],
            update_fields=["next_starts_at", "count", "changes_at"],
        )
    return len(ids)


def refresh_due(*, now: datetime | None = None) -> int:
    """Recompute the summaries a shift's end has changed since they were computed."""
    now = now or timezone.now()
    due = list(
        UpcomingShifts.objects.filter(changes_at__lte=now).values_list("opportunity_id", flat=True)
    )
    return refresh(opportunity_ids=due, now=now) if due else 0


def refresh_all(*, now: datetime | None = None) -> int:
    return refresh(opportunity_ids=Opportunity.objects.values_list("pk", flat=True), now=now)


def refresh_missing() -> int:
    missing = Opportunity.objects.filter(upcoming_shifts__isnull=True).values_list("pk", flat=True)
    return refresh(opportunity_ids=list(missing))


# --- keeping it true --------------------------------------------------------------------------


def _opportunity_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        refresh(opportunity_ids=[instance.pk])


def _shift_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_one(instance.opportunity_id)


def _slot_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.content_type_id != ContentType.objects.get_for_model(Shift).pk:
        return
    if update_fields is not None and not {"starts_at", "ends_at", "cancelled_at"} & set(
        update_fields
    ):
        return  # a sign-up or new places: not what the summary counts
    opportunity_id = (
        Shift.objects.filter(pk=instance.object_id).values_list("opportunity_id", flat=True).first()
    )
    if opportunity_id is not None:
        refresh_one(opportunity_id)


def _after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    tables = set(connections[using].introspection.table_names())
    if {UpcomingShifts._meta.db_table, Opportunity._meta.db_table} <= tables:
        refresh_missing()


def connect(app_config) -> None:
    post_migrate.connect(_after_migrate, sender=app_config, dispatch_uid=_UID + "migrate")
    post_save.connect(_opportunity_saved, sender=Opportunity, dispatch_uid=_UID + "opportunity")
    post_save.connect(_shift_changed, sender=Shift, dispatch_uid=_UID + "shift")
    post_delete.connect(_shift_changed, sender=Shift, dispatch_uid=_UID + "shift-deleted")
    post_save.connect(_slot_changed, sender=Slot, dispatch_uid=_UID + "slot")
