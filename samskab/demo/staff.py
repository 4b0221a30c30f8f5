"""The demo staff login: a municipal staff member to try the administration with."""

import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from samskab.accounts.roles import MUNICIPAL_STAFF_GROUP, ensure_role_groups, is_municipal_staff

DEMO_STAFF_EMAIL = "staff@esbjerg.samskab.dk"
DEMO_STAFF_DISPLAY_NAME = "Demo-medarbejder"
# A published demo password for local trials; deployments set DEMO_STAFF_PASSWORD.
DEMO_STAFF_DEFAULT_PASSWORD = "samskab-demo-2025"  # noqa: S105


def demo_staff_password() -> str:
    return os.environ.get("DEMO_STAFF_PASSWORD") or DEMO_STAFF_DEFAULT_PASSWORD


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


def demo_staff():
    """Municipal staff post for organisations without a demo coordinator, as they may: the
    demo staff login that load_demo makes (made here first when a loader runs before it)."""
    staff = get_user_model().objects.filter(email=DEMO_STAFF_EMAIL).first()
    if staff is not None and is_municipal_staff(staff):
        return staff
    return ensure_demo_staff_user(password=demo_staff_password())
