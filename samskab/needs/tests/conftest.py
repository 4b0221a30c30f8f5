import pytest

from tests.factories import OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Ribe Bibliotek", slug="ribe-bibliotek")
