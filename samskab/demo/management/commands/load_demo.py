"""Load the demo municipality: each feature's demo content, then a staff login to try the
administration with. Idempotent: running it again updates the same rows."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand

from samskab.demo.loaders import run_loaders
from samskab.demo.staff import (
    DEMO_STAFF_DEFAULT_PASSWORD,
    DEMO_STAFF_EMAIL,
    demo_staff_password,
    ensure_demo_staff_user,
)


class Command(BaseCommand):
    help = "Load the demo municipality (Esbjerg Kommune) and a demo staff login."

    def handle(self, *args, **options):
        for summary in run_loaders():
            if summary:
                self.stdout.write(str(summary))

        password = demo_staff_password()
        ensure_demo_staff_user(password=password)
        if not settings.DEBUG and password == DEMO_STAFF_DEFAULT_PASSWORD:
            self.stderr.write(
                self.style.WARNING(
                    "DEBUG is off but the demo staff user has the published demo password. "
                    "Set DEMO_STAFF_PASSWORD, or do not load the demo on a public site."
                )
            )

        port = os.environ.get("PORT", "8000")
        self.stdout.write(self.style.SUCCESS("Demo loaded. Log in to the administration at:"))
        self.stdout.write(f"  URL:      http://127.0.0.1:{port}/admin/")
        self.stdout.write(f"  Email:    {DEMO_STAFF_EMAIL}")
        self.stdout.write(f"  Password: {password}")
