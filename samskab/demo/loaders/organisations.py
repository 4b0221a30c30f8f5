"""Demo organisations in Esbjerg Kommune, and a demo coordinator who runs some of them.

The organisations are invented (names, people and contact addresses alike); the towns,
postcodes and focus areas are real. Contact emails use the reserved example.org domain.
Municipal services get the municipality's public switchboard and website. The data is in
content/organisations.toml.

Loading is idempotent: organisations are found by slug and only saved when something
differs; memberships by organisation and user. Organisations that are pending in the demo
(for staff to try the review) are only created, never reset, so a decision taken in the
demo survives another run. Needs the vision demo (its focus areas) to be loaded first.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samskab.demo.content import read
from samskab.demo.loaders import DemoLoader
from samskab.organisations.models import Membership, Organisation
from samskab.vision.models import FocusArea

DEMO_COORDINATOR_EMAIL = "coordinator@esbjerg.samskab.dk"
DEMO_COORDINATOR_DISPLAY_NAME = "Demo-koordinator"
# A published demo password for local trials, like the demo staff login's.
DEMO_COORDINATOR_PASSWORD = "samskab-demo-2025"  # noqa: S105


def _values(row, *, status, municipality) -> tuple[str, dict, list[str]]:
    slug = row["slug"]
    is_municipal = row["type"] == Organisation.Type.MUNICIPAL_SERVICE
    return (
        slug,
        {
            "name": row["name"],
            "type": row["type"],
            "street": row["street"],
            "postcode": row["postcode"],
            "town": row["town"],
            "contact_name": row["contact"],
            "contact_email": f"{slug}@example.org",
            "contact_phone": municipality["phone"] if is_municipal else "",
            "website": municipality["website"] if is_municipal else "",
            "description_da": row["description"],
            "description_en": row.get("description_en", ""),
            "status": status,
        },
        row["focus_areas"],
    )


def _save_if_changed(organisation: Organisation, values: dict) -> bool:
    changed = [field for field, value in values.items() if getattr(organisation, field) != value]
    for field in changed:
        setattr(organisation, field, values[field])
    if organisation.pk is None:
        organisation.save()
        return True
    if changed:
        organisation.save()
    return bool(changed)


def _focus_areas_by_slug(wanted: set[str]) -> dict[str, FocusArea]:
    areas = {area.slug: area for area in FocusArea.objects.filter(slug__in=wanted)}
    missing = wanted - set(areas)
    if missing:
        raise RuntimeError(
            "The organisations demo needs the vision demo's focus areas; load it first "
            f"(missing: {', '.join(sorted(missing))})."
        )
    return areas


def _set_focus_areas(organisation: Organisation, areas: list[FocusArea]) -> None:
    current = set(organisation.focus_areas.values_list("pk", flat=True))
    if current != {area.pk for area in areas}:
        organisation.focus_areas.set(areas)


def ensure_demo_coordinator():
    user, _ = get_user_model().objects.get_or_create(
        email=DEMO_COORDINATOR_EMAIL,
        defaults={"display_name": DEMO_COORDINATOR_DISPLAY_NAME, "preferred_language": "da"},
    )
    if not user.check_password(DEMO_COORDINATOR_PASSWORD):
        # Only re-hash when the password differs, so a second run changes nothing.
        user.set_password(DEMO_COORDINATOR_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_COORDINATOR_EMAIL, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def load_organisations_demo() -> str:
    content = read("organisations")
    approved, pending = content["organisations"], content["pending_organisations"]
    coordinator_roles = content["coordinator_roles"]
    municipality = content["municipality"]
    areas_by_slug = _focus_areas_by_slug(
        {area for row in approved + pending for area in row["focus_areas"]}
    )
    coordinator = ensure_demo_coordinator()
    now = timezone.now()

    for row in approved:
        slug, values, area_slugs = _values(
            row, status=Organisation.Status.APPROVED, municipality=municipality
        )
        organisation = Organisation.objects.filter(slug=slug).first() or Organisation(
            slug=slug, reviewed_at=now
        )
        _save_if_changed(organisation, values)
        _set_focus_areas(organisation, [areas_by_slug[area] for area in area_slugs])

    for row in pending:
        slug, values, area_slugs = _values(
            row, status=Organisation.Status.PENDING, municipality=municipality
        )
        if Organisation.objects.filter(slug=slug).exists():
            continue
        registered_by = coordinator if slug in coordinator_roles else None
        organisation = Organisation(slug=slug, created_by=registered_by, **values)
        organisation.save()
        organisation.focus_areas.set([areas_by_slug[area] for area in area_slugs])

    organisations = Organisation.objects.in_bulk(list(coordinator_roles), field_name="slug")
    # The demo coordinator's roles: administrator of three organisations, coordinator of one,
    # and the one who registered a pending organisation.
    for slug, role in coordinator_roles.items():
        membership, created = Membership.objects.get_or_create(
            organisation=organisations[slug], user=coordinator, defaults={"role": role}
        )
        if not created and membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])

    return (
        f"Organisations: {len(approved)} approved and {len(pending)} "
        f"awaiting approval; coordinator login {DEMO_COORDINATOR_EMAIL} / "
        f"{DEMO_COORDINATOR_PASSWORD}"
    )


LOADER = DemoLoader(
    "organisations",
    "samskab.demo.loaders.organisations.load_organisations_demo",
    requires=("vision",),
)
