"""What holds a new post for review: a new author's first post, links, listed words.
Municipal staff are never held."""

import pytest

from samskab.moderation import screening, services
from samskab.moderation.models import Cause, ModerationState, Review
from samskab.moderation.signals import content_held
from tests.factories import DiscussionFactory, UserFactory, make_municipal_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "Se https://example.org/tilbud",
        "http://esbjerg.dk",
        "besøg www.billig-medicin.example",
        "Køb på billigmedicin.com/nu",
        "Læs mere på Esbjerg.dk.",
    ],
)
def test_links_are_found(text):
    assert screening.contains_link(text)


@pytest.mark.parametrize(
    "text",
    [
        "Det er f.eks. en god idé, bl.a. for børn",
        "Kl. 10.00 ved havnen",
        "Vi mødes kl.10.30",
        "3.5 km",
        "Hej.Vi ses",
    ],
)
def test_ordinary_text_has_no_links(text):
    assert not screening.contains_link(text)


def test_listed_words_match_whole_words_whatever_the_case(settings):
    settings.MODERATION_HELD_WORDS = ["snyd", "svindel*", "kom og køb"]
    assert screening.held_words_in("Det er SNYD!") == ["snyd"]
    assert screening.held_words_in("Rent svindelnummer") == ["svindel*"]
    assert screening.held_words_in("Kom og køb billigt") == ["kom og køb"]
    assert screening.held_words_in("Snydeligt godt, snydt") == []


def test_a_new_authors_first_post_is_held_and_the_next_is_not_once_one_is_published():
    author = UserFactory()
    assert services.hold_cause("Hej", author=author) == Cause.FIRST_POST
    DiscussionFactory(author=author)
    assert services.hold_cause("Hej", author=author) is None


def test_links_and_words_are_held_for_established_authors_too(settings):
    settings.MODERATION_HELD_WORDS = ["gratis"]
    author = DiscussionFactory().author
    assert services.hold_cause("Se www.example.dk", author=author) == Cause.LINKS
    assert services.hold_cause("Gratis is", author=author) == Cause.WORDS


def test_municipal_staff_are_never_held():
    staff = make_municipal_staff()
    assert services.hold_cause("Læs https://esbjerg.dk/byraad", author=staff) is None


def test_a_new_authors_first_item_is_held_though_it_was_saved_published():
    item = DiscussionFactory(author=UserFactory())  # saved published, as an owner does
    assert services.screen(item, text="Hej") == Cause.FIRST_POST
    item.refresh_from_db()
    assert item.is_held


def test_screening_a_new_item_holds_it_opens_a_review_and_says_so():
    author = DiscussionFactory().author
    item = DiscussionFactory(author=author)
    received = []
    content_held.connect(lambda **kwargs: received.append(kwargs), weak=False, dispatch_uid="t")
    try:
        cause = services.screen(item, text="Se www.example.dk")
    finally:
        content_held.disconnect(dispatch_uid="t")
    assert cause == Cause.LINKS
    item.refresh_from_db()
    assert item.moderation_state == ModerationState.HELD
    assert item.moderation_cause == Cause.LINKS
    assert item.moderated_at is not None
    review = Review.objects.get()
    assert review.cause == Cause.LINKS and review.is_open
    assert received[0]["item"] == item and received[0]["cause"] == Cause.LINKS


def test_screening_an_item_that_is_already_held_changes_nothing():
    item = DiscussionFactory(moderation_state=ModerationState.HELD, moderation_cause="first_post")
    assert services.screen(item, text="www.example.dk") == "first_post"
    assert not Review.objects.exists()
