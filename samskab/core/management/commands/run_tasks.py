"""Run the periodic tasks once, now, in this process (samskab.core.tasks). The worker
(``manage.py worker``) runs them on their schedules; this is for an operator who wants one
done at once, and for a machine without a worker.

    python manage.py run_tasks                   every task once
    python manage.py run_tasks --only booking.send_reminders
    python manage.py run_tasks --list
"""

from django.core.management.base import BaseCommand, CommandError

from samskab.core.tasks import periodic_tasks, run_all_now


class Command(BaseCommand):
    help = "Run every feature's periodic background tasks once, now."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", action="append", default=[], help="Run only this task (repeatable)."
        )
        parser.add_argument("--list", action="store_true", help="List the tasks and stop.")

    def handle(self, *args, only=(), list=False, **options):
        tasks = periodic_tasks()
        if list:
            for task in tasks:
                self.stdout.write(f"{task.name}: {task.description}")
            return
        unknown = set(only) - {task.name for task in tasks}
        if unknown:
            raise CommandError(f"Unknown task(s): {', '.join(sorted(unknown))}. See --list.")
        results = run_all_now(only=set(only) or None)
        failed = [name for name, done in results.items() if done is None]
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)} (see the log).")
        verbosity = options.get("verbosity", 1)
        if verbosity >= 2 or (verbosity >= 1 and any(results.values())):
            self.stdout.write("; ".join(f"{name}: {done}" for name, done in results.items()))
