import pytest

from tests.factories import CommentFactory, DiscussionFactory, UserFactory


@pytest.fixture(autouse=True)
def _discussion_pages(settings):
    """The stand-in discussion has a page of its own that includes its thread."""
    settings.ROOT_URLCONF = "tests.discussion_owner.urls"


@pytest.fixture
def author(db):
    """A citizen who has had something published, so their comments are not held as a
    first post."""
    person = UserFactory(display_name="Anna Forfatter", email="anna@example.dk")
    CommentFactory(author=person)
    return person


@pytest.fixture
def other(db):
    person = UserFactory(display_name="Bo Anden", email="bo@example.dk")
    CommentFactory(author=person)
    return person


@pytest.fixture
def discussion(db):
    return DiscussionFactory(title="Flere bænke ved stranden")
