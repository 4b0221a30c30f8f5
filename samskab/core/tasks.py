"""Background work: the one way to do something outside the request that caused it.

- ``enqueue(function, *args, **kwargs)``: a worker calls ``function(*args, **kwargs)``
  soon. Called inside a transaction, the task is stored in that transaction (the queue's
  broker is the project's database, ``Q_CLUSTER["orm"]``): it runs only if the change that
  caused it commits, and it is not lost if the process dies a moment after the commit.
  ``function`` must be importable by its dotted path and its arguments picklable; pass ids,
  not model instances, so the task reads what is in the database when it runs.
- Periodic tasks: every feature declares its own (``Contributions.periodic_tasks``);
  ``sync_schedules()`` turns them into the queue's schedules, which the worker's scheduler
  runs. ``run_periodic(name)`` runs one declared task by name.
- ``manage.py worker`` is the one worker command: it syncs the schedules and runs the
  queue's cluster (tasks and schedules), ``Q_CLUSTER["workers"]`` processes per machine.

A task that raises is recorded as failed (visible to staff in the admin, "Background work →
Failed tasks") and not retried blindly: work that must be retried keeps its own state and
backoff and is picked up again by a periodic task (emails: ``samskab.core.emails``; need
alerts: ``samskab.needs``). A task whose worker died before it finished is handed to
another worker after ``Q_CLUSTER["retry"]`` seconds, so every task must be safe to run
twice: claim rows with a conditional UPDATE before acting on them.

With ``Q_CLUSTER["sync"]`` (the test settings) a task runs in the same process when the
surrounding transaction commits, as a worker would at the earliest.
"""

import logging
import math
from collections.abc import Callable

from django.db import transaction

from samskab.core import extensions
from samskab.core.extensions import PeriodicTask

logger = logging.getLogger(__name__)

RUN_PERIODIC = "samskab.core.tasks.run_periodic"


def dotted_path(function: Callable) -> str:
    path = f"{function.__module__}.{function.__qualname__}"
    if "<" in path:
        raise ValueError(f"{path} cannot be a task: a worker imports tasks by their name.")
    return path


def _runs_at_commit() -> bool:
    from django_q.conf import Conf

    return bool(Conf.SYNC)


def _broker_is_database() -> bool:
    from django_q.conf import Conf

    return bool(Conf.ORM)


def enqueue(function: Callable, *args, **kwargs) -> None:
    """Have a worker call ``function(*args, **kwargs)``; see the module's description."""
    if _runs_at_commit():

        def run_task_at_commit():
            try:
                function(*args, **kwargs)
            except Exception:
                # As a worker would: the failure is recorded, the change stays.
                logger.exception("Background task %s failed", function.__qualname__)

        transaction.on_commit(run_task_at_commit)
        return

    path = dotted_path(function)
    from django_q.tasks import async_task

    # Every keyword goes to the function; the queue's own options go in q_options.
    options = {"q_options": {"task_name": path[-100:]}}
    if _broker_is_database():
        # In a transaction of its own when there is no outer one: the broker would
        # otherwise close the request's database connection before writing.
        with transaction.atomic():
            async_task(path, *args, **kwargs, **options)
    else:
        # A broker outside the database (Redis) cannot take part in the transaction.
        transaction.on_commit(lambda: async_task(path, *args, **kwargs, **options))


# --- periodic tasks ---------------------------------------------------------------------


def periodic_tasks() -> list[PeriodicTask]:
    """Every task the installed apps declare (``Contributions.periodic_tasks``)."""
    return [task for _, task in extensions.declared("periodic_tasks")]


def run_periodic(name: str) -> int:
    """Run the declared periodic task ``name`` once; returns how many things it did."""
    for task in periodic_tasks():
        if task.name == name:
            return task.function() or 0
    raise LookupError(f"No periodic task is declared as {name!r}.")


def run_all_now(*, only: set[str] | None = None) -> dict[str, int | None]:
    """Run every declared periodic task (or exactly the ``only`` ones) once, now, in this
    process (``manage.py run_tasks``). A failing task is logged and does not keep the others
    from running; it is reported as ``None``."""
    results: dict[str, int | None] = {}
    for task in periodic_tasks():
        if only and task.name not in only:
            continue
        try:
            results[task.name] = task.function() or 0
        except Exception:
            logger.exception("Periodic task %s failed", task.name)
            results[task.name] = None
    return results


def _minutes(task: PeriodicTask) -> int:
    if task.every is None:
        return 1
    return max(1, math.ceil(task.every.total_seconds() / 60))


def sync_schedules() -> dict[str, int]:
    """Make the queue's schedules match the declared periodic tasks: one schedule each, every
    ``every`` (at least a minute; every minute when not given); schedules of tasks no
    longer declared are removed. Safe to run from several workers at once. Returns the
    minutes of each task's schedule."""
    from django.utils import timezone
    from django_q.models import Schedule

    wanted = {task.name: _minutes(task) for task in periodic_tasks()}
    with transaction.atomic():
        existing = list(
            Schedule.objects.select_for_update().filter(func=RUN_PERIODIC).order_by("pk")
        )
        seen = set()
        for schedule in existing:
            if schedule.name not in wanted or schedule.name in seen:
                schedule.delete()
                continue
            seen.add(schedule.name)
            should_be = {
                "args": repr((schedule.name,)),
                "schedule_type": Schedule.MINUTES,
                "minutes": wanted[schedule.name],
                "repeats": -1,
            }
            if any(getattr(schedule, field) != value for field, value in should_be.items()):
                for field, value in should_be.items():
                    setattr(schedule, field, value)
                schedule.save(update_fields=list(should_be))
        Schedule.objects.bulk_create(
            Schedule(
                name=name,
                func=RUN_PERIODIC,
                args=repr((name,)),
                schedule_type=Schedule.MINUTES,
                minutes=minutes,
                repeats=-1,
                next_run=timezone.now(),
            )
            for name, minutes in wanted.items()
            if name not in seen
        )
    return wanted


# --- health -------------------------------------------------------------------------------


def check_queue() -> None:
    """The queue's broker answers (the readiness check)."""
    from django_q.brokers import get_broker

    broker = get_broker()
    if not broker.ping():
        raise RuntimeError("the task queue's broker does not answer")
    broker.queue_size()


def backlog() -> dict[str, float | int]:
    """What monitoring wants to know: tasks waiting, tasks failed, and how many seconds the
    oldest waiting task has waited (0 when none waits)."""
    from django.utils import timezone
    from django_q.models import Failure, OrmQ

    waiting = OrmQ.objects.all()
    oldest = waiting.order_by("pk").values_list("lock", flat=True).first()
    return {
        "waiting": waiting.count(),
        "failed": Failure.objects.count(),
        "oldest_seconds": max((timezone.now() - oldest).total_seconds(), 0) if oldest else 0,
    }
