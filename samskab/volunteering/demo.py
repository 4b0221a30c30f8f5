"""Demo volunteering in Esbjerg Kommune: opportunities across the five focus areas (ongoing
roles and one-off tasks), their coming shifts, a demo volunteer with a profile, a history of
attended shifts and logged hours (some waiting for approval), and a full shift with a
waiting list for the demo coordinator to fill.

The opportunities and the helpers are invented; organisations, towns, focus areas and
initiatives come from the organisations, activities and vision demos, which must be loaded
first. Everything goes through the services and the booking engine. No email is sent while
loading: the people are invented.

Idempotent: opportunities are found by organisation and Danish title and only saved when
something differs; each opportunity gets coming shifts only up to its number (so a later run
tops up what time has used); the volunteer's history is made once per opportunity; logged
hours are found by organisation and text; sign-ups are the engine's (signing up twice is
harmless).
"""

import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from samskab.accounts.roles import is_municipal_staff
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from samskab.organisations.demo import DEMO_COORDINATOR_EMAIL
from samskab.organisations.models import Organisation
from samskab.organisations.selectors import can_coordinate
from samskab.reference.models import Interest, Language, Skill, Town
from samskab.vision.models import FocusArea, Initiative
from samskab.volunteering import services
from samskab.volunteering.models import HoursEntry, Opportunity, VolunteerProfile

DEMO_VOLUNTEER_EMAIL = "volunteer@esbjerg.samskab.dk"
DEMO_VOLUNTEER_DISPLAY_NAME = "Demo-frivillig"
# A published demo password for local trials, like the other demo logins'.
DEMO_VOLUNTEER_PASSWORD = "samskab-demo-2025"  # noqa: S105

ENERGY = "energi-i-hverdagslivet"
HEALTH = "livskvalitet-og-sundhed"
CULTURE = "kulturlivet-i-by-og-natur"
COMMUNITY = "faellesskab-og-mangfoldighed"
GREEN = "groent-liv-og-baeredygtighed"

ONGOING = Opportunity.Kind.ONGOING
AD_HOC = Opportunity.Kind.AD_HOC

# Invented helpers who fill shifts and wait for places (reserved example.org addresses).
HELPERS = [
    ("demo-hjaelper-1@example.org", "Birgit Lund"),
    ("demo-hjaelper-2@example.org", "Ahmad Karimi"),
    ("demo-hjaelper-3@example.org", "Jonas Holm"),
    ("demo-hjaelper-4@example.org", "Lene Mortensen"),
    ("demo-hjaelper-5@example.org", "Olena Kovalenko"),
]


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
    organisation: str
    kind: str
    focus_areas: list[str]
    title: tuple[str, str]
    description: tuple[str, str]
    town: str | None
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


OPPORTUNITIES = [
    DemoOpportunity(
        organisation="frivilligcenter-esbjerg",
        kind=AD_HOC,
        focus_areas=[COMMUNITY],
        initiative="ad-hoc-frivillighed",
        title=("Bær stole til koncert på biblioteket", "Carry chairs for a library concert"),
        description=(
            "Hovedbiblioteket holder gratis koncert, og vi skal have stillet 200 stole op og "
            "taget dem ned igen bagefter. Det tager to timer, og der er kaffe og kage. Du "
            "behøver ikke kende nogen – vi tager godt imod dig.",
            "The main library is holding a free concert, and 200 chairs must be set out and "
            "put away again afterwards. It takes two hours, and there is coffee and cake. You "
            "do not need to know anyone – we will welcome you.",
        ),
        town="esbjerg",
        place="Esbjerg Hovedbibliotek",
        street="Nørregade 19",
        postcode="6700",
        skills=["practical-help"],
        languages=["da", "en"],
        coordinator_is_contact=True,
        shifts=ShiftPattern(weekday=6, start=time(10), end=time(12), volunteers=3, first_in_days=3),
    ),
    DemoOpportunity(
        organisation="frivilligcenter-esbjerg",
        kind=ONGOING,
        focus_areas=[COMMUNITY],
        title=("Frivillig i Frivilligcentrets café", "Volunteer in the Volunteer Centre café"),
        description=(
            "Tag imod gæsterne i vores café, lav kaffe og få en snak med dem, der kigger forbi "
            "for at høre om frivilligt arbejde. En vagt om ugen eller hver anden – du vælger "
            "selv.",
            "Welcome guests in our café, make coffee and chat with people who drop in to hear "
            "about volunteering. One shift a week or every other week – you choose.",
        ),
        town="esbjerg",
        place="Frivilligcenter Esbjerg",
        street="Kongensgade 48",
        postcode="6700",
        skills=["conversation", "cooking"],
        interests=["food", "conversation"],
        languages=["da", "en"],
        coordinator_is_contact=True,
        shifts=ShiftPattern(weekday=3, start=time(13), end=time(16), volunteers=2, count=4),
    ),
    DemoOpportunity(
        organisation="esbjerg-madfaellesskab",
        kind=AD_HOC,
        focus_areas=[COMMUNITY, HEALTH],
        title=("Køkkenhjælp til fællesspisning", "Kitchen help for a shared meal"),
        description=(
            "Vi laver aftensmad til 80 gæster. Hjælp med at skrælle, røre og dække bord, og "
            "spis selv med bagefter. Ingen erfaring nødvendig.",
            "We cook dinner for 80 guests. Help peel, stir and lay the tables, and eat with us "
            "afterwards. No experience needed.",
        ),
        town="esbjerg",
        place="Esbjerg Madfællesskab",
        street="Jyllandsgade 60",
        postcode="6700",
        skills=["cooking"],
        interests=["food"],
        shifts=ShiftPattern(weekday=5, start=time(16), end=time(20), volunteers=3, first_in_days=2),
    ),
    DemoOpportunity(
        organisation="ribe-lektiecafe",
        kind=ONGOING,
        focus_areas=[ENERGY],
        initiative="danmarks-bedste-skolevaesen",
        title=("Lektiecafé-hjælper", "Homework café helper"),
        description=(
            "Hjælp skolebørn fra 4. til 9. klasse med lektierne – mest dansk, matematik og "
            "engelsk. Du skal ikke kunne det hele; det vigtigste er ro og tålmodighed.",
            "Help school children from year 4 to 9 with their homework – mostly Danish, maths "
            "and English. You do not need to know it all; calm and patience matter most.",
        ),
        town="ribe",
        place="Ribe Lektiecafé",
        street="Seminarievej 2",
        postcode="6760",
        skills=["homework-help"],
        interests=["books"],
        languages=["da", "en"],
        involves_children=True,
        minimum_age=16,
        shifts=ShiftPattern(weekday=2, start=time(15), end=time(17), volunteers=3, count=4),
    ),
    DemoOpportunity(
        organisation="besoegsvenner-esbjerg",
        kind=ONGOING,
        focus_areas=[COMMUNITY, HEALTH],
        initiative="besoegsvenner",
        title=("Besøgsven for en ældre borger", "Visiting friend for an older resident"),
        description=(
            "Besøg en ældre borger, der sidder meget alene, omkring en gang om ugen: en kop "
            "kaffe, en gåtur eller et spil kort. Vi finder en, der passer til dig, og følger "
            "jer godt i gang.",
            "Visit an older resident who is often alone, about once a week: a cup of coffee, "
            "a walk or a game of cards. We find someone who suits you and help you get started.",
        ),
        town="esbjerg",
        skills=["conversation"],
        interests=["conversation", "games"],
        languages=["da"],
    ),
    DemoOpportunity(
        organisation="besoegsvenner-esbjerg",
        kind=ONGOING,
        focus_areas=[HEALTH],
        title=("Telefonven", "Telephone friend"),
        description=(
            "Ring til en ældre borger en eller to gange om ugen og få en god snak. Du kan gøre "
            "det hjemmefra, når det passer dig.",
            "Call an older resident once or twice a week for a good chat. You can do it from "
            "home, when it suits you.",
        ),
        town=None,
        from_home=True,
        skills=["conversation"],
        interests=["conversation"],
        languages=["da"],
    ),
    DemoOpportunity(
        organisation="hjerting-strandrensere",
        kind=AD_HOC,
        focus_areas=[GREEN, CULTURE],
        initiative="tilgaengelige-naturoplevelser",
        title=("Strandrens ved Hjerting Strand", "Beach clean-up at Hjerting"),
        description=(
            "Saml skrald på stranden med os i tre timer. Vi har handsker, tænger og sække; tag "
            "tøj på efter vejret. Børn er velkomne sammen med en voksen.",
            "Pick up litter on the beach with us for three hours. We have gloves, grabbers and "
            "bags; dress for the weather. Children are welcome with an adult.",
        ),
        town="hjerting",
        place="Hjerting Strand, ved badebroen",
        street="Strandpromenaden 1",
        postcode="6710",
        interests=["nature"],
        languages=["da", "en", "de"],
        shifts=ShiftPattern(
            weekday=7, start=time(10), end=time(13), volunteers=12, count=2, every_weeks=2
        ),
    ),
    DemoOpportunity(
        organisation="andrup-byhave",
        kind=ONGOING,
        focus_areas=[GREEN, HEALTH],
        initiative="klimabevidst-forbrug",
        title=("Haveholder i Andrup Byhave", "Gardener in Andrup Town Garden"),
        description=(
            "Så, luk og høst sammen med naboerne i byhaven. Vi mødes torsdag aften og deler "
            "det, vi høster.",
            "Sow, weed and harvest with the neighbours in the town garden. We meet on "
            "Thursday evenings and share what we grow.",
        ),
        town="esbjerg",
        place="Andrup Byhave",
        street="Andrupvej 15",
        postcode="6700",
        skills=["gardening"],
        interests=["gardening", "nature"],
        shifts=ShiftPattern(
            weekday=4, start=time(17), end=time(19), volunteers=5, count=3, auto_confirm=True
        ),
    ),
    DemoOpportunity(
        organisation="saedding-repair-cafe",
        kind=ONGOING,
        focus_areas=[GREEN],
        title=("Reparatør i Repair Café", "Fixer at the Repair Café"),
        description=(
            "Hjælp naboerne med at reparere cykler, lamper, tøj og småt elektronik, så færre "
            "ting bliver smidt ud. Har du styr på en skruetrækker eller en symaskine, er du "
            "den, vi leder efter.",
            "Help neighbours repair bikes, lamps, clothes and small electronics, so fewer things "
            "are thrown away. If you are handy with a screwdriver or a sewing machine, you are "
            "who we are looking for.",
        ),
        town="saedding",
        place="Sædding Centret",
        street="Sædding Centret 1",
        postcode="6710",
        skills=["repairs"],
        interests=["arts-and-crafts"],
        shifts=ShiftPattern(
            weekday=6, start=time(10), end=time(14), volunteers=4, count=2, every_weeks=4
        ),
    ),
    DemoOpportunity(
        organisation="vikingelauget-i-ribe",
        kind=AD_HOC,
        focus_areas=[CULTURE],
        initiative="stoette-til-ildsjaele",
        title=("Hjælper ved vikingemarkedet", "Helper at the Viking market"),
        description=(
            "Vikingemarkedet i Ribe har brug for hjælp til at vise vej, sælge billetter og "
            "rydde op. Du får en dragt at låne, hvis du har lyst.",
            "The Viking market in Ribe needs help showing the way, selling tickets and tidying "
            "up. You can borrow a costume if you like.",
        ),
        town="ribe",
        place="Ribe VikingeCenter",
        street="Lustrupvej 4",
        postcode="6760",
        skills=["events"],
        interests=["culture"],
        languages=["da", "en", "de"],
        minimum_age=15,
        shifts=ShiftPattern(weekday=6, start=time(9), end=time(15), volunteers=8, first_in_days=10),
    ),
    DemoOpportunity(
        organisation="sprogcafe-paa-hovedbiblioteket",
        kind=ONGOING,
        focus_areas=[ENERGY, COMMUNITY],
        initiative="international-velkomst",
        title=("Sprogven i sprogcaféen", "Language friend at the language café"),
        description=(
            "Tal dansk med voksne, der er ved at lære sproget. Du skal bare kunne lide at "
            "snakke og lytte – der er ingen undervisning.",
            "Speak Danish with adults who are learning the language. You just need to enjoy "
            "talking and listening – there is no teaching.",
        ),
        town="esbjerg",
        place="Esbjerg Hovedbibliotek",
        street="Nørregade 19",
        postcode="6700",
        skills=["conversation"],
        interests=["conversation"],
        languages=["da", "en", "uk", "ar"],
        coordinator_is_contact=True,
        shifts=ShiftPattern(weekday=3, start=time(16, 30), end=time(18), volunteers=6, count=4),
    ),
    DemoOpportunity(
        organisation="esbjerg-international-community",
        kind=AD_HOC,
        focus_areas=[ENERGY, COMMUNITY],
        initiative="velkomst-til-tilflyttere",
        title=("Tag imod nye tilflyttere", "Welcome newcomers"),
        description=(
            "Vær vært ved vores velkomstaften for nye tilflyttere: sig goddag, vis rundt og "
            "fortæl om livet i Esbjerg. Engelsk er en fordel.",
            "Host our welcome evening for newcomers: say hello, show people around and tell "
            "them about life in Esbjerg. English is an advantage.",
        ),
        town="esbjerg",
        place="Esbjerg International Community",
        street="Torvegade 20",
        postcode="6700",
        skills=["conversation", "translation"],
        interests=["conversation", "culture"],
        languages=["en", "da", "pl", "ro"],
        coordinator_is_contact=True,
        shifts=ShiftPattern(weekday=5, start=time(18), end=time(21), volunteers=4, first_in_days=6),
    ),
]

# The demo volunteer's history: (organisation, Danish title, days ago, attended).
HISTORY = [
    ("frivilligcenter-esbjerg", "Bær stole til koncert på biblioteket", 40, True),
    ("hjerting-strandrensere", "Strandrens ved Hjerting Strand", 25, True),
    ("frivilligcenter-esbjerg", "Frivillig i Frivilligcentrets café", 9, True),
]

# Hours the demo volunteer logged: (organisation, days ago, hours, Danish text, approved).
LOGGED_HOURS = [
    (
        "frivilligcenter-esbjerg",
        30,
        Decimal("3"),
        "Bagte kager og hjalp ved loppemarkedet i Frivilligcentret.",
        True,
    ),
    (
        "frivilligcenter-esbjerg",
        4,
        Decimal("2.5"),
        "Hjalp med at pakke julekurve til familier.",
        False,
    ),
    (
        "esbjerg-international-community",
        6,
        Decimal("1.5"),
        "Oversatte en invitation til engelsk og polsk.",
        False,
    ),
]

# The demo volunteer signs up for the next shift of these (Danish titles).
UPCOMING_SIGN_UPS = ["Strandrens ved Hjerting Strand", "Lektiecafé-hjælper"]

# This shift is filled by helpers and has a waiting list, for the coordinator to fill.
FULL_SHIFT = "Bær stole til koncert på biblioteket"


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


def _ensure_profile(volunteer) -> None:
    if VolunteerProfile.objects.filter(user=volunteer).exists():
        return
    services.save_profile(
        user=volunteer,
        fields={
            "availability": ["2-afternoon", "3-afternoon", "6-morning", "7-morning"],
            "about": "Nybagt pensionist med kørekort og god tid. Jeg kan lide at bage og at "
            "være ude i naturen.",
            "ad_hoc_alerts": True,
            "max_alerts_per_week": 3,
            "share_profile": True,
        },
        towns=Town.objects.filter(slug__in=["esbjerg", "hjerting", "ribe"]),
        interests=Interest.objects.filter(slug__in=["food", "nature", "gardening"]),
        skills=Skill.objects.filter(slug__in=["cooking", "driving-licence", "practical-help"]),
        languages=Language.objects.filter(code__in=["da", "en"]),
    )


def _sign_up_for_next_shift(opportunity: Opportunity, user, now) -> None:
    shift = opportunity.shifts.filter(starts_at__gt=now).order_by("starts_at").first()
    if shift is not None:
        booking_services.request_booking(slot=shift.booking_slot, user=user)


def _fill_with_waiting_list(opportunity: Opportunity, helpers, now) -> None:
    """Fill the next shift with helpers and put two on the waiting list, without taking
    anyone's place (people who signed up themselves come first)."""
    shift = opportunity.shifts.filter(starts_at__gt=now).order_by("starts_at").first()
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
    now = timezone.now()
    organisations = _require(
        Organisation, {spec.organisation for spec in OPPORTUNITIES}, demo="organisations"
    )
    areas = _require(
        FocusArea, {a for spec in OPPORTUNITIES for a in spec.focus_areas}, demo="vision"
    )
    initiatives = _require(
        Initiative, {spec.initiative for spec in OPPORTUNITIES if spec.initiative}, demo="vision"
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
    helpers = [_ensure_user(email, name) for email, name in HELPERS]
    _ensure_profile(volunteer)

    by_title = {}
    shifts_added = 0
    for spec in OPPORTUNITIES:
        organisation = organisations[spec.organisation]
        author = coordinator if can_coordinate(coordinator, organisation) else _demo_staff()
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
    for _organisation_slug, title, days_ago, attended in HISTORY:
        history_added += _make_history(volunteer, by_title[title], days_ago, attended, coordinator)

    for organisation_slug, days_ago, hours, text, approved in LOGGED_HOURS:
        organisation = organisations[organisation_slug]
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
        if approved:
            services.approve_hours(entry=entry, by=coordinator, note="Tak for hjælpen!")

    for title in UPCOMING_SIGN_UPS:
        _sign_up_for_next_shift(by_title[title], volunteer, now)
    _fill_with_waiting_list(by_title[FULL_SHIFT], helpers, now)

    return (
        f"Volunteering: {len(OPPORTUNITIES)} opportunities, {shifts_added} new shifts, "
        f"{history_added} past shifts for the demo volunteer; volunteer login "
        f"{DEMO_VOLUNTEER_EMAIL} / {DEMO_VOLUNTEER_PASSWORD}"
    )


def _demo_staff():
    """Municipal staff post for organisations without a demo coordinator, as they may: the
    demo staff login that load_demo makes (made here first when this runs before it)."""
    from samskab.core.management.commands.load_demo import (
        DEMO_STAFF_DEFAULT_PASSWORD,
        DEMO_STAFF_EMAIL,
        ensure_demo_staff_user,
    )

    staff = get_user_model().objects.filter(email=DEMO_STAFF_EMAIL).first()
    if staff is not None and is_municipal_staff(staff):
        return staff
    password = os.environ.get("DEMO_STAFF_PASSWORD") or DEMO_STAFF_DEFAULT_PASSWORD
    return ensure_demo_staff_user(password=password)
