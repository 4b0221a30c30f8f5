"""Ranking volunteers who offered to be visiting friends for one request, with the reasons
in words, so the coordinator sees why each one is suggested and what does not fit.

Points, highest first:
- place: the volunteer named the person's town (30), or one within 10 km (20) or 25 km
  (10); farther away or no towns is said as a concern;
- language: speaks a language the person asked for (15); none of them is a concern (-30);
- gender: as wished (10); otherwise a concern (-40);
- shared interests: 8 each, at most three counted;
- days: a day both can do (5); none in common is a concern (-10).
Volunteers at their capacity, paused offers, the person who asked themself and volunteers
who were already proposed for this request and declined (or were declined) are left out.
Ties go to the volunteer who has waited longest for someone to visit.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samskab.core.geo import distance_km
from samskab.visiting.models import Gender, VisitOffer, VisitRequest, weekday_names

SAME_TOWN = 30
NEAR_KM, NEAR = 10, 20
NEARBY_KM, NEARBY = 25, 10
SHARED_LANGUAGE, NO_SHARED_LANGUAGE = 15, -30
GENDER_AS_WISHED, GENDER_NOT_AS_WISHED = 10, -40
PER_INTEREST, MAX_INTERESTS = 8, 3
SHARED_DAY, NO_SHARED_DAY = 5, -10


def _town_distance_km(a, b) -> float:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _and_list(items: list[str]) -> str:
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


@dataclass
class Candidate:
    offer: VisitOffer
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    distance_km: float | None = None

    @property
    def volunteer(self):
        return self.offer.profile.user


def _place(candidate: Candidate, request: VisitRequest, towns) -> None:
    if not towns:
        candidate.concerns.append(_("has not said which towns they can visit in"))
        return
    if any(town.pk == request.town_id for town in towns):
        candidate.score += SAME_TOWN
        candidate.distance_km = 0.0
        candidate.reasons.append(_("can visit in %(town)s") % {"town": request.town.name})
        return
    nearest = min(towns, key=lambda town: _town_distance_km(town, request.town))
    km = _town_distance_km(nearest, request.town)
    candidate.distance_km = km
    text = _("%(km)s km from %(town)s (%(nearest)s)") % {
        "km": number_format(round(km), 0),
        "town": request.town.name,
        "nearest": nearest.name,
    }
    if km <= NEAR_KM:
        candidate.score += NEAR
        candidate.reasons.append(text)
    elif km <= NEARBY_KM:
        candidate.score += NEARBY
        candidate.reasons.append(text)
    else:
        candidate.concerns.append(text)


def _language(candidate: Candidate, wanted, spoken) -> None:
    if not wanted:
        return
    spoken_ids = {language.pk for language in spoken}
    shared = [language for language in wanted if language.pk in spoken_ids]
    if shared:
        candidate.score += SHARED_LANGUAGE
        candidate.reasons.append(
            _("speaks %(languages)s") % {"languages": _and_list([lang.name for lang in shared])}
        )
    else:
        candidate.score += NO_SHARED_LANGUAGE
        candidate.concerns.append(
            _("speaks none of the languages asked for (%(languages)s)")
            % {"languages": _and_list([language.name for language in wanted])}
        )


def _gender(candidate: Candidate, wished: str, gender: str) -> None:
    if not wished:
        return
    if gender == wished:
        candidate.score += GENDER_AS_WISHED
        candidate.reasons.append(
            _("a woman, as wished") if wished == Gender.WOMAN else _("a man, as wished")
        )
    else:
        candidate.score += GENDER_NOT_AS_WISHED
        candidate.concerns.append(
            _("the person would like a woman")
            if wished == Gender.WOMAN
            else _("the person would like a man")
        )


def _interests(candidate: Candidate, wanted, liked) -> None:
    liked_ids = {interest.pk for interest in liked}
    shared = [interest for interest in wanted if interest.pk in liked_ids]
    if shared:
        candidate.score += PER_INTEREST * min(len(shared), MAX_INTERESTS)
        candidate.reasons.append(
            _("both like %(interests)s")
            % {"interests": _and_list([interest.name.lower() for interest in shared])}
        )


def _days(candidate: Candidate, wished: list[int], available: list[int]) -> None:
    if not wished or not available:
        return
    shared = sorted(set(wished) & set(available))
    if shared:
        candidate.score += SHARED_DAY
        candidate.reasons.append(
            _("both can do %(days)s") % {"days": _and_list(weekday_names(shared)).lower()}
        )
    else:
        candidate.score += NO_SHARED_DAY
        candidate.concerns.append(_("no days in common"))


def rank_candidates(
    request: VisitRequest, offers, *, excluded_offer_ids=frozenset(), live_counts=None
) -> list[Candidate]:
    """The offers that could visit the person, best first. ``offers`` come with the
    profile's user, towns, interests and languages loaded; ``live_counts`` maps offer id to
    its proposals and matches in play (for capacity)."""
    live_counts = live_counts or {}
    wanted_interests = list(request.interests.all())
    wanted_languages = list(request.languages.all())
    candidates = []
    for offer in offers:
        if (
            not offer.is_active
            or offer.pk in excluded_offer_ids
            or offer.profile.user_id == request.requested_by_id
            or live_counts.get(offer.pk, 0) >= offer.capacity
        ):
            continue
        profile = offer.profile
        candidate = Candidate(offer=offer)
        _place(candidate, request, list(profile.towns.all()))
        _language(candidate, wanted_languages, profile.languages.all())
        _gender(candidate, request.preferred_gender, offer.gender)
        _interests(candidate, wanted_interests, profile.interests.all())
        _days(candidate, request.preferred_days, offer.available_days)
        candidates.append(candidate)
    return sorted(candidates, key=lambda c: (-c.score, c.offer.created_at, c.offer.pk))
