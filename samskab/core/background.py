"""Periodic background work without Redis or a task queue.

Each feature declares the functions that must run regularly (expire offers, send due
reminders, close finished shifts, …) as ``PeriodicTask`` in its ``contributions.py``; one
worker command, ``manage.py run_tasks``, runs them all in rounds. Every declared function
must be safe to run on several machines at once (claim rows with a conditional UPDATE or a
row lock) and return how many things it did, so the worker can report it.
"""

import logging
import time

from samskab.core import extensions
from samskab.core.extensions import PeriodicTask

logger = logging.getLogger(__name__)


_last_run: dict[str, float] = {}


def _is_due(task: PeriodicTask, now: float) -> bool:
    if task.every is None or task.name not in _last_run:
        return True
    return now - _last_run[task.name] >= task.every.total_seconds()


def periodic_tasks() -> list[PeriodicTask]:
    """Every task the installed apps declare (``Contributions.periodic_tasks``)."""
    return [task for _, task in extensions.declared("periodic_tasks")]


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
