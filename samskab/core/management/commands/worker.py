"""The one background worker: runs the queued tasks and every feature's periodic tasks.

    python manage.py worker

Starts ``Q_CLUSTER["workers"]`` processes (``WORKER_PROCESSES``) that take tasks from the
queue, and the queue's scheduler, after making its schedules match the periodic tasks the
apps declare (samskab.core.tasks). Run one per machine, as many machines as needed; stops
cleanly on SIGTERM or SIGINT, letting the tasks at hand finish."""

from django.core.management.base import BaseCommand
from django.db import connections
from django_q.cluster import Cluster

from samskab.core.tasks import sync_schedules


class Command(BaseCommand):
    help = "Run the background worker: queued tasks and periodic tasks."

    def handle(self, *args, **options):
        # The cluster forks its processes from this one, and again whenever one must be
        # replaced (after the database went away): a connection kept here would be shared by
        # them. So the worker's processes open a connection per task (django_q closes old
        # connections before each), whatever CONN_MAX_AGE the web servers keep theirs for.
        for connection in connections.all():
            connection.settings_dict["CONN_MAX_AGE"] = 0
        schedules = sync_schedules()
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(
                "Periodic tasks: "
                + ", ".join(f"{name} (every {minutes} min)" for name, minutes in schedules.items())
            )
        connections.close_all()
        Cluster().start()
