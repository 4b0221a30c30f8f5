import pytest

from samskab.childsafety.tests.factories import children_opportunity
from samskab.volunteering.tests.factories import OrganisationFactory, UserFactory, coordinator_of


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://samskab.example"


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Ribe Lektiecafé", slug="ribe-lektiecafe")


@pytest.fixture
def coordinator(organisation):
    return coordinator_of(organisation, display_name="Karen Koordinator")


@pytest.fixture
def opportunity(organisation):
    return children_opportunity(organisation, title_da="Lektiehjælp", title_en="Homework help")


@pytest.fixture
def volunteer(db):
    return UserFactory(display_name="Vera Frivillig", email="vera@example.dk")
