"""Every change to visiting friends.

Rules, in one place:
- A request records who asked (``requested_by``), for whom (``relation``, ``person_name``)
  and that the person consented; it needs a phone number or an email address.
- A volunteer offers through their volunteer profile, once per programme.
- The coordinator proposes one offer for one open request at a time. Each side gets a link;
  both must accept before the match is made. Until then neither sees the other's name or
  contact details. A decline puts the request back on the waiting list, keeping the time
  it has waited (it waits from when it was made).
- Who may do what is the callers' check: coordinators with ``can_coordinate`` for their
  programme, each side for its own answer.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from samskab.visiting import emails
from samskab.visiting.errors import (
    AlreadyProposed,
    ConsentMissing,
    ContactMissing,
    MatchNotOpen,
    OfferNotAvailable,
    ProgrammeClosed,
    RequestNotOpen,
)
from samskab.visiting.models import (
    WEEKDAY_NUMBERS,
    VisitingProgramme,
    VisitMatch,
    VisitOffer,
    VisitRequest,
    hash_token,
    new_token,
)

MATCH = VisitMatch.Status
REQUEST = VisitRequest.Status
SIDE = VisitMatch.Side


def _days(values) -> list[int]:
    return sorted({int(day) for day in values or [] if int(day) in WEEKDAY_NUMBERS})


# --- programmes -------------------------------------------------------------------------------


def save_programme(
    *, organisation, intro_da: str = "", intro_en: str = "", is_active: bool = True
) -> VisitingProgramme:
    """Start the organisation's visiting-friend programme, or update it."""
    with transaction.atomic():
        programme, _created = VisitingProgramme.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        programme.intro_da = intro_da
        programme.intro_en = intro_en
        programme.is_active = is_active
        programme.full_clean(exclude=["organisation"])
        programme.save()
    return programme


# --- requests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestDetails:
    relation: str
    person_name: str
    town: object
    description: str
    contact_phone: str = ""
    contact_email: str = ""
    preferred_gender: str = ""
    preferred_days: tuple[int, ...] = ()
    interests: tuple = ()
    languages: tuple = ()


def submit_request(
    *, programme: VisitingProgramme, requested_by, details: RequestDetails, consent: bool, now=None
) -> VisitRequest:
    if not programme.is_active or not programme.organisation.is_public:
        raise ProgrammeClosed
    if not consent:
        raise ConsentMissing(field="consent")
    if not (details.contact_phone.strip() or details.contact_email.strip()):
        raise ContactMissing(field="contact_phone")
    with transaction.atomic():
        visit_request = VisitRequest(
            programme=programme,
            requested_by=requested_by,
            relation=details.relation,
            person_name=" ".join(details.person_name.split()),
            contact_phone=details.contact_phone.strip(),
            contact_email=details.contact_email.strip(),
            town=details.town,
            preferred_gender=details.preferred_gender,
            preferred_days=_days(details.preferred_days),
            description=details.description.strip(),
            consent_given_at=now or timezone.now(),
        )
        visit_request.full_clean(exclude=["programme", "requested_by", "town"])
        visit_request.save()
        visit_request.interests.set(details.interests)
        visit_request.languages.set(details.languages)
    return visit_request


def _end_live_matches(visit_request: VisitRequest, *, status: str, now) -> None:
    for match in VisitMatch.objects.select_for_update().filter(
        request=visit_request, status__in=VisitMatch.LIVE_STATUSES
    ):
        match.status = MATCH.ENDED if match.status == MATCH.ACCEPTED else status
        match.ended_at = now
        match.save(update_fields=["status", "ended_at"])


def close_request(*, visit_request: VisitRequest, now=None) -> VisitRequest:
    """The person no longer wants (or has stopped) visits: the request is closed, an open
    proposal is withdrawn and a match ended. By the person who asked or a coordinator."""
    now = now or timezone.now()
    with transaction.atomic():
        visit_request = VisitRequest.objects.select_for_update().get(pk=visit_request.pk)
        if visit_request.status == REQUEST.CLOSED:
            return visit_request
        _end_live_matches(visit_request, status=MATCH.WITHDRAWN, now=now)
        visit_request.status = REQUEST.CLOSED
        visit_request.closed_at = now
        visit_request.save(update_fields=["status", "closed_at", "updated_at"])
    return visit_request


# --- offers -----------------------------------------------------------------------------------


def save_offer(
    *,
    programme: VisitingProgramme,
    profile,
    gender: str = "",
    available_days=(),
    capacity: int = 1,
    note: str = "",
) -> VisitOffer:
    """Offer to be a visiting friend with this programme, or update the offer (which makes it
    available again if it was paused)."""
    if not programme.is_active or not programme.organisation.is_public:
        raise ProgrammeClosed
    with transaction.atomic():
        offer = VisitOffer.objects.select_for_update().filter(
            programme=programme, profile=profile
        ).first() or VisitOffer(programme=programme, profile=profile)
        offer.gender = gender
        offer.available_days = _days(available_days)
        offer.capacity = capacity
        offer.note = note.strip()
        offer.status = VisitOffer.Status.ACTIVE
        offer.full_clean(exclude=["programme", "profile"])
        offer.save()
    return offer


def set_offer_paused(*, offer: VisitOffer, paused: bool) -> VisitOffer:
    """A paused offer is not suggested for new requests; matches already made go on."""
    offer.status = VisitOffer.Status.PAUSED if paused else VisitOffer.Status.ACTIVE
    offer.save(update_fields=["status", "updated_at"])
    return offer


# --- matches ----------------------------------------------------------------------------------


def propose_match(*, visit_request: VisitRequest, offer: VisitOffer, by, now=None) -> VisitMatch:
    """Propose the offer's volunteer for the request and email both sides their link."""
    with transaction.atomic():
        visit_request = (
            VisitRequest.objects.select_for_update(of=("self",))
            .select_related("programme__organisation", "town", "requested_by")
            .get(pk=visit_request.pk)
        )
        offer = (
            VisitOffer.objects.select_for_update(of=("self",))
            .select_related("profile__user")
            .get(pk=offer.pk)
        )
        if visit_request.status == REQUEST.PROPOSED:
            raise AlreadyProposed
        if visit_request.status != REQUEST.WAITING:
            raise RequestNotOpen
        live = offer.matches.filter(status__in=VisitMatch.LIVE_STATUSES).count()
        declined_before = VisitMatch.objects.filter(
            request=visit_request, offer=offer, status=MATCH.DECLINED
        ).exists()
        if (
            offer.programme_id != visit_request.programme_id
            or not offer.is_active
            or live >= offer.capacity
            or declined_before
            or offer.profile.user_id == visit_request.requested_by_id
        ):
            raise OfferNotAvailable
        citizen_token, volunteer_token = new_token(), new_token()
        match = VisitMatch.objects.create(
            request=visit_request,
            offer=offer,
            proposed_by=by,
            citizen_token_hash=hash_token(citizen_token),
            volunteer_token_hash=hash_token(volunteer_token),
        )
        visit_request.status = REQUEST.PROPOSED
        visit_request.save(update_fields=["status", "updated_at"])
        match.request = visit_request
        match.offer = offer
        emails.send_proposal_after_commit(
            match, citizen_token=citizen_token, volunteer_token=volunteer_token
        )
    return match


def _locked_match(match: VisitMatch) -> VisitMatch:
    return (
        VisitMatch.objects.select_for_update(of=("self",))
        .select_related(
            "request__programme__organisation",
            "request__requested_by",
            "offer__profile__user",
            "proposed_by",
        )
        .get(pk=match.pk)
    )


def accept_match(*, match: VisitMatch, side: str, now=None) -> VisitMatch:
    """One side says yes. When both have, the match is made and both are told."""
    now = now or timezone.now()
    with transaction.atomic():
        match = _locked_match(match)
        if match.status != MATCH.PROPOSED:
            if match.status == MATCH.ACCEPTED:
                return match
            raise MatchNotOpen
        if side == SIDE.CITIZEN:
            match.citizen_accepted_at = match.citizen_accepted_at or now
        else:
            match.volunteer_accepted_at = match.volunteer_accepted_at or now
        fields = ["citizen_accepted_at", "volunteer_accepted_at"]
        if match.citizen_accepted_at and match.volunteer_accepted_at:
            match.status = MATCH.ACCEPTED
            match.decided_at = now
            fields += ["status", "decided_at"]
            VisitRequest.objects.filter(pk=match.request_id).update(
                status=REQUEST.MATCHED, updated_at=now
            )
            match.request.status = REQUEST.MATCHED
            emails.send_matched_after_commit(match)
        match.save(update_fields=fields)
    return match


def decline_match(*, match: VisitMatch, side: str, now=None) -> VisitMatch:
    """One side says no: the request goes back on the waiting list (keeping its waiting
    time), the volunteer stays available, and the coordinator and the other side are told."""
    now = now or timezone.now()
    with transaction.atomic():
        match = _locked_match(match)
        if match.status != MATCH.PROPOSED:
            raise MatchNotOpen
        match.status = MATCH.DECLINED
        match.declined_by = side
        match.decided_at = now
        match.save(update_fields=["status", "declined_by", "decided_at"])
        VisitRequest.objects.filter(pk=match.request_id, status=REQUEST.PROPOSED).update(
            status=REQUEST.WAITING, updated_at=now
        )
        match.request.status = REQUEST.WAITING
        emails.send_declined_after_commit(match, declined_by=side)
    return match


def withdraw_match(*, match: VisitMatch, now=None) -> VisitMatch:
    """The coordinator takes a proposal back before both accepted; the request waits again."""
    now = now or timezone.now()
    with transaction.atomic():
        match = _locked_match(match)
        if match.status != MATCH.PROPOSED:
            raise MatchNotOpen
        match.status = MATCH.WITHDRAWN
        match.decided_at = now
        match.save(update_fields=["status", "decided_at"])
        VisitRequest.objects.filter(pk=match.request_id, status=REQUEST.PROPOSED).update(
            status=REQUEST.WAITING, updated_at=now
        )
    return match


# --- when an account is deleted ----------------------------------------------------------------


def forget_person(user) -> None:
    """Delete the requests the person made and their offers, with the matches they are
    part of (CASCADE). A person the volunteer visited, or was proposed for, goes back on the
    waiting list with the time they have waited (``signals``)."""
    with transaction.atomic():
        VisitRequest.objects.filter(requested_by=user).delete()
        VisitOffer.objects.filter(profile__user=user).delete()
