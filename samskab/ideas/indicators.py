"""The vision's results that ideas show (``Indicator`` in samskab/core/extensions.py,
declared in contributions.py): how well the municipality keeps its promise to answer ideas
with enough supporters within ``IDEAS_ANSWER_DAYS`` (``conf``).

An idea counts when its answer falls due (``answer_due_from`` plus the promised days): from
then on whether it was answered in time can no longer change, so a period's figure is final
when the period is.
"""

from collections.abc import Iterator
from datetime import UTC, datetime

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samskab.core.extensions import Fact, Indicator
from samskab.ideas import conf
from samskab.ideas.models import Idea

CHUNK = 5000


def answered_in_time_facts(since: datetime | None, until: datetime) -> Iterator[Fact]:
    within = conf.answer_within()
    # In UTC: days of the promise are whole 24 hours, also across a change of summer time
    # (arithmetic on a local time would keep the wall clock instead).
    ideas = Idea.objects.filter(
        answer_due_from__isnull=False, answer_due_from__lt=until.astimezone(UTC) - within
    ).order_by()
    if since is not None:
        ideas = ideas.filter(answer_due_from__gte=since.astimezone(UTC) - within)
    rows = ideas.values_list("pk", "answer_due_from", "answered_at", "town__slug", "language")
    for pk, due_from, answered_at, town, language in rows.iterator(chunk_size=CHUNK):
        due_at = due_from + within
        yield Fact(
            at=due_at,
            key=f"idea:{pk}",
            hit=answered_at is not None and answered_at <= due_at,
            town=town or "",
            language=language or "",
        )


def _definition() -> str:
    supports, days = conf.answer_supports(), conf.answer_within().days
    return ngettext(
        "The municipality promises to answer an idea within %(days)d day of its "
        "reaching %(supports)d supporters. Of the ideas whose answer fell due in the "
        "period, the share that had their first answer by then. An idea counts at the "
        "moment its answer is due, whether it was answered earlier or not at all, and "
        "whether or not it is still published. Town is the one the idea names; language "
        "is the one it was written in.",
        "The municipality promises to answer an idea within %(days)d days of its "
        "reaching %(supports)d supporters. Of the ideas whose answer fell due in the "
        "period, the share that had their first answer by then. An idea counts at the "
        "moment its answer is due, whether it was answered earlier or not at all, and "
        "whether or not it is still published. Town is the one the idea names; language "
        "is the one it was written in.",
        days,
    ) % {"days": days, "supports": supports}


INDICATORS = (
    Indicator(
        slug="ideas-answered-in-time",
        title=_("Ideas answered within the promise"),
        definition=lazy(_definition, str)(),
        unit=_("per cent of ideas"),
        measure="share",
        facts=answered_in_time_facts,
        breakdowns=("town", "language"),
    ),
)
