"""Reading visiting friends for pages, each in a fixed number of queries.

Who sees what: a programme's requests, offers and matches only through its organisation's
coordinators (``can_coordinate``, checked by the views); a citizen only their own requests
(``requests_of``) and a volunteer only their own offers (``offers_of``); either side of a
match only through ``match_for_participant`` or the emailed link (``match_by_token``).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from samskab.organisations.models import Organisation
from samskab.reference.models import Interest, Language, Town
from samskab.visiting import matching
from samskab.visiting.models import (
    VisitingProgramme,
    VisitMatch,
    VisitOffer,
    VisitRequest,
    hash_token,
)

LIVE = VisitMatch.LIVE_STATUSES


def towns() -> QuerySet[Town]:
    return Town.objects.order_by("name", "pk")


def interests() -> QuerySet[Interest]:
    return Interest.objects.order_by("order", "name", "pk")


def languages() -> QuerySet[Language]:
    return Language.objects.order_by("order", "pk")


# --- programmes -------------------------------------------------------------------------------


def active_programmes() -> list[VisitingProgramme]:
    """Programmes taking requests and offers, of approved organisations."""
    return list(
        VisitingProgramme.objects.filter(
            is_active=True, organisation__status=Organisation.Status.APPROVED
        )
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def programme_of(organisation) -> VisitingProgramme | None:
    return VisitingProgramme.objects.filter(organisation=organisation).first()


# --- the citizen and the volunteer -----------------------------------------------------------


def _request_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "town", "programme__organisation", "requested_by"
    ).prefetch_related(
        Prefetch("interests", queryset=interests()), Prefetch("languages", queryset=languages())
    )


def _live_matches_with_offer() -> Prefetch:
    return Prefetch(
        "matches",
        queryset=VisitMatch.objects.filter(status__in=LIVE)
        .select_related("offer__profile__user")
        .prefetch_related(
            "offer__profile__towns", "offer__profile__interests", "offer__profile__languages"
        ),
        to_attr="live_matches",
    )


def requests_of(user) -> list[VisitRequest]:
    """The requests the person made (for themself or someone else), newest first, each with
    ``live_matches`` (the proposal or match in play, at most one)."""
    if not user.is_authenticated:
        return []
    return list(
        _request_relations(VisitRequest.objects.filter(requested_by=user))
        .prefetch_related(_live_matches_with_offer())
        .order_by("-created_at", "-pk")
    )


def offers_of(user) -> list[VisitOffer]:
    """The person's offers to be a visiting friend, each with ``live_matches`` (with their
    request, town, interests and languages)."""
    if not user.is_authenticated:
        return []
    return list(
        VisitOffer.objects.filter(profile__user=user)
        .select_related("programme__organisation", "profile__user")
        .prefetch_related(
            Prefetch(
                "matches",
                queryset=VisitMatch.objects.filter(status__in=LIVE)
                .select_related(
                    "request__town", "request__requested_by", "request__programme__organisation"
                )
                .prefetch_related(
                    Prefetch("request__interests", queryset=interests()),
                    Prefetch("request__languages", queryset=languages()),
                )
                .order_by("-proposed_at"),
                to_attr="live_matches",
            )
        )
        .order_by("-created_at", "-pk")
    )


def own_offer(*, user, pk: int) -> VisitOffer | None:
    if not user.is_authenticated:
        return None
    return VisitOffer.objects.filter(pk=pk, profile__user=user).first()


def own_request(*, user, pk: int) -> VisitRequest | None:
    if not user.is_authenticated:
        return None
    return VisitRequest.objects.filter(pk=pk, requested_by=user).first()


def offer_for(*, programme, profile) -> VisitOffer | None:
    return VisitOffer.objects.filter(programme=programme, profile=profile).first()


def _match_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "request__town",
        "request__requested_by",
        "request__programme__organisation",
        "offer__profile__user",
    ).prefetch_related(
        Prefetch("request__interests", queryset=interests()),
        Prefetch("request__languages", queryset=languages()),
        "offer__profile__towns",
        "offer__profile__interests",
        "offer__profile__languages",
    )


def match_for_participant(*, user, pk: int) -> tuple[VisitMatch, str] | tuple[None, None]:
    """The match ``pk`` and the person's side in it, or (None, None) for anyone else."""
    if not user.is_authenticated:
        return None, None
    match = (
        _match_relations(VisitMatch.objects.filter(pk=pk))
        .filter(Q(request__requested_by=user) | Q(offer__profile__user=user))
        .first()
    )
    if match is None:
        return None, None
    side = (
        VisitMatch.Side.CITIZEN
        if match.request.requested_by_id == user.pk
        else VisitMatch.Side.VOLUNTEER
    )
    return match, side


def match_by_token(token: str) -> tuple[VisitMatch, str] | tuple[None, None]:
    """The match an emailed link belongs to and whose link it is."""
    if not token:
        return None, None
    hashed = hash_token(token)
    match = _match_relations(
        VisitMatch.objects.filter(Q(citizen_token_hash=hashed) | Q(volunteer_token_hash=hashed))
    ).first()
    if match is None:
        return None, None
    side = (
        VisitMatch.Side.CITIZEN if match.citizen_token_hash == hashed else VisitMatch.Side.VOLUNTEER
    )
    return match, side


# --- coordinators ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingEntry:
    request: VisitRequest
    waited_days: int
    live_match: VisitMatch | None


def waiting_list(programme, *, now: datetime | None = None) -> list[WaitingEntry]:
    """Open requests (waiting, or with a proposal out), longest waiting first, with how many
    days each person has waited since they asked. Three queries."""
    now = now or timezone.now()
    requests = (
        VisitRequest.objects.filter(programme=programme, status__in=VisitRequest.OPEN_STATUSES)
        .select_related("town", "requested_by")
        .prefetch_related(
            Prefetch(
                "matches",
                queryset=VisitMatch.objects.filter(
                    status=VisitMatch.Status.PROPOSED
                ).select_related("offer__profile__user"),
                to_attr="live_matches",
            )
        )
        .order_by("created_at", "pk")
    )
    return [
        WaitingEntry(
            request=request,
            waited_days=max((now - request.created_at).days, 0),
            live_match=request.live_matches[0] if request.live_matches else None,
        )
        for request in requests
    ]


def current_matches(programme) -> list[VisitMatch]:
    """Pairs who both accepted, newest first."""
    return list(
        VisitMatch.objects.filter(request__programme=programme, status=VisitMatch.Status.ACCEPTED)
        .select_related("request__town", "offer__profile__user")
        .order_by("-decided_at", "-pk")
    )


def offers_for_programme(programme) -> list[VisitOffer]:
    """Every offer to the programme, available ones first, with ``live_count`` (proposals
    and matches in play) and the volunteer's towns."""
    return list(
        VisitOffer.objects.filter(programme=programme)
        .select_related("profile__user")
        .prefetch_related("profile__towns")
        .annotate(live_count=Count("matches", filter=Q(matches__status__in=LIVE)))
        .order_by("status", "created_at", "pk")
    )


def request_for_management(*, programme, pk: int) -> VisitRequest | None:
    """The programme's request ``pk`` (None for another programme's), with every match."""
    return (
        _request_relations(VisitRequest.objects.filter(programme=programme, pk=pk))
        .prefetch_related(
            Prefetch(
                "matches",
                queryset=VisitMatch.objects.select_related("offer__profile__user").order_by(
                    "-proposed_at", "-pk"
                ),
                to_attr="all_matches",
            )
        )
        .first()
    )


def match_for_management(*, programme, pk: int) -> VisitMatch | None:
    return _match_relations(VisitMatch.objects.filter(request__programme=programme, pk=pk)).first()


def candidates_for(visit_request: VisitRequest) -> list[matching.Candidate]:
    """Ranked volunteers for the request (see ``matching``). Five queries."""
    excluded = {
        match.offer_id
        for match in visit_request.all_matches
        if match.status in (VisitMatch.Status.DECLINED, *LIVE)
    }
    offers = (
        VisitOffer.objects.filter(programme_id=visit_request.programme_id)
        .select_related("profile__user")
        .prefetch_related("profile__towns", "profile__interests", "profile__languages")
        .annotate(live_count=Count("matches", filter=Q(matches__status__in=LIVE)))
        .order_by("created_at", "pk")
    )
    offers = list(offers)
    return matching.rank_candidates(
        visit_request,
        offers,
        excluded_offer_ids=excluded,
        live_counts={offer.pk: offer.live_count for offer in offers},
    )
