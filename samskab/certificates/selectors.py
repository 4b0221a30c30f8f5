"""Reading certificates, and the volunteering record a new certificate is a snapshot of.

``volunteer_record(user, language=...)`` reads every approved hours entry of the person
(from shifts and logged, including shifts done as a visitor before the account existed)
with organisation, opportunity and the opportunity's skills, in three queries, and groups it
per organisation and role. Texts are taken in the certificate's language, falling back to
Danish like the rest of the site.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext, override

from samskab.certificates.codes import normalise_code
from samskab.certificates.models import CONTENT_VERSION, Certificate
from samskab.reference.models import Skill
from samskab.volunteering import selectors as volunteering_selectors
from samskab.volunteering.models import HoursEntry


@dataclass
class RoleRecord:
    title: str
    first_date: date
    last_date: date
    hours: Decimal = Decimal("0")


@dataclass
class OrganisationRecord:
    organisation_id: int
    name: str
    first_date: date
    last_date: date
    hours: Decimal = Decimal("0")
    roles: list[RoleRecord] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)


def _translated(instance, field_name: str, language: str) -> str:
    """The field in ``language``, else Danish (modeltranslation's own fallback)."""
    return getattr(instance, f"{field_name}_{language}", "") or getattr(
        instance, f"{field_name}_da", ""
    )


def _approved_entries(user) -> QuerySet[HoursEntry]:
    return (
        volunteering_selectors.hours_entries_of(user)
        .filter(status=HoursEntry.Status.APPROVED)
        .select_related("organisation", "opportunity")
        .prefetch_related(
            Prefetch("opportunity__skills", queryset=Skill.objects.order_by("order", "pk"))
        )
        .order_by("date", "pk")
    )


def volunteer_record(user, *, language: str) -> list[OrganisationRecord]:
    """What the person did, per organisation (most hours first), each with its roles (the
    opportunities' titles, or "Other volunteer work" for hours logged without one), the
    first and last date, the approved hours and the skills its roles asked for."""
    if not user.is_authenticated:
        return []
    with override(language):
        other_work = gettext("Other volunteer work")
    records: dict[int, OrganisationRecord] = {}
    roles: dict[tuple[int, str], RoleRecord] = {}
    skills: dict[int, dict[int, str]] = {}
    for entry in _approved_entries(user):
        record = records.get(entry.organisation_id)
        if record is None:
            record = records[entry.organisation_id] = OrganisationRecord(
                organisation_id=entry.organisation_id,
                name=entry.organisation.name,
                first_date=entry.date,
                last_date=entry.date,
            )
            skills[entry.organisation_id] = {}
        record.first_date = min(record.first_date, entry.date)
        record.last_date = max(record.last_date, entry.date)
        record.hours += entry.hours
        if entry.opportunity_id:
            title = _translated(entry.opportunity, "title", language)
            for skill in entry.opportunity.skills.all():
                skills[entry.organisation_id][skill.pk] = _translated(skill, "name", language)
        else:
            title = other_work
        role = roles.get((entry.organisation_id, title))
        if role is None:
            role = roles[(entry.organisation_id, title)] = RoleRecord(
                title=title, first_date=entry.date, last_date=entry.date
            )
            record.roles.append(role)
        role.first_date = min(role.first_date, entry.date)
        role.last_date = max(role.last_date, entry.date)
        role.hours += entry.hours
    for organisation_id, record in records.items():
        record.roles.sort(key=lambda role: (-role.hours, role.title.lower()))
        record.skills = sorted(skills[organisation_id].values(), key=str.lower)
    return sorted(records.values(), key=lambda record: (-record.hours, record.name.lower()))


def _hours(value: Decimal) -> str:
    """Hours as a string with two decimals: exact, and stable in JSON on every database."""
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def certificate_content(
    *,
    records: list[OrganisationRecord],
    name: str,
    code: str,
    language: str,
    issued_on: date,
    issuer: str,
) -> dict:
    """The snapshot stored in ``Certificate.content``: plain JSON (strings, lists, one
    integer), so its canonical form, and therefore its hash, never depends on the database."""
    all_skills: dict[str, str] = {}
    for record in records:
        for skill in record.skills:
            all_skills.setdefault(skill.lower(), skill)
    return {
        "version": CONTENT_VERSION,
        "code": code,
        "language": language,
        "issued_on": issued_on.isoformat(),
        "issuer": issuer,
        "volunteer_name": name,
        "organisations": [
            {
                "name": record.name,
                "first_date": record.first_date.isoformat(),
                "last_date": record.last_date.isoformat(),
                "hours": _hours(record.hours),
                "roles": [
                    {
                        "title": role.title,
                        "first_date": role.first_date.isoformat(),
                        "last_date": role.last_date.isoformat(),
                        "hours": _hours(role.hours),
                    }
                    for role in record.roles
                ],
            }
            for record in records
        ],
        "skills": sorted(all_skills.values(), key=str.lower),
        "total_hours": _hours(sum((record.hours for record in records), Decimal("0"))),
    }


# --- certificates ---------------------------------------------------------------------------


def certificates_of(user) -> list[Certificate]:
    """The person's certificates, newest first, revoked ones included."""
    if not user.is_authenticated:
        return []
    return list(Certificate.objects.filter(volunteer=user).order_by("-issued_at", "-pk"))


def own_certificate(*, user, pk: int) -> Certificate | None:
    """The person's own certificate ``pk``; None for anyone else's."""
    if not user.is_authenticated:
        return None
    return Certificate.objects.filter(pk=pk, volunteer=user).first()


def certificate_by_code(typed_code: str) -> Certificate | None:
    code = normalise_code(typed_code)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()


@dataclass(frozen=True)
class Verification:
    """What the public verification page says about a code."""

    GENUINE = "genuine"
    REVOKED = "revoked"
    ALTERED = "altered"
    UNKNOWN = "unknown"

    state: str
    certificate: Certificate | None = None

    @property
    def content(self) -> dict | None:
        """The content to show: only for a genuine, unchanged certificate."""
        return self.certificate.content if self.state == self.GENUINE else None


def verify(typed_code: str) -> Verification:
    certificate = certificate_by_code(typed_code)
    if certificate is None:
        return Verification(Verification.UNKNOWN)
    if certificate.is_revoked:
        return Verification(Verification.REVOKED, certificate)
    if not certificate.is_unchanged:
        return Verification(Verification.ALTERED, certificate)
    return Verification(Verification.GENUINE, certificate)
