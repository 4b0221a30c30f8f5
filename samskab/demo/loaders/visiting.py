"""Visiting friends in the demo: Besøgsvenner Esbjerg (from the organisations demo) runs a
programme; three people wait or have asked (one for herself, one through his daughter, one
through a home-care worker), three volunteers offer to visit (the demo volunteer among them),
and one pair has been matched, both sides having said yes. The demo staff login, and any
coordinator of the organisation, see the waiting list with how long each has waited.

The people are invented (reserved example.org addresses; content/visiting.toml) and nothing
is emailed while loading. Needs the organisations, activities and volunteering demos first.
Idempotent: people are found by email, requests by who asked and for whom, offers by
volunteer; the match is made once; waiting times are set only when a request is first made.
"""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from samskab.demo.content import read
from samskab.demo.loaders import DemoLoader
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL
from samskab.reference.models import Interest, Language, Town
from samskab.visiting import services
from samskab.visiting.models import VisitingProgramme, VisitMatch, VisitOffer, VisitRequest
from samskab.volunteering import services as volunteering_services
from samskab.volunteering.models import VolunteerProfile


@dataclass(frozen=True)
class DemoRequest:
    asked_by: tuple[str, str]
    relation: str
    person_name: str
    town: str
    phone: str
    interests: tuple[str, ...]
    languages: tuple[str, ...]
    description: str
    waited_days: int
    preferred_gender: str = ""
    preferred_days: tuple[int, ...] = ()


@dataclass(frozen=True)
class DemoVolunteer:
    email: str
    name: str
    towns: tuple[str, ...]
    interests: tuple[str, ...]
    languages: tuple[str, ...]
    gender: str
    days: tuple[int, ...]
    note: str


def _tuples(row: dict) -> dict:
    return {name: tuple(value) if isinstance(value, list) else value for name, value in row.items()}


def _request(row: dict) -> DemoRequest:
    asked_by = row["asked_by"]
    return DemoRequest(**_tuples(row) | {"asked_by": (asked_by["email"], asked_by["name"])})


def _user(email: str, name: str):
    user, _created = get_user_model().objects.get_or_create(
        email=email, defaults={"display_name": name}
    )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _require(model, values, field_name):
    found = {
        getattr(obj, field_name): obj
        for obj in model.objects.filter(**{f"{field_name}__in": set(values)})
    }
    missing = set(values) - set(found)
    if missing:
        raise RuntimeError(
            f"The visiting-friend demo needs {model.__name__} {sorted(missing)} from the "
            "activities demo data."
        )
    return found


def load_visiting_demo() -> str:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _load()


@transaction.atomic
def _load() -> str:
    from samskab.organisations.models import Organisation

    content = read("visiting")
    asked = [_request(row) for row in content["requests"]]
    offered = [DemoVolunteer(**_tuples(row)) for row in content["volunteers"]]
    intro_da, intro_en = content["programme"]["intro"], content["programme"]["intro_en"]
    # The demo volunteer (from the volunteering demo) is matched with this person.
    matched_person = content["matched_person"]
    demo_volunteer_offer = content["demo_volunteer_offer"]

    organisation = Organisation.objects.filter(slug=content["programme"]["organisation"]).first()
    demo_volunteer = get_user_model().objects.filter(email=DEMO_VOLUNTEER_EMAIL).first()
    demo_profile = VolunteerProfile.objects.filter(user=demo_volunteer).first()
    if organisation is None or demo_profile is None:
        raise RuntimeError(
            "The visiting-friend demo needs the organisations and volunteering demos first."
        )
    towns = _require(
        Town,
        {t for r in asked for t in (r.town,)} | {t for v in offered for t in v.towns},
        "slug",
    )
    interests = _require(
        Interest,
        {i for r in asked for i in r.interests} | {i for v in offered for i in v.interests},
        "slug",
    )
    languages = _require(
        Language,
        {c for r in asked for c in r.languages} | {c for v in offered for c in v.languages},
        "code",
    )

    programme = VisitingProgramme.objects.filter(organisation=organisation).first()
    if programme is None or (programme.intro_da, programme.intro_en) != (intro_da, intro_en):
        programme = services.save_programme(
            organisation=organisation, intro_da=intro_da, intro_en=intro_en, is_active=True
        )

    now = timezone.now()
    requests = {}
    for spec in asked:
        asked_by = _user(*spec.asked_by)
        visit_request = VisitRequest.objects.filter(
            programme=programme, requested_by=asked_by, person_name=spec.person_name
        ).first()
        if visit_request is None:
            visit_request = services.submit_request(
                programme=programme,
                requested_by=asked_by,
                consent=True,
                details=services.RequestDetails(
                    relation=spec.relation,
                    person_name=spec.person_name,
                    town=towns[spec.town],
                    description=spec.description,
                    contact_phone=spec.phone,
                    preferred_gender=spec.preferred_gender,
                    preferred_days=spec.preferred_days,
                    interests=tuple(interests[slug] for slug in spec.interests),
                    languages=tuple(languages[code] for code in spec.languages),
                ),
            )
            # People have waited a while in the demo, as they would have in real life.
            asked_at = now - timedelta(days=spec.waited_days)
            VisitRequest.objects.filter(pk=visit_request.pk).update(
                created_at=asked_at, consent_given_at=asked_at
            )
        requests[spec.person_name] = visit_request

    offers = []
    for spec in offered:
        user = _user(spec.email, spec.name)
        profile = VolunteerProfile.objects.filter(user=user).first()
        if profile is None:
            profile = volunteering_services.save_profile(
                user=user,
                fields={"about": spec.note, "share_profile": True},
                towns=[towns[slug] for slug in spec.towns],
                interests=[interests[slug] for slug in spec.interests],
                languages=[languages[code] for code in spec.languages],
            )
        offer = VisitOffer.objects.filter(programme=programme, profile=profile).first()
        if offer is None:
            offer = services.save_offer(
                programme=programme,
                profile=profile,
                gender=spec.gender,
                available_days=spec.days,
                note=spec.note,
            )
        offers.append(offer)

    demo_offer = VisitOffer.objects.filter(programme=programme, profile=demo_profile).first()
    if demo_offer is None:
        demo_offer = services.save_offer(
            programme=programme,
            profile=demo_profile,
            gender="",
            available_days=tuple(demo_volunteer_offer["available_days"]),
            capacity=demo_volunteer_offer["capacity"],
            note=demo_volunteer_offer["note"],
        )
    offers.append(demo_offer)

    matched = requests[matched_person]
    if not VisitMatch.objects.filter(request=matched, offer=demo_offer).exists():
        match = services.propose_match(visit_request=matched, offer=demo_offer, by=None)
        services.accept_match(match=match, side=VisitMatch.Side.CITIZEN)
        services.accept_match(match=match, side=VisitMatch.Side.VOLUNTEER)

    return (
        f"Visiting friends: {organisation.name} with {len(requests)} requests, "
        f"{len(offers)} volunteers and one match (the demo volunteer visits {matched_person})"
    )


LOADER = DemoLoader(
    "visiting",
    "samskab.demo.loaders.visiting.load_visiting_demo",
    requires=("organisations", "catalogue", "volunteering"),
)
