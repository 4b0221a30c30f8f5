import pytest

from samskab.accounts.tests.factories import UserFactory
from samskab.organisations.tests.factories import make_municipal_staff


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return make_municipal_staff()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the emails) as soon as the surrounding block ends."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
