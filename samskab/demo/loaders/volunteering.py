"""Demo volunteering in Esbjerg Kommune: opportunities across the five focus areas (ongoing
roles and one-off tasks), their coming shifts, a demo volunteer with a profile, a history of
attended shifts and logged hours (some waiting for approval), and a full shift with a
waiting list for the demo coordinator to fill.

The opportunities and the helpers are invented (content/volunteering.toml); organisations,
towns, focus areas and initiatives come from the organisations, activities and vision demos,
which must be loaded first. Everything goes through the services and the booking engine. No
email is sent while loading: the people are invented.

Idempotent: opportunities are found by organisation and Danish title and only saved when
something differs; each opportunity gets coming shifts only up to its number (so a later run
tops up what time has used); the volunteer's history is made once per opportunity; logged
hours are found by organisation and text; sign-ups are the engine's (signing up twice is
harmless).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from samskab.demo.content import pair, read
from samskab.demo.loaders import DemoLoader, bookable_after
from samskab.demo.loaders.organisations import DEMO_COORDINATOR_EMAIL
from samskab.demo.staff import demo_staff
from samskab.organisations.models import Organisation
from samskab.organisations.selectors import can_coordinate
from samskab.reference.models import Interest, Language, Skill, Town
from samskab.vision.models import FocusArea, Initiative
from samskab.volunteering import services
from samskab.volunteering.models import HoursEntry, Opportunity, VolunteerProfile

DEMO_VOLUNTEER_EMAIL = "volunteer@esbjerg.samskab.dk"
DEMO_VOLUNTEER_DISPLAY_NAME = "Demo-frivillig"
# A published demo password for local trials, like the demo staff login's.
DEMO_VOLUNTEER_PASSWORD = "samskab-demo-2025"  # noqa: S105


@dataclass(frozen=True)
class ShiftPattern:
    """Coming shifts: on ``weekday`` (ISO, 1 = Monday) at local times, ``count`` of them,
    every ``every_weeks`` weeks, the first at least ``first_in_days`` from today."""

    weekday: int
    start: time
    end: time
    volunteers: int
    count: int = 1
    every_weeks: int = 1
    first_in_days: int = 2
    auto_confirm: bool = False


@dataclass(frozen=True)
class DemoOpportunity:
    """One of content/volunteering.toml's opportunities."""

    organisation: str
    kind: str
    focus_areas: list[str]
    title: tuple[str, str]
    description: tuple[str, str]
    town: str | None = None
    place: str = ""
    street: str = ""
    postcode: str = ""
    initiative: str | None = None
    skills: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["da"])
    from_home: bool = False
    involves_children: bool = False
    minimum_age: int | None = None
    coordinator_is_contact: bool = False
    shifts: ShiftPattern | None = None

    @classmethod
    def from_content(cls, row: dict) -> "DemoOpportunity":
        values = {name: value for name, value in row.items() if not name.endswith("_en")}
        values["title"] = pair(row, "title")
        values["description"] = pair(row, "description")
        if "shifts" in values:
            values["shifts"] = ShiftPattern(**values["shifts"])
        return cls(**values)


def opportunities() -> list[DemoOpportunity]:
    return [DemoOpportunity.from_content(row) for row in read("volunteering")["opportunities"]]


def helpers() -> list[tuple[str, str]]:
    """Invented helpers who fill shifts and wait for places (reserved example.org
    addresses): (email, name)."""
    return [(row["email"], row["name"]) for row in read("volunteering")["helpers"]]


def _require(model, slugs, *, field_name="slug", demo="") -> dict:
    found = {
        getattr(obj, field_name): obj
        for obj in model.objects.filter(**{f"{field_name}__in": set(slugs)})
    }
    missing = set(slugs) - set(found)
    if missing:
        raise RuntimeError(
            f"The volunteering demo needs the {demo} demo; load it first "
            f"(missing {model._meta.verbose_name_plural}: {', '.join(sorted(missing))})."
        )
    return found


def _ensure_user(email: str, display_name: str, *, password: str | None = None):
    user, _created = get_user_model().objects.get_or_create(
        email=email, defaults={"display_name": display_name, "preferred_language": "da"}
    )
    if password is not None and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    elif password is None and user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _local(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_current_timezone())


def _next_weekday(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.isoweekday()) % 7)


def _opportunity_fields(spec: DemoOpportunity, *, towns, initiatives, coordinator) -> dict:
    return {
        "kind": spec.kind,
        "title_da": spec.title[0],
        "title_en": spec.title[1],
        "description_da": spec.description[0],
        "description_en": spec.description[1],
        "town": towns.get(spec.town) if spec.town else None,
        "place_name": spec.place,
        "street": spec.street,
        "postcode": spec.postcode,
        "from_home": spec.from_home,
        "involves_children": spec.involves_children,
        "minimum_age": spec.minimum_age,
        "initiative": initiatives.get(spec.initiative) if spec.initiative else None,
        "contact_person": coordinator if spec.coordinator_is_contact else None,
        "is_published": True,
    }


def _save_opportunity(spec, organisation, fields, relations, by) -> Opportunity:
    opportunity = Opportunity.objects.filter(
        organisation=organisation, title_da=spec.title[0]
    ).first()
    if opportunity is None:
        return services.create_opportunity(
            organisation=organisation, by=by, fields=fields, **relations
        )
    changed = {name: value for name, value in fields.items() if getattr(opportunity, name) != value}
    same_relations = all(
        set(getattr(opportunity, name).values_list("pk", flat=True)) == {obj.pk for obj in objects}
        for name, objects in relations.items()
    )
    if changed or not same_relations:
        services.update_opportunity(opportunity=opportunity, by=by, fields=fields, **relations)
    return opportunity


def _top_up_shifts(opportunity: Opportunity, pattern: ShiftPattern, now) -> int:
    """Create coming shifts until the opportunity has ``pattern.count`` of them."""
    coming = list(opportunity.shifts.filter(ends_at__gt=now).order_by("starts_at"))
    missing = pattern.count - len(coming)
    if missing <= 0:
        return 0
    if coming:
        next_day = timezone.localtime(coming[-1].starts_at).date() + timedelta(
            weeks=pattern.every_weeks
        )
    else:
        next_day = _next_weekday(
            timezone.localdate(now) + timedelta(days=pattern.first_in_days), pattern.weekday
        )
    for index in range(missing):
        day = next_day + timedelta(weeks=pattern.every_weeks * index)
        services.create_shift(
            opportunity=opportunity,
            spec=services.ShiftSpec(
                starts_at=_local(day, pattern.start),
                ends_at=_local(day, pattern.end),
                volunteers_needed=pattern.volunteers,
                auto_confirm_waitlist=pattern.auto_confirm,
            ),
        )
    return missing


def _make_history(
    volunteer, opportunity: Opportunity, days_ago: int, attended: bool, coordinator
) -> bool:
    """A past shift the volunteer took part in, made the way time would: a coming shift
    signed up for, moved to the past, attendance recorded and the shift closed."""
    if HoursEntry.objects.filter(
        volunteer=volunteer, opportunity=opportunity, source=HoursEntry.Source.SHIFT
    ).exists():
        return False
    day = timezone.localdate() + timedelta(days=3)
    shift = services.create_shift(
        opportunity=opportunity,
        spec=services.ShiftSpec(
            starts_at=_local(day, time(10)), ends_at=_local(day, time(13)), volunteers_needed=6
        ),
    )
    booking = booking_services.request_booking(slot=shift.booking_slot, user=volunteer).booking
    past_day = timezone.localdate() - timedelta(days=days_ago)
    shift = services.update_shift(
        shift=shift,
        spec=services.ShiftSpec(
            starts_at=_local(past_day, time(10)),
            ends_at=_local(past_day, time(13)),
            volunteers_needed=6,
        ),
    )
    services.record_attendance(booking=booking, attended=attended, by=coordinator)
    services.close_attendance(work=shift, by=coordinator)
    return True


def _ensure_profile(volunteer, profile: dict) -> None:
    if VolunteerProfile.objects.filter(user=volunteer).exists():
        return
    services.save_profile(
        user=volunteer,
        fields={
            "availability": profile["availability"],
            "about": profile["about"],
            "ad_hoc_alerts": True,
            "max_alerts_per_week": 3,
            "share_profile": True,
        },
        towns=Town.objects.filter(slug__in=profile["towns"]),
        interests=Interest.objects.filter(slug__in=profile["interests"]),
        skills=Skill.objects.filter(slug__in=profile["skills"]),
        languages=Language.objects.filter(code__in=profile["languages"]),
    )


def _sign_up_for_next_shift(opportunity: Opportunity, user, now) -> None:
    shift = (
        opportunity.shifts.filter(starts_at__gt=bookable_after(now)).order_by("starts_at").first()
    )
    if shift is not None:
        booking_services.request_booking(slot=shift.booking_slot, user=user)


def _fill_with_waiting_list(opportunity: Opportunity, helpers, now) -> None:
    """Fill the next shift with helpers and put two on the waiting list, without taking
    anyone's place (people who signed up themselves come first)."""
    shift = (
        opportunity.shifts.filter(starts_at__gt=bookable_after(now)).order_by("starts_at").first()
    )
    if shift is None:
        return
    slot = shift.booking_slot
    already = Booking.objects.filter(slot=slot, status__in=Booking.ACTIVE_STATUSES).count()
    wanted = (slot.capacity or 0) + 2
    for helper in helpers[: max(wanted - already, 0)]:
        booking_services.request_booking(slot=slot, user=helper)


def load_volunteering_demo() -> str:
    # The people are invented: nothing is emailed to them while the demo loads.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _load()


@transaction.atomic
def _load() -> str:
    content = read("volunteering")
    specs = opportunities()
    profile = content["demo_volunteer"]
    now = timezone.now()
    organisations = _require(
        Organisation, {spec.organisation for spec in specs}, demo="organisations"
    )
    areas = _require(FocusArea, {a for spec in specs for a in spec.focus_areas}, demo="vision")
    initiatives = _require(
        Initiative, {spec.initiative for spec in specs if spec.initiative}, demo="vision"
    )
    towns = {town.slug: town for town in Town.objects.all()}
    skills = {skill.slug: skill for skill in Skill.objects.all()}
    interests = {interest.slug: interest for interest in Interest.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    coordinator = get_user_model().objects.filter(email=DEMO_COORDINATOR_EMAIL).first()
    if coordinator is None:
        raise RuntimeError("The volunteering demo needs the organisations demo's coordinator.")
    volunteer = _ensure_user(
        DEMO_VOLUNTEER_EMAIL, DEMO_VOLUNTEER_DISPLAY_NAME, password=DEMO_VOLUNTEER_PASSWORD
    )
    helper_users = [_ensure_user(email, name) for email, name in helpers()]
    _ensure_profile(volunteer, profile)

    by_title = {}
    shifts_added = 0
    for spec in specs:
        organisation = organisations[spec.organisation]
        author = coordinator if can_coordinate(coordinator, organisation) else demo_staff()
        fields = _opportunity_fields(
            spec, towns=towns, initiatives=initiatives, coordinator=coordinator
        )
        if fields["contact_person"] is not None and not can_coordinate(coordinator, organisation):
            fields["contact_person"] = None
        relations = {
            "focus_areas": [areas[slug] for slug in spec.focus_areas],
            "skills": [skills[slug] for slug in spec.skills if slug in skills],
            "interests": [interests[slug] for slug in spec.interests if slug in interests],
            "languages": [languages[code] for code in spec.languages if code in languages],
        }
        opportunity = _save_opportunity(spec, organisation, fields, relations, author)
        by_title[spec.title[0]] = opportunity
        if spec.shifts is not None:
            shifts_added += _top_up_shifts(opportunity, spec.shifts, now)

    history_added = 0
    # The demo volunteer's history: attended shifts some days ago.
    for row in content["history"]:
        history_added += _make_history(
            volunteer, by_title[row["title"]], row["days_ago"], row["attended"], coordinator
        )

    # Hours the demo volunteer logged, some waiting for approval.
    for row in content["logged_hours"]:
        organisation = organisations[row["organisation"]]
        days_ago, hours, text = row["days_ago"], Decimal(row["hours"]), row["text"]
        if HoursEntry.objects.filter(
            volunteer=volunteer, organisation=organisation, description=text
        ).exists():
            continue
        entry = services.log_hours(
            volunteer=volunteer,
            organisation=organisation,
            date=timezone.localdate() - timedelta(days=days_ago),
            hours=hours,
            description=text,
        )
        if row["approved"]:
            services.approve_hours(entry=entry, by=coordinator, note=profile["approval_note"])

    # The demo volunteer signs up for the next shift of these (Danish titles).
    for title in profile["upcoming_sign_ups"]:
        _sign_up_for_next_shift(by_title[title], volunteer, now)
    # This shift is filled by helpers and has a waiting list, for the coordinator to fill.
    _fill_with_waiting_list(by_title[content["full_shift"]], helper_users, now)

    return (
        f"Volunteering: {len(specs)} opportunities, {shifts_added} new shifts, "
        f"{history_added} past shifts for the demo volunteer; volunteer login "
        f"{DEMO_VOLUNTEER_EMAIL} / {DEMO_VOLUNTEER_PASSWORD}"
    )


LOADER = DemoLoader(
    "volunteering",
    "samskab.demo.loaders.volunteering.load_volunteering_demo",
    requires=("vision", "organisations", "catalogue"),
)
