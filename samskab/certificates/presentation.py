"""A certificate's stored content as typed values for templates (dates as dates, hours as
decimals), shared by the PDF and the public verification page so both show the same."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from samskab.certificates.codes import format_code
from samskab.certificates.models import Certificate


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def is_one_day(self) -> bool:
        return self.first == self.last


@dataclass(frozen=True)
class PresentedRole:
    title: str
    period: Period
    hours: Decimal


@dataclass(frozen=True)
class PresentedOrganisation:
    name: str
    period: Period
    hours: Decimal
    roles: list[PresentedRole]


@dataclass(frozen=True)
class PresentedCertificate:
    code: str
    language: str
    issued_on: date
    issuer: str
    volunteer_name: str
    organisations: list[PresentedOrganisation]
    skills: list[str]
    total_hours: Decimal
    fingerprint: str

    @property
    def period(self) -> Period | None:
        if not self.organisations:
            return None
        return Period(
            first=min(organisation.period.first for organisation in self.organisations),
            last=max(organisation.period.last for organisation in self.organisations),
        )


def _period(item: dict) -> Period:
    return Period(
        first=date.fromisoformat(item["first_date"]), last=date.fromisoformat(item["last_date"])
    )


def present(certificate: Certificate) -> PresentedCertificate:
    """Only for certificates that still have their content (not deleted with an account)."""
    content = certificate.content
    return PresentedCertificate(
        code=format_code(content["code"]),
        language=content["language"],
        issued_on=date.fromisoformat(content["issued_on"]),
        issuer=content["issuer"],
        volunteer_name=content["volunteer_name"],
        organisations=[
            PresentedOrganisation(
                name=organisation["name"],
                period=_period(organisation),
                hours=Decimal(organisation["hours"]),
                roles=[
                    PresentedRole(
                        title=role["title"], period=_period(role), hours=Decimal(role["hours"])
                    )
                    for role in organisation["roles"]
                ],
            )
            for organisation in content["organisations"]
        ],
        skills=list(content["skills"]),
        total_hours=Decimal(content["total_hours"]),
        fingerprint=certificate.fingerprint,
    )
