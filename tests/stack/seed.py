"""What the fault tests need in the stack's database, made under the stack's own settings:

    python tests/stack/seed.py PEOPLE

prints JSON: ``people`` (PEOPLE citizens, each already logged in: a session made the way a
login makes it), ``slots`` (activity sessions open for sign-up, in the future, that never
refuse a newcomer: no limit or a waiting list), ``activity`` (the page of an activity
whose first coming session has places left, with that session's slot, which ``slots``
leaves out) and ``logo`` (the address of an organisation's logo, uploaded to MEDIA_ROOT as
a form would)."""

import io
import json
import sys
from datetime import timedelta
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.core.files.base import ContentFile  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from samskab.activities.models import ActivitySession  # noqa: E402
from samskab.booking import selectors  # noqa: E402
from samskab.booking.models import Slot  # noqa: E402
from samskab.organisations.models import Organisation  # noqa: E402


def logged_in_people(count: int) -> list[dict]:
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    people = []
    for number in range(count):
        user, _created = get_user_model().objects.get_or_create(
            email=f"stack-test-{number}@example.org",
            defaults={"display_name": f"Stack Test {number}", "preferred_language": "en"},
        )
        session = session_store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        people.append({"id": user.pk, "email": user.email, "session": session.session_key})
    return people


def open_slots() -> list[Slot]:
    soon = timezone.now() + timedelta(hours=2)
    candidates = Slot.objects.filter(
        content_type__app_label="activities",
        content_type__model="activitysession",
        cancelled_at__isnull=True,
        starts_at__gt=soon,
    ).order_by("starts_at", "pk")
    return [
        slot
        for slot in candidates
        if slot.owner is not None
        and slot.owner.booking_sign_up_open()
        and (slot.capacity is None or slot.waitlist_enabled)
    ]


def activity_with_places(slots: list[Slot]) -> dict:
    for slot in slots:
        session = slot.owner
        first = (
            ActivitySession.objects.filter(activity=session.activity, starts_at__gt=timezone.now())
            .order_by("starts_at", "pk")
            .first()
        )
        if first is None or first.pk != session.pk or slot.capacity is None:
            continue
        if selectors.places_left(slot) >= 2:
            with translation.override("en"):
                path = session.activity.get_absolute_url()
            return {"path": path, "slot": slot.pk}
    raise SystemExit("No activity whose first session has places left.")


def uploaded_logo() -> str:
    from PIL import Image

    organisation = Organisation.objects.order_by("pk").first()
    if not organisation.logo:
        image = io.BytesIO()
        Image.new("RGB", (64, 64), (0, 105, 170)).save(image, format="PNG")
        organisation.logo.save("logo.png", ContentFile(image.getvalue()))
    return organisation.logo.url


def main() -> None:
    people = logged_in_people(int(sys.argv[1]))
    slots = open_slots()
    activity = activity_with_places(slots)
    print(
        json.dumps(
            {
                "people": people,
                # The sign-up loads leave the activity's session alone: its places left
                # must only change when the shared-cache test signs up.
                "slots": [slot.pk for slot in slots if slot.pk != activity["slot"]],
                "activity": activity,
                "logo": uploaded_logo(),
            }
        )
    )


if __name__ == "__main__":
    main()
