"""The booking engine's background work, without Redis or a task queue: expire offers that
were not accepted in time (offering each place to the next person), expire visitors'
unconfirmed sign-ups, and send due reminders.

    python manage.py run_booking_tasks                  once (e.g. from cron every minute)
    python manage.py run_booking_tasks --loop           every 60 seconds until stopped
    python manage.py run_booking_tasks --loop --interval 30

Safe to run on several machines at once: offers are expired under the slot's row lock and
each reminder is claimed with a conditional UPDATE before it is sent, so nothing happens
twice."""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from samskab.booking import services

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Expire open offers and unconfirmed sign-ups, and send due reminders."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, one round every --interval."
        )
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between rounds (default 60)."
        )

    def handle(self, *args, loop=False, interval=60.0, **options):
        self.verbosity = options.get("verbosity", 1)
        if interval <= 0:
            interval = 60.0
        stop = threading.Event()
        if loop:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        while True:
            if loop:
                # A worker lives for days: drop connections the database has closed or
                # that outlived CONN_MAX_AGE, as Django does between requests.
                close_old_connections()
            try:
                self.run_once()
            except Exception:
                if not loop:
                    raise
                # One bad round (e.g. the database restarting) must not stop the worker.
                logger.exception("A round of booking tasks failed; trying again later.")
            if not loop or stop.wait(interval):
                break

    def run_once(self):
        expired_offers = services.expire_offers()
        expired_signups = services.expire_unconfirmed_guest_bookings()
        reminders = services.send_due_reminders()
        if self.verbosity >= 2 or (self.verbosity >= 1 and (expired_offers or reminders)):
            self.stdout.write(
                f"Expired offers: {expired_offers}; expired unconfirmed sign-ups: "
                f"{expired_signups}; reminders sent: {reminders}"
            )
