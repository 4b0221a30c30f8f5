"""The vision's results that volunteers' hours show (``Indicator`` in
samskab/core/extensions.py, declared in contributions.py): the hours volunteered and the
people who volunteered them, from the hours entries that are approved or waiting for
approval (a volunteer's own log counts from the next round; a coordinator's "no" takes it
out again while the period is open).

An entry is dated, not timed: it counts from the local midnight that starts its day. The
person is the entry's ``person_key``, which stays the same for a volunteer's entries after
they delete their account.
"""

from collections.abc import Iterator
from datetime import datetime, time

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import Fact, Indicator
from samskab.volunteering.models import HoursEntry

CHUNK = 5000


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def hours_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    entries = HoursEntry.objects.exclude(status=HoursEntry.Status.REJECTED).order_by()
    # Days are compared in local time; the exact bounds are checked on each entry's start.
    if since is not None:
        entries = entries.filter(date__gte=timezone.localtime(since).date())
    entries = entries.filter(date__lte=timezone.localtime(until).date())
    rows = entries.values_list("date", "hours", "person_key", "opportunity__town__slug")
    for day, hours, person_key, town in rows.iterator(chunk_size=CHUNK):
        at = _start_of(day)
        if (since is None or at >= since) and at < until:
            yield Fact(at=at, key=person_key, amount=hours, town=town or "")


DEFINITION_OF_ENTRIES = _(
    "Hours entries: the hours credited for attended shifts and needs, and the hours "
    "volunteers logged themselves, from the moment they log them (as a coordinator may "
    "correct them). Entries a coordinator did not approve are left out; while a period is "
    "open, a refusal takes its hours out again. An entry counts on the day the work was "
    "done. Town is the opportunity's; hours from needs and from opportunities done from "
    "home have no town."
)

INDICATORS = (
    Indicator(
        slug="volunteering-hours",
        title=_("Volunteer hours"),
        definition=DEFINITION_OF_ENTRIES,
        unit=_("hours"),
        measure="sum",
        facts=hours_facts,
        breakdowns=("town",),
    ),
    Indicator(
        slug="volunteering-volunteers",
        title=_("Volunteers"),
        definition=format_lazy(
            "{} {}",
            _(
                "Different people with at least one hours entry dated in the period, counted "
                "once however many hours they gave. A volunteer who deleted their account is "
                "still counted once."
            ),
            DEFINITION_OF_ENTRIES,
        ),
        unit=_("people"),
        measure="distinct",
        facts=hours_facts,
        breakdowns=("town",),
    ),
)
