import pytest

from tests.factories import OrganisationFactory, children_opportunity


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Ribe Lektiecafé", slug="ribe-lektiecafe")


@pytest.fixture
def opportunity(organisation):
    return children_opportunity(organisation, title_da="Lektiehjælp", title_en="Homework help")
