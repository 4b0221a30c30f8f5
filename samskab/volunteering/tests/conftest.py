import pytest

from tests.factories import OpportunityFactory, OrganisationFactory, make_shift


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Ribe Frivilligforening", slug="ribe-frivilligforening")


@pytest.fixture
def opportunity(organisation, coordinator):
    return OpportunityFactory(organisation=organisation, contact_person=coordinator)


@pytest.fixture
def shift(opportunity):
    return make_shift(opportunity=opportunity)
