"""Hours approved and certificates issued, as organisations and volunteers do."""

from decimal import Decimal

from samskab.certificates import services
from samskab.volunteering.models import HoursEntry
from tests.factories.volunteering import HoursEntryFactory


def approved_hours(volunteer, *, organisation, opportunity=None, day, hours="2.50"):
    """Hours an organisation approved for the volunteer."""
    return HoursEntryFactory(
        volunteer=volunteer,
        organisation=organisation,
        opportunity=opportunity,
        status=HoursEntry.Status.APPROVED,
        date=day,
        hours=Decimal(hours),
        description="",
    )


def issue(volunteer, *, language="da", name="Vera Frivillig"):
    return services.issue_certificate(volunteer=volunteer, name=name, language=language)
