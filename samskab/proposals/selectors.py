"""Reads, each in a fixed number of queries."""

import math
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.text import search_words
from samskab.ideas.models import Idea
from samskab.proposals import conf
from samskab.proposals.models import (
    CARRIED_OUT,
    PUBLIC_STEPS,
    Channel,
    Event,
    Proposal,
    Signature,
    Status,
)

PER_PAGE = 20
SIMILAR = 5


@dataclass(frozen=True)
class Group:
    slug: str
    label: str
    statuses: tuple[str, ...]


GROUPS = (
    Group("indsamler", _("Collecting signatures"), (Status.COLLECTING,)),
    Group("byraadet", _("At the city council"), (Status.THRESHOLD_REACHED, Status.SCHEDULED)),
    Group(
        "besluttet",
        _("Decided"),
        (Status.DECIDED, Status.IN_PROGRESS, Status.IMPLEMENTED),
    ),
    Group("afsluttet", _("Ended"), (Status.EXPIRED, Status.WITHDRAWN)),
)


def group(slug: str | None) -> Group:
    return next((found for found in GROUPS if found.slug == slug), GROUPS[0])


def group_counts() -> dict[str, int]:
    """How many proposals each tab holds, in one query."""
    counts = dict(
        Proposal.objects.filter(status__in=[s for g in GROUPS for s in g.statuses])
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {g.slug: sum(counts.get(status, 0) for status in g.statuses) for g in GROUPS}


def proposals_page(tab: Group, number):
    found = Proposal.objects.filter(status__in=tab.statuses).select_related("initiative")
    if tab.statuses == (Status.COLLECTING,):
        found = found.order_by("collecting_until", "pk")
    else:
        found = found.order_by("-collecting_from", "-pk")
    return Paginator(found, PER_PAGE).get_page(number)


def proposal(pk: int, user) -> Proposal | None:
    """The proposal if ``user`` may see it."""
    return (
        Proposal.objects.visible_to(user)
        .select_related("author", "rejection_reason", "initiative", "idea")
        .filter(pk=pk)
        .first()
    )


def public_path(proposal: Proposal) -> list[Event]:
    return list(proposal.events.filter(step__in=PUBLIC_STEPS))


# The way a proposal goes when all goes well.
MAIN_PATH = (
    Status.SUBMITTED,
    Status.COLLECTING,
    Status.THRESHOLD_REACHED,
    Status.SCHEDULED,
    Status.DECIDED,
    Status.IN_PROGRESS,
    Status.IMPLEMENTED,
)


def next_steps(proposal: Proposal) -> list[str]:
    """The stages still ahead, for "what happens next" on the path."""
    if proposal.status == Status.DRAFT:
        return [Status(status).label for status in MAIN_PATH]
    if proposal.status not in MAIN_PATH:
        return []
    if proposal.status == Status.DECIDED and proposal.decision not in CARRIED_OUT:
        return []
    ahead = MAIN_PATH[MAIN_PATH.index(proposal.status) + 1 :]
    return [Status(status).label for status in ahead]


def audit_log(proposal: Proposal) -> list[Event]:
    """Every step with the staff member's name, for staff."""
    return list(proposal.events.select_related("by"))


def days_left(proposal: Proposal) -> int | None:
    if proposal.status != Status.COLLECTING or proposal.collecting_until is None:
        return None
    seconds = (proposal.collecting_until - timezone.now()).total_seconds()
    return max(0, math.ceil(seconds / 86400))


def similar_proposals(proposal: Proposal, *, limit: int = SIMILAR) -> list[Proposal]:
    """Public proposals sharing words with this one: "sign that one instead?" before a
    draft is submitted. Proposals are few (hundreds, not thousands), so a plain search of
    their words serves on every database."""
    words = [word for word in search_words(f"{proposal.title} {proposal.text}") if len(word) > 3]
    if not words:
        return []
    condition = Q()
    for word in words[:20]:
        condition |= Q(search_text__contains=word)
    found = (
        Proposal.objects.filter(
            condition, status__in=(Status.COLLECTING, Status.THRESHOLD_REACHED, Status.SCHEDULED)
        )
        .exclude(pk=proposal.pk)
        .order_by("-signature_count", "-pk")
    )
    return list(found[:limit])


def staff_queue() -> dict[str, list[Proposal]]:
    """What waits for staff: the formal check (the oldest promise first), scheduling and
    the council's decision."""
    waiting = Proposal.objects.filter(
        status__in=(Status.SUBMITTED, Status.THRESHOLD_REACHED, Status.SCHEDULED)
    ).order_by("check_due_at", "threshold_reached_at", "council_meeting", "pk")
    queue = {Status.SUBMITTED: [], Status.THRESHOLD_REACHED: [], Status.SCHEDULED: []}
    for found in waiting:
        queue[found.status].append(found)
    return queue


def desk_signatures(proposal: Proposal) -> dict[str, int]:
    """Signatures by channel, for staff."""
    counts = dict(
        Signature.objects.filter(proposal=proposal)
        .values_list("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    return {channel: counts.get(channel, 0) for channel in Channel.values}


def signed_by(identity: str | None) -> list[Signature]:
    """The proposals a person signed, found by their identity hash (for their data
    download; nothing once the hashes are deleted)."""
    if not identity:
        return []
    return list(
        Signature.objects.filter(identity_hash=identity)
        .select_related("proposal")
        .order_by("signed_at")
    )


def rules() -> dict:
    return {
        "threshold": conf.threshold(),
        "days": conf.collection_period().days,
        "min_age": conf.min_age(),
        "co_proposers": conf.co_proposers(),
        "check_days": conf.check_within().days,
    }


def is_proposer(proposal: Proposal, user) -> bool:
    if not user.is_authenticated:
        return False
    return proposal.author_id == user.pk or proposal.co_proposers.filter(user=user).exists()


def for_initiative(initiative) -> list[Proposal]:
    return list(
        Proposal.objects.filter(
            initiative=initiative, status__in=(Status.IN_PROGRESS, Status.IMPLEMENTED)
        ).order_by("-decided_at", "-pk")
    )


def ideas_to_propose(user) -> list:
    """The person's published ideas that are not proposals yet: "start from your idea"."""
    return list(
        Idea.objects.published()
        .filter(author=user, proposal__isnull=True)
        .order_by("-created_at")[:20]
    )
