import pytest

from tests.factories import DiscussionFactory, UserFactory


@pytest.fixture
def author(db):
    return UserFactory(display_name="Anna Forfatter", email="anna@example.dk")


@pytest.fixture
def discussion(author):
    """A published discussion by ``author``."""
    return DiscussionFactory(author=author, title="Flere bænke ved stranden")


@pytest.fixture
def readers(db):
    return [UserFactory(display_name=f"Læser {n}") for n in range(5)]
