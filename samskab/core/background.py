"""Periodic background work without Redis or a task queue.

Each feature registers the functions that must run regularly (expire offers, send due
reminders, close finished shifts, …) from its AppConfig.ready; one worker command,
``manage.py run_tasks``, runs them all in rounds. Every registered function must be safe to
run on several machines at once (claim rows with a conditional UPDATE or a row lock) and
return how many things it did, so the worker can report it.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicTask:
    name: str
    function: Callable[[], int | None]
    description: str


_tasks: dict[str, PeriodicTask] = {}


def register_periodic_task(name: str, function: Callable[[], int | None], description: str):
    """Register ``function`` (no arguments) to run in every round of ``run_tasks``."""
    existing = _tasks.get(name)
    if existing is not None and existing.function is not function:
        raise ImproperlyConfigured(f"A different periodic task is already named {name!r}.")
    _tasks[name] = PeriodicTask(name=name, function=function, description=description)


def periodic_tasks() -> list[PeriodicTask]:
    return list(_tasks.values())


def run_round(*, only: set[str] | None = None) -> dict[str, int | None]:
    """Run every registered task once. A failing task is logged and does not keep the
    others from running; the failure is reported as ``None`` in the result."""
    results: dict[str, int | None] = {}
    for task in periodic_tasks():
        if only and task.name not in only:
            continue
        try:
            results[task.name] = task.function() or 0
        except Exception:
            logger.exception("Background task %s failed; it runs again next round.", task.name)
            results[task.name] = None
    return results
