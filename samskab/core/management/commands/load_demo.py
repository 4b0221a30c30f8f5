"""Load the demo municipality: each feature's demo content, then a staff login to try the
administration with. Idempotent: running it again updates the same rows."""

import os

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from samskab.accounts.roles import MUNICIPAL_STAFF_GROUP, ensure_role_groups

# Each feature adds the dotted path of its own loader here. A loader takes no arguments,
# must be idempotent (update_or_create by stable keys) and may return a summary line.
DEMO_LOADERS = [
    "samskab.vision.demo.load_vision_demo",
    "samskab.organisations.demo.load_organisations_demo",
    "samskab.catalogue.demo.load_activities_demo",
    "samskab.volunteering.demo.load_volunteering_demo",
    "samskab.needs.demo.load_needs_demo",
    "samskab.certificates.demo.load_certificates_demo",
    "samskab.childsafety.demo.load_childsafety_demo",
    "samskab.visiting.demo.load_visiting_demo",
]

DEMO_STAFF_EMAIL = "staff@esbjerg.samskab.dk"
DEMO_STAFF_DISPLAY_NAME = "Demo-medarbejder"
# A published demo password for local trials; deployments set DEMO_STAFF_PASSWORD.
DEMO_STAFF_DEFAULT_PASSWORD = "samskab-demo-2025"  # noqa: S105


class Command(BaseCommand):
    help = "Load the demo municipality (Esbjerg Kommune) and a demo staff login."

    def handle(self, *args, **options):
        for dotted_path in DEMO_LOADERS:
            summary = import_string(dotted_path)()
            if summary:
                self.stdout.write(str(summary))

        password = os.environ.get("DEMO_STAFF_PASSWORD") or DEMO_STAFF_DEFAULT_PASSWORD
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


@transaction.atomic
def ensure_demo_staff_user(*, password: str):
    """Create or refresh the demo staff member: staff, in the municipal staff group, with a
    verified primary email address so allauth lets them log in."""
    # The group's permissions cover every app migrated so far; refresh them in case this
    # runs before the post-migrate signal saw the newest app.
    ensure_role_groups()
    user_model = get_user_model()
    user, _ = user_model.objects.update_or_create(
        email=DEMO_STAFF_EMAIL,
        defaults={"display_name": DEMO_STAFF_DISPLAY_NAME, "is_staff": True, "is_active": True},
    )
    if not user.check_password(password):
        # Only re-hash when the password differs, so a second run changes nothing.
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=MUNICIPAL_STAFF_GROUP))
    EmailAddress.objects.update_or_create(
        user=user,
        email=DEMO_STAFF_EMAIL,
        defaults={"verified": True, "primary": True},
    )
    return user
