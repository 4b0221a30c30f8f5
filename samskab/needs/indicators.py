"""The vision's results that needs show (``Indicator`` in samskab/core/extensions.py,
declared in contributions.py): how often a need gets all the people it asks for in time, and
how many organisations are active on the platform.

The organisations' figure is declared here because needs is the lowest app that sees all
three things an organisation does with people: activity sessions, volunteer shifts and
needs (organisations itself sits below them all in the layers).

A need's people are its slot's places (capacity). Whether it had them all within
``RESULTS_NEEDS_COVERED_DAYS`` is reconstructed from its bookings: each holds a place from
``confirmed_at`` until ``cancelled_at`` (needs keep no waiting list, so an acceptance is a
confirmed place at once).
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samskab.activities.models import ActivitySession
from samskab.booking.models import Booking
from samskab.core.extensions import Fact, Indicator
from samskab.needs.models import Need
from samskab.volunteering.models import Shift

CHUNK = 5000
NEED = "slot__needs_need"


def covered_within() -> timedelta:
    return timedelta(days=settings.RESULTS_NEEDS_COVERED_DAYS)


def _between(field: str, since: datetime | None, until: datetime) -> Q:
    window = Q(**{f"{field}__lt": until})
    if since is not None:
        window &= Q(**{f"{field}__gte": since})
    return window


def _had_everyone_by(places: int | None, holdings: list[tuple], deadline: datetime) -> bool:
    """Whether the places held reached ``places`` at some moment up to ``deadline``."""
    if not places:
        return False
    changes = []
    for confirmed_at, cancelled_at in holdings:
        changes.append((confirmed_at, 1))
        if cancelled_at is not None:
            changes.append((cancelled_at, -1))
    held = 0
    # A cancellation and an acceptance at the same moment: the place changes hands.
    for moment, change in sorted(changes, key=lambda item: (item[0], item[1])):
        if moment > deadline:
            break
        held += change
        if held >= places:
            return True
    return False


def covered_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    within = covered_within()
    needs = Need.objects.filter(_between("starts_at", since, until)).exclude(
        status=Need.Status.CANCELLED
    )
    holdings: dict[int, list[tuple]] = defaultdict(list)
    booking_rows = (
        Booking.objects.filter(
            _between(f"{NEED}__starts_at", since, until), confirmed_at__isnull=False
        )
        .order_by()
        .values_list("slot__object_id", "confirmed_at", "cancelled_at")
    )
    for need_id, confirmed_at, cancelled_at in booking_rows.iterator(chunk_size=CHUNK):
        holdings[need_id].append((confirmed_at, cancelled_at))
    rows = needs.order_by().values_list(
        "pk", "created_at", "starts_at", "town__slug", "booking_slots__capacity"
    )
    for pk, created_at, starts_at, town, places in rows.iterator(chunk_size=CHUNK):
        deadline = min(created_at + within, starts_at)
        yield Fact(
            at=starts_at,
            key=f"need:{pk}",
            hit=_had_everyone_by(places, holdings.get(pk, []), deadline),
            town=town or "",
        )


def active_organisation_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    """One fact per session, shift or need that was not cancelled; the organisation is the
    key, so it is counted once per period (and once per town it was active in)."""
    sources = (
        ActivitySession.objects.filter(booking_slots__cancelled_at__isnull=True).values_list(
            "starts_at", "activity__organisation_id", "activity__town__slug"
        ),
        Shift.objects.filter(booking_slots__cancelled_at__isnull=True).values_list(
            "starts_at", "opportunity__organisation_id", "opportunity__town__slug"
        ),
        Need.objects.exclude(status=Need.Status.CANCELLED).values_list(
            "starts_at", "organisation_id", "town__slug"
        ),
    )
    for rows in sources:
        rows = rows.filter(_between("starts_at", since, until)).order_by()
        for starts_at, organisation_id, town in rows.iterator(chunk_size=CHUNK):
            yield Fact(at=starts_at, key=f"organisation:{organisation_id}", town=town or "")


def _covered_definition() -> str:
    days = settings.RESULTS_NEEDS_COVERED_DAYS
    return ngettext(
        "Of the needs that were to start in the period (not cancelled), the share that had "
        "every person they asked for within %(days)d day of being posted (or before they "
        "started, if that came sooner). A need counts in the period of its start; it has "
        "had everyone when the places held by people who accepted reached the number asked "
        "for at some moment, even if someone later cancelled. Town is the need's; needs "
        "done from home have none.",
        "Of the needs that were to start in the period (not cancelled), the share that had "
        "every person they asked for within %(days)d days of being posted (or before they "
        "started, if that came sooner). A need counts in the period of its start; it has "
        "had everyone when the places held by people who accepted reached the number asked "
        "for at some moment, even if someone later cancelled. Town is the need's; needs "
        "done from home have none.",
        days,
    ) % {"days": days}


INDICATORS = (
    Indicator(
        slug="needs-covered-in-time",
        title=_("Needs that got their people in time"),
        definition=lazy(_covered_definition, str)(),
        unit=_("per cent of needs"),
        measure="share",
        facts=covered_facts,
        breakdowns=("town",),
    ),
    Indicator(
        slug="needs-active-organisations",
        title=_("Active organisations"),
        definition=_(
            "Different organisations with at least one activity session, volunteer shift "
            "or need that was not cancelled and started in the period, counted once. Town "
            "is that of the activity, opportunity or need; an organisation active in "
            "several towns is counted in each, and one with only work from home in none."
        ),
        unit=_("organisations"),
        measure="distinct",
        facts=active_organisation_facts,
        breakdowns=("town",),
    ),
)
