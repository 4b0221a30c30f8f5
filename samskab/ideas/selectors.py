"""Reads, each in a fixed number of queries whatever the number of ideas."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from samskab.core.paging import CappedPaginator
from samskab.core.text import search_condition, search_words
from samskab.ideas import conf
from samskab.ideas.models import Answer, HelpOffer, Idea, Support

PER_PAGE = 20
SIMILAR = 5
# The map draws at most this many markers (the first in the list's order) and says so.
MAP_MARKER_LIMIT = 500


class Sort:
    NEWEST = "newest"
    SUPPORTED = "supported"
    DISCUSSED = "discussed"
    ANSWERED = "answered"
    ORDER = {
        NEWEST: ("-created_at", "-pk"),
        SUPPORTED: ("-supports_count", "-pk"),
        DISCUSSED: ("-comments_count", "-pk"),
        ANSWERED: (F("last_answered_at").desc(nulls_last=True), "-pk"),
    }


@dataclass(frozen=True)
class Criteria:
    search: str = ""
    focus_area: str = ""
    status: str = ""
    town: str = ""
    sort: str = Sort.NEWEST


def _listed() -> QuerySet:
    """Published ideas (not held for review, not hidden), as lists show them."""
    return Idea.objects.published().select_related("status", "town").prefetch_related("focus_areas")


def _search_condition(words: list[str]) -> Q:
    return search_condition(words, vector="search_vector", text="search_text")


def ideas(criteria: Criteria) -> QuerySet:
    found = _listed()
    words = search_words(criteria.search)
    if words:
        found = found.filter(_search_condition(words))
    if criteria.focus_area:
        found = found.filter(focus_areas__slug=criteria.focus_area)
    if criteria.status:
        found = found.filter(status__slug=criteria.status)
    if criteria.town:
        found = found.filter(town__slug=criteria.town)
    return found.order_by(*Sort.ORDER.get(criteria.sort, Sort.ORDER[Sort.NEWEST]))


def ideas_page(criteria: Criteria, page_number):
    """One page of ideas with their status and town (the count and the page; the cards
    read the focus areas of those not kept, ``cards.attach_cards``), as a list."""
    page = CappedPaginator(ideas(criteria).prefetch_related(None), PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


@dataclass(frozen=True)
class MapData:
    """The markers of the ideas on the map (plain data for map.js) and how many ideas
    with a place match."""

    markers: list[dict]
    count: int

    @property
    def is_limited(self) -> bool:
        return len(self.markers) < self.count


def _marker(idea: Idea) -> dict:
    """An idea's own point, or else its town's."""
    if idea.has_place:
        lat, lng = float(idea.latitude), float(idea.longitude)
    else:
        lat, lng = idea.town.latitude, idea.town.longitude
    supporters = ngettext("%(count)s supporter", "%(count)s supporters", idea.supports_count)
    return {
        "lat": lat,
        "lng": lng,
        "title": idea.title,
        "lang": idea.language,
        "url": idea.get_absolute_url(),
        "status": idea.status.name if idea.status else "",
        "supporters": supporters % {"count": idea.supports_count},
        "town": idea.town.name if idea.town else "",
    }


def map_markers(criteria: Criteria, *, limit: int | None = None) -> MapData:
    """The matching published ideas that have a place (a point, or a town), the first
    ``limit`` in the list's order, as markers. Two queries."""
    placed = ideas(criteria).filter(
        Q(latitude__isnull=False, longitude__isnull=False) | Q(town__isnull=False)
    )
    count = placed.count()
    if not count:
        return MapData(markers=[], count=0)
    rows = placed.prefetch_related(None).defer("text", "search_text", "search_vector")
    return MapData(
        markers=[_marker(idea) for idea in rows[: limit or MAP_MARKER_LIMIT]], count=count
    )


def similar_ideas(title: str, text: str = "", *, limit: int = SIMILAR) -> list[Idea]:
    """Ideas that share words with a new one, the closest first: "support this one instead?"."""
    words = search_words(f"{title} {text}")
    words = [word for word in words if len(word) > 3] or words
    if not words:
        return []
    if connection.vendor == "postgresql":
        raw = " | ".join(f"{word}:*" for word in words)
        query = SearchQuery(raw, search_type="raw", config="danish") | SearchQuery(
            raw, search_type="raw", config="english"
        )
        found = (
            _listed()
            .filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-supports_count", "-pk")
        )
        return list(found[:limit])
    condition = Q()
    for word in words:
        condition |= Q(search_text__contains=word)
    return list(_listed().filter(condition).order_by("-supports_count", "-pk")[:limit])


def idea(pk: int, user) -> Idea | None:
    """The idea if ``user`` may see it: published, or held or hidden and theirs (or they
    are staff). The need it became is read only when asked for: few ideas have one, and
    joining it made this query about a third dearer."""
    return (
        Idea.objects.visible_to(user)
        .select_related("author", "status", "town", "initiative")
        .prefetch_related("focus_areas", "revisions")
        .filter(pk=pk)
        .first()
    )


def answers_of(idea: Idea) -> list[Answer]:
    """Every answer, the newest first (the current one), with what it links to."""
    return list(idea.answers.select_related("status", "initiative"))


def supported_by(idea: Idea, user) -> bool:
    return user.is_authenticated and Support.objects.filter(idea=idea, user=user).exists()


def help_offer_of(idea: Idea, user) -> HelpOffer | None:
    if not user.is_authenticated:
        return None
    return HelpOffer.objects.filter(idea=idea, user=user).first()


def help_offers(idea: Idea) -> list[HelpOffer]:
    return list(idea.help_offers.select_related("user").order_by("created_at"))


def answer_due_at(idea: Idea):
    if idea.answer_due_from is None:
        return None
    return idea.answer_due_from + conf.answer_within()


def answers_due(*, now=None) -> dict[str, list[Idea]]:
    """For staff: ideas the promise covers that have no answer yet, overdue first."""
    now = now or timezone.now()
    waiting = list(
        _listed()
        .filter(answer_due_from__isnull=False, answered_at__isnull=True)
        .order_by("answer_due_from", "pk")
    )
    limit = now - conf.answer_within()
    return {
        "overdue": [i for i in waiting if i.answer_due_from <= limit],
        "due": [i for i in waiting if i.answer_due_from > limit],
    }


def promise_kept(*, now=None) -> dict[str, int | None]:
    """The public figure: of the ideas whose answer was due by now or came, how many were
    answered within the promise (``percent`` is None while there are none)."""
    now = now or timezone.now()
    within = conf.answer_within()
    covered = Idea.objects.filter(answer_due_from__isnull=False).filter(
        Q(answered_at__isnull=False) | Q(answer_due_from__lte=now - within)
    )
    # One pass over the ideas for both counts (the list page shows the figure).
    counts = covered.aggregate(
        total=Count("pk"),
        kept=Count("pk", filter=Q(answered_at__lte=F("answer_due_from") + within)),
    )
    total, kept = counts["total"], counts["kept"]
    return {"total": total, "kept": kept, "percent": round(100 * kept / total) if total else None}


def latest_answers(limit: int = 3) -> list[Answer]:
    """The newest answers to published ideas (one query)."""
    return list(
        Answer.objects.filter(idea__in=Idea.objects.published())
        .select_related("idea", "status")
        .order_by("-created_at", "-pk")[:limit]
    )


def ideas_about(*, focus_area=None, initiative=None, limit: int = 4) -> dict:
    """The newest published ideas of a focus area or an initiative, with their status and
    town (for ``cards.attach_cards``), and how many there are (two queries)."""
    found = _listed().prefetch_related(None)
    if focus_area is not None:
        found = found.filter(focus_areas=focus_area)
    if initiative is not None:
        found = found.filter(initiative=initiative)
    return {"ideas": list(found.order_by("-created_at", "-pk")[:limit]), "count": found.count()}


def helpers_found(idea: Idea) -> dict[str, int] | None:
    """For an idea turned into a need: places taken and places asked for."""
    need = idea.need
    if need is None:
        return None
    from samskab.needs import selectors as need_selectors

    slot = need_selectors.slot_of(need)
    if slot is None:
        return None
    return {"found": need_selectors.holding_count(slot), "wanted": slot.capacity or 0}


def organisations_for_need(user):
    """The approved organisations ``user`` may post a need for: every one for municipal
    staff, those they coordinate for anyone else."""
    from samskab.accounts.roles import is_municipal_staff
    from samskab.organisations.models import Organisation
    from samskab.organisations.selectors import COORDINATING_ROLES

    approved = Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name")
    if is_municipal_staff(user):
        return approved
    return approved.filter(
        memberships__user=user, memberships__role__in=COORDINATING_ROLES
    ).distinct()


def towns_with_ideas():
    """The towns the list can filter by: those with a published idea (one index lookup per
    town, however many ideas there are)."""
    from django.db.models import Exists, OuterRef

    from samskab.reference.models import Town

    return Town.objects.filter(
        Exists(Idea.objects.published().filter(town=OuterRef("pk")))
    ).order_by("name")
