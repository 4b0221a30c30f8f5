"""Volunteering's background work, next to the booking engine's own (run_booking_tasks):
close shifts that ended a day ago (everyone confirmed and not checked in is recorded as a
no-show, attended volunteers' hours are credited) and send the thank-yous of shifts that
have ended.

    python manage.py run_volunteering_tasks                  once (e.g. from cron every minute)
    python manage.py run_volunteering_tasks --loop           every 60 seconds until stopped
    python manage.py run_volunteering_tasks --close-after-hours 12

Safe to run on several machines at once: closing a shift locks it, and each thank-you is
claimed with a conditional UPDATE before it is sent, so nothing happens twice."""

import logging
import signal
import threading
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from samskab.volunteering import services

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Close finished shifts (recording no-shows) and send thank-yous to volunteers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, one round every --interval."
        )
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between rounds (default 60)."
        )
        parser.add_argument(
            "--close-after-hours",
            type=float,
            default=services.CLOSE_AFTER.total_seconds() / 3600,
            help="Close shifts this many hours after they end (default 24).",
        )

    def handle(self, *args, loop=False, interval=60.0, close_after_hours=24.0, **options):
        self.verbosity = options.get("verbosity", 1)
        if interval <= 0:
            interval = 60.0
        self.close_after = timedelta(hours=max(close_after_hours, 0))
        stop = threading.Event()
        if loop:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        while True:
            if loop:
                close_old_connections()
            try:
                self.run_once()
            except Exception:
                if not loop:
                    raise
                logger.exception("A round of volunteering tasks failed; trying again later.")
            if not loop or stop.wait(interval):
                break

    def run_once(self):
        closed = services.close_finished_shifts(after=self.close_after)
        thanked = services.send_due_thank_yous()
        if self.verbosity >= 2 or (self.verbosity >= 1 and (closed or thanked)):
            self.stdout.write(f"Shifts closed: {closed}; thank-yous sent: {thanked}")
