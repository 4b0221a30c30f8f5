"""Demo needs in Esbjerg Kommune: a handful of short tasks in several towns in the coming
week (one of them asked for by municipal staff on behalf of a citizen, one already filled by
two helpers), and the alerts that posting them sends, among them two to the demo volunteer
(whose weekly limit of three leaves room for one more).

The needs are invented; organisations, towns, skills, focus areas, the demo coordinator,
the demo volunteer and the helpers come from the vision, organisations and volunteering
demos, which must be loaded first. Everything goes through the services and the booking
engine. Nothing is emailed while loading (the people are invented); the demo volunteer's
one-click "Accept" links are printed in the summary instead.

Idempotent: a need is found by organisation and Danish title among the needs that have not
started; only when none is coming (time has passed) is it posted again for the coming week.
"""

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.roles import is_municipal_staff
from samskab.activities.models import Town
from samskab.core.emails import site_url
from samskab.needs import services
from samskab.needs.models import Need, NeedAlert
from samskab.organisations.demo import DEMO_COORDINATOR_EMAIL
from samskab.organisations.models import Organisation
from samskab.organisations.selectors import can_coordinate
from samskab.vision.models import FocusArea
from samskab.volunteering.demo import DEMO_VOLUNTEER_EMAIL, HELPERS
from samskab.volunteering.models import Skill

ENERGY = "energi-i-hverdagslivet"
HEALTH = "livskvalitet-og-sundhed"
CULTURE = "kulturlivet-i-by-og-natur"
COMMUNITY = "faellesskab-og-mangfoldighed"
GREEN = "groent-liv-og-baeredygtighed"


@dataclass(frozen=True)
class DemoNeed:
    organisation: str
    title: tuple[str, str]
    description: tuple[str, str]
    town: str
    place: str
    street: str
    postcode: str
    weekday: int
    start: time
    end: time
    people: int
    focus_areas: tuple[str, ...]
    skills: tuple[str, ...] = ()
    on_behalf_of_citizen: bool = False
    involves_children: bool = False
    filled_by_helpers: bool = False


NEEDS = [
    DemoNeed(
        organisation="ribe-bibliotek",
        title=("2 til at bære stole på Ribe Bibliotek", "2 people to carry chairs in Ribe library"),
        description=(
            "Vi har koncert i salen lørdag og skal have stillet 80 stole op. Det tager et par "
            "timer med godt selskab og kaffe bagefter. Tag gerne arbejdshandsker med.",
            "We have a concert in the hall on Saturday and need 80 chairs set out. It takes a "
            "couple of hours in good company, with coffee afterwards. Bring work gloves if "
            "you have them.",
        ),
        town="ribe",
        place="Ribe Bibliotek",
        street="Sct. Nicolaj Gade 10",
        postcode="6760",
        weekday=6,
        start=time(10),
        end=time(12),
        people=2,
        focus_areas=(CULTURE, COMMUNITY),
        skills=("practical-help",),
    ),
    DemoNeed(
        organisation="hjerting-strandrensere",
        title=("4 hænder til strandrensning i Hjerting", "4 pairs of hands for a beach clean"),
        description=(
            "Efter stormen ligger der meget affald på stranden. Vi mødes ved badebroen, og "
            "vi har sække, tænger og handsker til alle.",
            "After the storm there is a lot of rubbish on the beach. We meet by the bathing "
            "jetty and have bags, grabbers and gloves for everyone.",
        ),
        town="hjerting",
        place="Hjerting Badebro",
        street="Strandpromenaden",
        postcode="6710",
        weekday=7,
        start=time(10),
        end=time(12),
        people=4,
        focus_areas=(GREEN,),
    ),
    DemoNeed(
        organisation="frivilligcenter-esbjerg",
        title=("Chauffør til indkøbstur for ældre", "Driver for a shopping trip with seniors"),
        description=(
            "Tre ældre borgere skal handle ind og har ingen bil. Du kører i centrets minibus "
            "(almindeligt kørekort er nok) og hjælper med poserne.",
            "Three older residents need to do their shopping and have no car. You drive the "
            "centre's minibus (an ordinary driving licence is enough) and help with the bags.",
        ),
        town="esbjerg",
        place="Frivilligcenter Esbjerg",
        street="Kongensgade 48",
        postcode="6700",
        weekday=4,
        start=time(13),
        end=time(15),
        people=1,
        focus_areas=(HEALTH, COMMUNITY),
        skills=("driving-licence",),
    ),
    DemoNeed(
        organisation="frivilligcenter-esbjerg",
        title=("2 til at sætte borde op til byfest i Bramming", "2 people to set up tables"),
        description=(
            "Byfesten i Bramming skal have borde og bænke op i teltet fredag eftermiddag.",
            "The Bramming town party needs tables and benches set up in the marquee on Friday "
            "afternoon.",
        ),
        town="bramming",
        place="Torvet",
        street="Storegade",
        postcode="6740",
        weekday=5,
        start=time(15),
        end=time(17),
        people=2,
        focus_areas=(CULTURE,),
        filled_by_helpers=True,
    ),
    DemoNeed(
        organisation="forebyggelsescentret-esbjerg",
        title=("Hjælp til at bære en sofa op på 2. sal", "Help to carry a sofa to the 2nd floor"),
        description=(
            "En ældre borger har fået en ny sofa leveret ved hoveddøren og kan ikke selv få "
            "den op. Det tager en halv time for to personer.",
            "An older resident has had a new sofa delivered at the front door and cannot get "
            "it upstairs alone. It takes two people half an hour.",
        ),
        town="tjaereborg",
        place="",
        street="Kirkevej 7",
        postcode="6731",
        weekday=2,
        start=time(10),
        end=time(11),
        people=2,
        focus_areas=(HEALTH,),
        skills=("practical-help",),
        on_behalf_of_citizen=True,
    ),
]


def _require(model, keys, *, field_name="slug", demo="") -> dict:
    found = {
        getattr(obj, field_name): obj
        for obj in model.objects.filter(**{f"{field_name}__in": set(keys)})
    }
    missing = set(keys) - set(found)
    if missing:
        raise RuntimeError(
            f"The needs demo needs the {demo} demo; load it first "
            f"(missing {model._meta.verbose_name_plural}: {', '.join(sorted(missing))})."
        )
    return found


def _local(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_current_timezone())


def _next_day(weekday: int, now) -> date:
    """The next ``weekday`` (ISO) from tomorrow: always within the coming week."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return tomorrow + timedelta(days=(weekday - tomorrow.isoweekday()) % 7)


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


def _helpers() -> list:
    users = []
    for email, name in HELPERS[:2]:
        user, _created = get_user_model().objects.get_or_create(
            email=email, defaults={"display_name": name, "preferred_language": "da"}
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users.append(user)
    return users


def load_needs_demo() -> str:
    # The people are invented: nothing is emailed to them while the demo loads.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        posted = _load()
    return f"Needs: {len(NEEDS)} coming needs ({posted} posted now); " + _accept_links()


@transaction.atomic
def _load() -> int:
    now = timezone.now()
    organisations = _require(
        Organisation, {spec.organisation for spec in NEEDS}, demo="organisations"
    )
    areas = _require(FocusArea, {a for spec in NEEDS for a in spec.focus_areas}, demo="vision")
    towns = _require(Town, {spec.town for spec in NEEDS}, demo="activities")
    skills = _require(Skill, {s for spec in NEEDS for s in spec.skills}, demo="volunteering")
    coordinator = get_user_model().objects.filter(email=DEMO_COORDINATOR_EMAIL).first()
    if coordinator is None:
        raise RuntimeError("The needs demo needs the organisations demo's coordinator.")

    posted = []
    for spec in NEEDS:
        organisation = organisations[spec.organisation]
        if Need.objects.filter(
            organisation=organisation, title_da=spec.title[0], starts_at__gt=now
        ).exists():
            continue
        by = (
            coordinator
            if can_coordinate(coordinator, organisation) and not spec.on_behalf_of_citizen
            else _demo_staff()
        )
        day = _next_day(spec.weekday, now)
        need = services.post_need(
            organisation=organisation,
            by=by,
            fields={
                "title_da": spec.title[0],
                "title_en": spec.title[1],
                "description_da": spec.description[0],
                "description_en": spec.description[1],
                "town": towns[spec.town],
                "place_name": spec.place,
                "street": spec.street,
                "postcode": spec.postcode,
                "starts_at": _local(day, spec.start),
                "ends_at": _local(day, spec.end),
                "involves_children": spec.involves_children,
                "on_behalf_of_citizen": spec.on_behalf_of_citizen,
            },
            focus_areas=[areas[slug] for slug in spec.focus_areas],
            skills=[skills[slug] for slug in spec.skills],
            people_needed=spec.people,
            now=now,
        )
        if spec.filled_by_helpers:
            for helper in _helpers():
                services.accept_need(need=need, user=helper, now=now)
        posted.append(need)
    # Alert now rather than after commit, so the alerts are made (and "sent" to no one)
    # inside this demo run; the callbacks queued by posting then find nothing new.
    for need in posted:
        services.alert_volunteers(need=need, now=now)
    return len(posted)


def _accept_links() -> str:
    alerts = NeedAlert.objects.filter(
        volunteer__email=DEMO_VOLUNTEER_EMAIL,
        status__in=(NeedAlert.Status.SENT, NeedAlert.Status.QUEUED),
        accepted_at__isnull=True,
        need__status=Need.Status.OPEN,
        need__starts_at__gt=timezone.now(),
    ).order_by("need__starts_at")
    links = [
        site_url() + reverse("needs:respond", kwargs={"pk": alert.need_id, "token": alert.token})
        for alert in alerts
    ]
    if not links:
        return "no open alerts for the demo volunteer"
    return f"the demo volunteer's alerts (one-click accept): {' '.join(links)}"
