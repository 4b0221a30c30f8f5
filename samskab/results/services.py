"""Computing the figures (the background worker's job, never a page's) and entering the
municipality's own.

``compute_all()`` runs every ``conf.compute_every()``: it creates a row for each indicator
an app declares, then updates each one's figures. A round recomputes only the periods that
are still open (from the first day of the year that is not final yet); a period becomes
final (``frozen``) ``conf.freeze_after()`` after it ended and is never rewritten, unless
the indicator's method changes (a new version computes every period afresh, beside the old
figures) or ``from_scratch`` is asked for (``manage.py compute_results --from-scratch``).
Without changes to past data, a recompute from scratch gives the same figures as the rounds
did (tested).
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from samskab.core import extensions, tasks
from samskab.reference.models import Town
from samskab.results import conf, engine
from samskab.results.models import Indicator, InitiativeLink, MethodVersion, Observation
from samskab.vision import services as vision_services

WRITTEN_FIELDS = ["value", "base", "suppressed", "frozen", "computed_at"]


def sync_declared(*, now: datetime | None = None) -> int:
    """Create the row of every declared indicator that has none. Returns how many."""
    now = now or timezone.now()
    existing = set(Indicator.objects.exclude(key="").values_list("key", flat=True))
    created = 0
    for order, (_, declared) in enumerate(extensions.declared("indicators")):
        if declared.slug in existing:
            continue
        indicator = Indicator.objects.create(
            key=declared.slug,
            slug=declared.slug,
            method_version=declared.version,
            order=order,
        )
        MethodVersion.objects.create(indicator=indicator, version=declared.version, since=now)
        created += 1
    return created


def compute_all(*, now: datetime | None = None, from_scratch: bool = False) -> int:
    """Update every built-in indicator's figures. Returns how many indicators."""
    now = now or timezone.now()
    sync_declared(now=now)
    done = 0
    for indicator in Indicator.objects.exclude(key="").order_by("pk"):
        if compute(indicator=indicator, now=now, from_scratch=from_scratch):
            done += 1
    return done


def run_periodic_compute() -> int:
    """The background round: one task per indicator, so that each has a worker's whole
    time limit (``TASK_TIMEOUT``) and a slow one holds up no other. Returns how many."""
    sync_declared()
    ids = list(Indicator.objects.exclude(key="").values_list("pk", flat=True))
    for indicator_id in ids:
        tasks.enqueue(compute_by_id, indicator_id)
    return len(ids)


def compute_by_id(indicator_id: int) -> None:
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is not None:
        compute(indicator=indicator)


@transaction.atomic
def compute(*, indicator: Indicator, now: datetime | None = None, from_scratch=False) -> bool:
    """Update one built-in indicator's figures. False when its app is no longer there."""
    now = now or timezone.now()
    # One worker at a time per indicator; a second waits and then finds little to do.
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    declared = indicator.declared
    if declared is None:
        return False
    if declared.version != indicator.method_version:
        _start_method_version(indicator, declared, now)
        from_scratch = True
    if indicator.computed_at is None:
        from_scratch = True
    zone = timezone.get_current_timezone()
    final_before = timezone.localtime(now - conf.freeze_after(), zone).date()
    current = Observation.objects.filter(
        indicator=indicator, method_version=indicator.method_version
    )
    if from_scratch:
        since_day = None
        current.delete()
    else:
        # From the year of the oldest period not yet final: a round that makes it final
        # must have seen its last facts.
        oldest_open = (
            current.filter(frozen=False)
            .order_by("starts_on")
            .values_list("starts_on", flat=True)
            .first()
        )
        since_day = engine.period_start(min(final_before, oldest_open or final_before), "year")
    since = engine.local_midnight(since_day, zone) if since_day else None
    tallies, first = engine.tally(
        declared.facts(since, now), breakdowns=declared.breakdowns, zone=zone
    )
    today = timezone.localtime(now, zone).date()
    if since_day is not None:
        first = _series_start(current, since_day, first)
    if first is not None:
        figures = engine.figures(
            tallies, measure=declared.measure, residents=_residents(), first=first, last=today
        )
        engine.suppress(figures, small=conf.small_count(), measure=declared.measure)
        _store(indicator, figures, since_day=since_day, final_before=final_before, now=now)
    indicator.computed_at = now
    indicator.save(update_fields=["computed_at", "method_version"])
    _move_initiatives(indicator)
    return True


def _series_start(current, since_day, first_seen):
    """Where the figures of an update begin: a series starts with the first period that
    had a fact, whether computed from scratch or round by round."""
    earliest = (
        current.filter(period=engine.MONTH, dimension="")
        .order_by("starts_on")
        .values_list("starts_on", flat=True)
        .first()
    )
    known = [day for day in (earliest, first_seen) if day is not None]
    return max(since_day, min(known)) if known else None


def _start_method_version(indicator, declared, now) -> None:
    indicator.method_version = declared.version
    MethodVersion.objects.update_or_create(
        indicator=indicator, version=declared.version, defaults={"since": now}
    )


def _residents() -> dict[str, int]:
    return dict(Town.objects.filter(residents__isnull=False).values_list("slug", "residents"))


def _store(indicator, figures, *, since_day, final_before, now) -> None:
    """Write the figures, leaving final ones as they are; remove groups that are gone."""
    stored = Observation.objects.filter(
        indicator=indicator, method_version=indicator.method_version
    )
    if since_day is not None:
        stored = stored.filter(starts_on__gte=since_day)
    frozen = set(
        stored.filter(frozen=True).values_list("period", "starts_on", "dimension", "group")
    )
    rows = []
    for figure in figures:
        if figure.cell in frozen:
            continue
        rows.append(
            Observation(
                indicator=indicator,
                method_version=indicator.method_version,
                period=figure.period,
                starts_on=figure.starts_on,
                dimension=figure.dimension,
                group=figure.group,
                value=figure.value,
                base=figure.base,
                suppressed=figure.suppressed,
                frozen=engine.next_period(figure.starts_on, figure.period) <= final_before,
                computed_at=now,
            )
        )
    Observation.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["indicator", "method_version", "period", "starts_on", "dimension", "group"],
        update_fields=WRITTEN_FIELDS,
    )
    kept = {figure.cell for figure in figures}
    gone = [
        pk
        for pk, *cell in stored.filter(frozen=False).values_list(
            "pk", "period", "starts_on", "dimension", "group"
        )
        if tuple(cell) not in kept
    ]
    Observation.objects.filter(pk__in=gone).delete()


def _move_initiatives(indicator: Indicator) -> None:
    """Give the initiatives whose progress comes from this indicator their new progress,
    from this year's total. A suppressed figure moves nothing: the progress would give it
    away."""
    links = list(
        InitiativeLink.objects.filter(indicator=indicator, drives_progress=True).select_related(
            "initiative"
        )
    )
    if not links:
        return
    latest = latest_total(indicator)
    if latest is None or latest.suppressed:
        return
    for link in links:
        progress = link.progress_for(latest.value)
        if progress is not None and progress != link.initiative.progress:
            vision_services.initiative_update(initiative=link.initiative, progress=progress)


def latest_total(indicator: Indicator) -> Observation | None:
    return (
        Observation.objects.filter(
            indicator=indicator,
            method_version=indicator.method_version,
            period=engine.YEAR,
            dimension="",
        )
        .order_by("-starts_on")
        .first()
    )


@transaction.atomic
def record_figure(*, observation: Observation) -> Observation:
    """Store a figure the municipality measured elsewhere, for a manual indicator (staff
    enter it in the administration). Its first day is moved to the start of its period;
    a ``base`` (how many people answered, say) below the small-count limit keeps it from
    being published exactly."""
    indicator = observation.indicator
    if indicator.is_built_in:
        raise ValueError("Built-in indicators are computed, not entered.")
    observation.method_version = indicator.method_version
    observation.starts_on = engine.period_start(observation.starts_on, observation.period)
    observation.dimension = observation.group = ""
    observation.suppressed = observation.base is not None and observation.base < conf.small_count()
    observation.frozen = True
    observation.save()
    return observation
