import pytest

from samskab.needs.tests.factories import OrganisationFactory, coordinator_of


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://samskab.example"


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (alerts and emails) as soon as the surrounding block ends."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Ribe Bibliotek", slug="ribe-bibliotek")


@pytest.fixture
def coordinator(organisation):
    return coordinator_of(organisation, display_name="Karen Koordinator")
