"""How well an opportunity or a need fits a volunteer, and why, as plain functions of plain
facts (``selectors`` fetches the facts in a fixed number of queries).

Points, added up:

- skills the volunteer has that it asks for: 3 each, at most 6;
- the volunteer's interests it matches: 2 each, at most 4;
- distance from the nearest of the volunteer's towns: same town 3, up to 5 km 2, up to
  15 km 1, up to 30 km 0.5; "from home" counts as near (2);
- weekly availability: 2 when a coming time falls in a part of the week the volunteer is
  usually free;
- urgency, for needs: 1 for being a need (needs first), 2 when it starts within two days
  (1 within a week), 1 when only one place is left.

A candidate is suggested when it scores at least ``MIN_SCORE`` and has at least one reason
that is about the volunteer (skills, interests, place or time), so urgency alone never
fills the list. Each reason is kept as a code with its details and put in words in the
active language only for what is shown (``reason_texts``).
"""

import heapq
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy

from samskab.core.formatting import local_datetime
from samskab.core.geo import Point, nearest
from samskab.volunteering.models import PERIOD_STARTS, Period, availability_code, period_of

OPPORTUNITY = "opportunity"
NEED = "need"

MIN_SCORE = 2.0
SAME_TOWN_KM = 1.0
FREE_TIME_POINTS = 2.0
FROM_HOME_POINTS = 2.0
SKILL_POINTS, MAX_SKILL_POINTS = 3.0, 6.0
INTEREST_POINTS, MAX_INTEREST_POINTS = 2.0, 4.0
SAME_TOWN_POINTS = 3.0

# Reason codes.
SKILLS = "skills"
INTERESTS = "interests"
PLACE = "place"
FROM_HOME = "from_home"
TIME = "time"
SOON = "soon"
LAST_PLACES = "last_places"


@dataclass(frozen=True)
class VolunteerFacts:
    """What scoring reads about the volunteer."""

    towns: dict[int, Point]
    skill_ids: frozenset[int]
    interest_ids: frozenset[int]
    availability: frozenset[str]


@dataclass(slots=True)
class CandidateFacts:
    """What scoring reads about one opportunity or need. ``skill_ids`` and
    ``interest_ids`` hold only what it shares with the volunteer (that is all the database
    is asked for); ``soonest`` is its next start within the horizon and ``free_start`` the
    first of its coming starts that falls in the volunteer's weekly availability."""

    kind: str
    pk: int
    point: Point | None
    town_id: int | None
    from_home: bool
    skill_ids: frozenset[int] = frozenset()
    interest_ids: frozenset[int] = frozenset()
    soonest: datetime | None = None
    free_start: datetime | None = None
    places_left: int | None = None


@dataclass(frozen=True)
class Reason:
    code: str
    details: dict


@dataclass(slots=True)
class Scored:
    """A candidate's points; ``place`` is (volunteer's town id, km, same town) when the
    distance counted, and ``personal`` whether anything about the volunteer counted."""

    candidate: CandidateFacts
    score: float
    place: tuple[int, float, bool] | None
    personal: bool

    @property
    def soonest(self) -> datetime | None:
        return self.candidate.soonest


def distance_points(km: float, *, same_town: bool) -> float:
    if same_town or km <= SAME_TOWN_KM:
        return SAME_TOWN_POINTS
    if km <= 5:
        return 2.0
    if km <= 15:
        return 1.0
    if km <= 30:
        return 0.5
    return 0.0


def hours_of(period: str) -> tuple[int, int]:
    """The local hours [from, until) of a part of the day."""
    starts = sorted((start.hour, name) for name, start in PERIOD_STARTS.items())
    for index, (hour, name) in enumerate(starts):
        if name == period:
            until = starts[index + 1][0] if index + 1 < len(starts) else 24
            return hour, until
    raise ValueError(period)


def period_at_hour(hour: int) -> str:
    """The part of the day a local hour belongs to (``volunteering.models.period_of``)."""
    if hour >= PERIOD_STARTS[Period.EVENING].hour:
        return Period.EVENING
    if hour >= PERIOD_STARTS[Period.AFTERNOON].hour:
        return Period.AFTERNOON
    return Period.MORNING


def local_availability_code(moment: datetime) -> str:
    """The availability code of one moment in the active time zone (for a few needs)."""
    local = timezone.localtime(moment)
    return availability_code_at(local.isoweekday(), local.hour)


def availability_code_at(weekday: int, hour: int) -> str:
    """ "6-morning" from a local ISO weekday and hour, as
    ``volunteering.models.availability_code_of`` gives it for the same moment; the database
    hands over weekday and hour of thousands of shifts in the site's time zone."""
    return availability_code(weekday, period_at_hour(hour))


class Places:
    """How near each place is to the volunteer, worked out once per place: thousands of
    candidates share a few dozen town centres. ``of(town_id, point)`` gives the distance
    points and, when they count, (the volunteer's nearest town, km, same town)."""

    def __init__(self, volunteer: VolunteerFacts):
        self.towns = volunteer.towns
        self._known: dict[tuple, tuple[float, tuple[int, float, bool] | None]] = {}

    def of(
        self, town_id: int | None, point: Point | None
    ) -> tuple[float, tuple[int, float, bool] | None]:
        key = (town_id, point)
        found = self._known.get(key)
        if found is None:
            found = self._work_out(town_id, point)
            self._known[key] = found
        return found

    def _work_out(self, town_id, point):
        if not self.towns or point is None:
            return 0.0, None
        if town_id is not None and town_id in self.towns:
            nearest_id, km = town_id, 0.0
        else:
            nearest_id, km = nearest(point, self.towns)
        same_town = town_id == nearest_id or km <= SAME_TOWN_KM
        points = distance_points(km, same_town=same_town)
        return points, ((nearest_id, km, same_town) if points else None)


def base_points(*, skills: int, interests: int, from_home: bool, place_points: float) -> float:
    """Points for what does not depend on dates: shared skills and interests, and the
    place ("from home" counts as near)."""
    return (
        min(SKILL_POINTS * skills, MAX_SKILL_POINTS)
        + min(INTEREST_POINTS * interests, MAX_INTEREST_POINTS)
        + (FROM_HOME_POINTS if from_home else place_points)
    )


def urgency_points(candidate: CandidateFacts, now: datetime) -> float:
    """For needs only: 1 for being a need, 2 more when it starts within two days (1 within
    a week), 1 more when only one place is left."""
    if candidate.kind != NEED:
        return 0.0
    points = 1.0
    if candidate.soonest is not None:
        if candidate.soonest - now <= timedelta(days=2):
            points += 2.0
        elif candidate.soonest - now <= timedelta(days=7):
            points += 1.0
    if candidate.places_left == 1:
        points += 1.0
    return points


def score(
    candidate: CandidateFacts,
    volunteer: VolunteerFacts,
    *,
    now: datetime,
    places: Places,
) -> Scored:
    """The candidate's points (see the module's rules); the reasons are put together only
    for what is shown (``reasons_for``)."""
    place_points, place = (0.0, None)
    if not candidate.from_home:
        place_points, place = places.of(candidate.town_id, candidate.point)
    points = base_points(
        skills=len(candidate.skill_ids),
        interests=len(candidate.interest_ids),
        from_home=candidate.from_home,
        place_points=place_points,
    )
    free = candidate.free_start is not None
    if free:
        points += FREE_TIME_POINTS
    points += urgency_points(candidate, now)
    personal = bool(
        candidate.skill_ids or candidate.interest_ids or candidate.from_home or place or free
    )
    return Scored(candidate=candidate, score=points, place=place, personal=personal)


def reasons_for(scored: Scored, *, now: datetime) -> list[Reason]:
    """Why the candidate scored, as codes with details, most personal first."""
    candidate = scored.candidate
    reasons = []
    if candidate.skill_ids:
        reasons.append(Reason(SKILLS, {"ids": sorted(candidate.skill_ids)}))
    if candidate.interest_ids:
        reasons.append(Reason(INTERESTS, {"ids": sorted(candidate.interest_ids)}))
    if candidate.from_home:
        reasons.append(Reason(FROM_HOME, {}))
    elif scored.place is not None:
        town_id, km, same_town = scored.place
        reasons.append(Reason(PLACE, {"town_id": town_id, "km": km, "same_town": same_town}))
    if candidate.free_start is not None:
        reasons.append(Reason(TIME, {"start": candidate.free_start}))
    if candidate.kind == NEED:
        if candidate.soonest is not None and candidate.soonest - now <= timedelta(days=7):
            reasons.append(Reason(SOON, {"start": candidate.soonest}))
        if candidate.places_left == 1:
            reasons.append(Reason(LAST_PLACES, {"count": 1}))
    return reasons


def is_suggested(scored: Scored) -> bool:
    return scored.personal and scored.score >= MIN_SCORE


def rank(scored: list[Scored], *, limit: int) -> list[Scored]:
    """Best first; among equals the soonest, then needs before opportunities."""
    far_future = datetime.max.replace(tzinfo=UTC)
    return heapq.nsmallest(
        limit,
        (item for item in scored if is_suggested(item)),
        key=lambda item: (
            -item.score,
            item.soonest or far_future,
            0 if item.candidate.kind == NEED else 1,
            item.candidate.pk,
        ),
    )


def shortlist_threshold(sure_scores, *, limit: int) -> float:
    """The score a candidate must be able to reach to have a chance of a place in the
    list: the ``limit``-th best of ``sure_scores``, the scores of candidates known to be
    suggested with at least that score (-inf when there are fewer). A candidate whose best
    possible score is lower can never be shown, because ``limit`` candidates already beat
    it outright; one that can reach it exactly may still win on the tie (it may come
    sooner)."""
    best = heapq.nlargest(limit, sure_scores)
    return best[-1] if len(best) == limit else float("-inf")


# --- reasons in words ----------------------------------------------------------------------


def join_words(words: list[str]) -> str:
    """ "gardening", "gardening and music", "gardening, music and dance"."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


# Weekdays as they read inside a sentence (lower case in Danish), ISO order from Monday.
WEEKDAYS_IN_SENTENCE = (
    pgettext_lazy("weekday inside a sentence", "Monday"),
    pgettext_lazy("weekday inside a sentence", "Tuesday"),
    pgettext_lazy("weekday inside a sentence", "Wednesday"),
    pgettext_lazy("weekday inside a sentence", "Thursday"),
    pgettext_lazy("weekday inside a sentence", "Friday"),
    pgettext_lazy("weekday inside a sentence", "Saturday"),
    pgettext_lazy("weekday inside a sentence", "Sunday"),
)


def part_of_day(moment: datetime) -> str:
    period = period_of(moment)
    if period == Period.MORNING:
        return pgettext("part of the day, after a weekday", "morning")
    if period == Period.AFTERNOON:
        return pgettext("part of the day, after a weekday", "afternoon")
    return pgettext("part of the day, after a weekday", "evening")


def reason_texts(
    reasons: list[Reason],
    *,
    town_names: dict[int, str],
    skill_names: dict[int, str],
    interest_names: dict[int, str],
) -> list[str]:
    """The reasons in words, in the active language, most personal first: "You like
    gardening and live in Bramming", "Needs someone on Saturday morning, when you are
    free", "Only one place left"."""
    by_code = {reason.code: reason for reason in reasons}
    texts: list[str] = []
    interests = by_code.get(INTERESTS)
    place = by_code.get(PLACE)
    if interests is not None:
        liked = join_words(
            [interest_names[pk].lower() for pk in interests.details["ids"] if pk in interest_names]
        )
        if place is not None and place.details["same_town"]:
            texts.append(
                _("You like %(interests)s and live in %(town)s")
                % {"interests": liked, "town": town_names.get(place.details["town_id"], "")}
            )
            place = None
        else:
            texts.append(_("You like %(interests)s") % {"interests": liked})
    skills = by_code.get(SKILLS)
    if skills is not None:
        names = join_words(
            [skill_names[pk].lower() for pk in skills.details["ids"] if pk in skill_names]
        )
        texts.append(_("It asks for what you can do: %(skills)s") % {"skills": names})
    if place is not None:
        town = town_names.get(place.details["town_id"], "")
        if place.details["same_town"]:
            texts.append(_("It is in %(town)s, near you") % {"town": town})
        else:
            texts.append(
                _("It is %(km)s km from %(town)s")
                % {"km": f"{place.details['km']:.0f}", "town": town}
            )
    if FROM_HOME in by_code:
        texts.append(_("You can do it from home"))
    time = by_code.get(TIME)
    if time is not None:
        start = timezone.localtime(time.details["start"])
        texts.append(
            _("Needs someone on %(day)s %(part_of_day)s, when you are free")
            % {
                "day": WEEKDAYS_IN_SENTENCE[start.isoweekday() - 1],
                "part_of_day": part_of_day(start),
            }
        )
    soon = by_code.get(SOON)
    if soon is not None:
        texts.append(_("Needed soon: %(when)s") % {"when": local_datetime(soon.details["start"])})
    last = by_code.get(LAST_PLACES)
    if last is not None:
        count = last.details["count"]
        texts.append(
            ngettext("Only %(count)d place left", "Only %(count)d places left", count)
            % {"count": count}
        )
    return texts
