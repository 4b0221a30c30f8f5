"""Demo needs in Esbjerg Kommune: a handful of short tasks in several towns in the coming
week (one of them asked for by municipal staff on behalf of a citizen, one already filled by
two helpers), and the alerts that posting them sends, among them two to the demo volunteer
(whose weekly limit of three leaves room for one more).

The needs are invented (content/needs.toml); organisations, towns, skills, focus areas, the
demo coordinator, the demo volunteer and the helpers come from the vision, organisations and
volunteering demos, which must be loaded first. Everything goes through the services and the
booking engine. Nothing is emailed while loading (the people are invented); the demo
volunteer's one-click "Accept" links are printed in the summary instead.

Idempotent: a need is found by organisation and Danish title among the needs that have not
started; only when none is coming (time has passed) is it posted again for the coming week.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from samskab.core.emails import site_url
from samskab.demo.content import pair, read
from samskab.demo.loaders import DemoLoader
from samskab.demo.loaders.organisations import DEMO_COORDINATOR_EMAIL
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL, helpers
from samskab.demo.staff import demo_staff
from samskab.needs import services
from samskab.needs.models import Need, NeedAlert
from samskab.organisations.models import Organisation
from samskab.organisations.selectors import can_coordinate
from samskab.reference.models import Skill, Town
from samskab.vision.models import FocusArea


@dataclass(frozen=True)
class DemoNeed:
    """One of content/needs.toml's needs."""

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

    @classmethod
    def from_content(cls, row: dict) -> "DemoNeed":
        values = {
            name: tuple(value) if isinstance(value, list) else value
            for name, value in row.items()
            if not name.endswith("_en")
        }
        values["title"] = pair(row, "title")
        values["description"] = pair(row, "description")
        return cls(**values)


def needs() -> list[DemoNeed]:
    return [DemoNeed.from_content(row) for row in read("needs")["needs"]]


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


def _helpers() -> list:
    users = []
    for email, name in helpers()[:2]:
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
    return f"Needs: {len(needs())} coming needs ({posted} posted now); " + _accept_links()


@transaction.atomic
def _load() -> int:
    specs = needs()
    now = timezone.now()
    organisations = _require(
        Organisation, {spec.organisation for spec in specs}, demo="organisations"
    )
    areas = _require(FocusArea, {a for spec in specs for a in spec.focus_areas}, demo="vision")
    towns = _require(Town, {spec.town for spec in specs}, demo="activities")
    skills = _require(Skill, {s for spec in specs for s in spec.skills}, demo="volunteering")
    coordinator = get_user_model().objects.filter(email=DEMO_COORDINATOR_EMAIL).first()
    if coordinator is None:
        raise RuntimeError("The needs demo needs the organisations demo's coordinator.")

    posted = []
    for spec in specs:
        organisation = organisations[spec.organisation]
        if Need.objects.filter(
            organisation=organisation, title_da=spec.title[0], starts_at__gt=now
        ).exists():
            continue
        by = (
            coordinator
            if can_coordinate(coordinator, organisation) and not spec.on_behalf_of_citizen
            else demo_staff()
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


LOADER = DemoLoader(
    "needs",
    "samskab.demo.loaders.needs.load_needs_demo",
    requires=("vision", "organisations", "catalogue", "volunteering"),
)
