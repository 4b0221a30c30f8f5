import pytest

from samskab.activities.tests.factories import UserFactory
from samskab.organisations.tests.factories import make_municipal_staff


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://samskab.example"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the emails queued with transaction.on_commit, as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return make_municipal_staff()
