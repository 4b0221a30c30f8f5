"""The one background worker: runs every feature's periodic tasks (see
samskab.core.background) in rounds.

    python manage.py run_tasks                   one round (e.g. from cron every minute)
    python manage.py run_tasks --loop            a round every 60 seconds until stopped
    python manage.py run_tasks --loop --interval 30
    python manage.py run_tasks --only booking.send_reminders
    python manage.py run_tasks --list

Safe to run on several machines at once; stops cleanly on SIGTERM or SIGINT."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from samskab.core.background import periodic_tasks, run_round


class Command(BaseCommand):
    help = "Run every feature's periodic background tasks once, or in a loop."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, one round every --interval."
        )
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between rounds (default 60)."
        )
        parser.add_argument(
            "--only", action="append", default=[], help="Run only this task (repeatable)."
        )
        parser.add_argument("--list", action="store_true", help="List the tasks and stop.")

    def handle(self, *args, loop=False, interval=60.0, only=(), list=False, **options):
        tasks = periodic_tasks()
        if list:
            for task in tasks:
                self.stdout.write(f"{task.name}: {task.description}")
            return
        unknown = set(only) - {task.name for task in tasks}
        if unknown:
            raise CommandError(f"Unknown task(s): {', '.join(sorted(unknown))}. See --list.")
        verbosity = options.get("verbosity", 1)
        interval = interval if interval > 0 else 60.0
        stop = threading.Event()
        if loop:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        while True:
            if loop:
                # A worker lives for days: drop connections the database has closed or
                # that outlived CONN_MAX_AGE, as Django does between requests.
                close_old_connections()
            results = run_round(only=set(only) or None)
            failed = [name for name, done in results.items() if done is None]
            if failed and not loop:
                raise CommandError(f"Failed: {', '.join(failed)} (see the log).")
            if verbosity >= 2 or (verbosity >= 1 and any(results.values())):
                self.stdout.write(
                    "; ".join(
                        f"{name}: {'failed' if done is None else done}"
                        for name, done in results.items()
                    )
                )
            if not loop or stop.wait(interval):
                break
