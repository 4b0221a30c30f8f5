"""Børneattest in the demo: the demo volunteer signs up for the coming shifts of Ribe
Lektiecafé's homework café (a task with children under 15), which crosses the rule, so the
organisation's page shows "Børneattest needed" and the volunteer's page explains why. Then
every demo engagement is checked as the daily command would. Needs the volunteering demo
first. Idempotent: signing up twice changes nothing, and a status is stored once. No email
is sent: the people are invented."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from samskab.booking import services as booking_services
from samskab.childsafety import services
from samskab.childsafety.models import AttestStatus
from samskab.demo.loaders import DemoLoader, bookable_after
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL
from samskab.volunteering.models import Opportunity

ORGANISATION = "ribe-lektiecafe"
SHIFTS = 4


def load_childsafety_demo() -> str:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _load()


@transaction.atomic
def _load() -> str:
    volunteer = get_user_model().objects.filter(email=DEMO_VOLUNTEER_EMAIL).first()
    opportunity = (
        Opportunity.objects.filter(organisation__slug=ORGANISATION, involves_children=True)
        .order_by("pk")
        .first()
    )
    if volunteer is None or opportunity is None:
        raise RuntimeError("The børneattest demo needs the volunteering demo.")
    now = timezone.now()
    coming = (
        opportunity.shifts.filter(
            starts_at__gt=bookable_after(now), booking_slots__cancelled_at__isnull=True
        )
        .prefetch_related("booking_slots")
        .order_by("starts_at")[:SHIFTS]
    )
    for shift in coming:
        booking_services.request_booking(slot=shift.booking_slot, user=volunteer)
    services.check_all()
    services.expire_approvals()
    needed = AttestStatus.objects.filter(state=AttestStatus.State.NEEDED).count()
    return f"Børneattest: {needed} volunteer(s) need one (the demo volunteer at Ribe Lektiecafé)"


LOADER = DemoLoader(
    "childsafety",
    "samskab.demo.loaders.childsafety.load_childsafety_demo",
    requires=("volunteering",),
)
