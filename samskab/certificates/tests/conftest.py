from datetime import date

import pytest

from tests.factories import (
    HoursEntryFactory,
    OpportunityFactory,
    OrganisationFactory,
    SkillFactory,
    approved_hours,
)


@pytest.fixture
def record(volunteer):
    """Vera helped two organisations: the homework café in two roles, and logged hours with
    the library."""
    cafe = OrganisationFactory(name="Ribe Lektiecafé", slug="ribe-lektiecafe")
    library = OrganisationFactory(name="Ribe Bibliotek", slug="ribe-bibliotek")
    homework = OpportunityFactory(
        organisation=cafe,
        title_da="Lektiehjælper",
        title_en="Homework helper",
        skills=[SkillFactory(slug="lektiehjaelp", name_da="Lektiehjælp", name_en="Homework help")],
    )
    reading = OpportunityFactory(
        organisation=cafe, title_da="Højtlæsning", title_en="Reading aloud", skills=[]
    )
    approved_hours(volunteer, organisation=cafe, opportunity=homework, day=date(2025, 2, 4))
    approved_hours(volunteer, organisation=cafe, opportunity=homework, day=date(2025, 5, 20))
    approved_hours(
        volunteer, organisation=cafe, opportunity=reading, day=date(2025, 3, 1), hours="1.00"
    )
    approved_hours(volunteer, organisation=library, day=date(2025, 4, 10), hours="3.00")
    # Not on the certificate: waiting for approval.
    HoursEntryFactory(volunteer=volunteer, organisation=library, date=date(2025, 4, 11))
    return {"cafe": cafe, "library": library, "homework": homework, "reading": reading}
