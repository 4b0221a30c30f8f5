import pytest

from samskab.accounts.tests.factories import UserFactory
from samskab.volunteering.tests.factories import (
    OpportunityFactory,
    OrganisationFactory,
    coordinator_of,
    make_shift,
)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://samskab.example"


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the emails) as soon as the surrounding block ends."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Ribe Frivilligforening", slug="ribe-frivilligforening")


@pytest.fixture
def coordinator(organisation):
    return coordinator_of(organisation, display_name="Karen Koordinator")


@pytest.fixture
def opportunity(organisation, coordinator):
    return OpportunityFactory(organisation=organisation, contact_person=coordinator)


@pytest.fixture
def shift(opportunity):
    return make_shift(opportunity=opportunity)


@pytest.fixture
def volunteer(db):
    return UserFactory(display_name="Vera Frivillig", email="vera@example.dk")
