"""Periodic background work without Redis or a task queue.

Each feature registers the functions that must run regularly (expire offers, send due
reminders, close finished shifts, …) from its AppConfig.ready; one worker command,
``manage.py run_tasks``, runs them all in rounds. Every registered function must be safe to
run on several machines at once (claim rows with a conditional UPDATE or a row lock) and
return how many things it did, so the worker can report it.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicTask:
    name: str
    function: Callable[[], int | None]
    description: str
    # None: every round. Otherwise at most this often per worker process; the tasks are
    # idempotent, so a restarted worker running one early does no harm.
    every: timedelta | None = None


_tasks: dict[str, PeriodicTask] = {}
_last_run: dict[str, float] = {}


def register_periodic_task(
    name: str,
    function: Callable[[], int | None],
    description: str,
    *,
    every: timedelta | None = None,
):
    """Register ``function`` (no arguments) to run in the rounds of ``run_tasks``: every
    round, or at most once per ``every``."""
    existing = _tasks.get(name)
    if existing is not None and existing.function is not function:
        raise ImproperlyConfigured(f"A different periodic task is already named {name!r}.")
    _tasks[name] = PeriodicTask(name=name, function=function, description=description, every=every)


def _is_due(task: PeriodicTask, now: float) -> bool:
    if task.every is None or task.name not in _last_run:
        return True
    return now - _last_run[task.name] >= task.every.total_seconds()


def periodic_tasks() -> list[PeriodicTask]:
    return list(_tasks.values())


def run_round(*, only: set[str] | None = None) -> dict[str, int | None]:
    """Run every registered task that is due (or exactly the ``only`` ones). A failing task
    is logged and does not keep the others from running; it is reported as ``None``."""
    results: dict[str, int | None] = {}
    now = time.monotonic()
    for task in periodic_tasks():
        if only:
            if task.name not in only:
                continue
        elif not _is_due(task, now):
            continue
        _last_run[task.name] = now
        try:
            results[task.name] = task.function() or 0
        except Exception:
            logger.exception("Background task %s failed; it runs again next round.", task.name)
            results[task.name] = None
    return results
