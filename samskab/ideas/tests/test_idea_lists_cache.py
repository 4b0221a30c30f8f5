"""Idea cards and the idea list's filter form are kept for everyone, logged in or not; every
change to what they show is on the next list, and on the vision's pages that show ideas. A
support forgets its own idea's page, not every idea's."""

import re

import pytest
from django.test import Client

from samskab.comments import services as comment_services
from samskab.ideas import services
from samskab.moderation import services as moderation_services
from tests.factories import FocusAreaFactory, TownFactory, UserFactory
from tests.factories.ideas import propose_idea
from tests.page_cache import address, card_of, fetch

pytestmark = pytest.mark.django_db

LIST_URL = "/ideer/"
CARD_TEMPLATE = "ideas/includes/idea_card.html"
FORM_TEMPLATE = "ideas/includes/filter_form.html"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    """Whatever a local .env says, these tests are about the cache being on."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    settings.CARD_CACHE_SECONDS = 300


@pytest.fixture
def area():
    return FocusAreaFactory(title_da="Fællesskaber")


@pytest.fixture
def ideas(area):
    # An author with an idea published before is not held for review again.
    author = propose_idea(title="Flere skraldespande på stranden", focus_areas=[area]).author
    return [
        propose_idea(author=author, title="Bænke langs stien", focus_areas=[area]),
        propose_idea(author=author, title="Legeplads i Gjesing", focus_areas=[area]),
    ]


def _rendered(response) -> set[str]:
    return {template.name for template in response.templates}


def _counts(html: str, title: str) -> tuple[int, int]:
    card = card_of(html, title)
    supporters = int(re.search(r"(\d+) støtter", card).group(1))
    comments = int(re.search(r"(\d+) kommentar", card).group(1))
    return supporters, comments


def test_cards_and_form_are_rendered_once_and_kept_for_everyone(client, ideas):
    client.force_login(UserFactory(display_name="Grethe Nielsen"))
    first = client.get(LIST_URL)
    assert {CARD_TEMPLATE, FORM_TEMPLATE} <= _rendered(first)

    for response in (
        client.get(LIST_URL),
        Client().get(LIST_URL),
        client.get(LIST_URL, {"page": 1}),
    ):
        assert CARD_TEMPLATE not in _rendered(response)
        assert FORM_TEMPLATE not in _rendered(response)
        html = response.content.decode()
        assert "Bænke langs stien" in html and "Legeplads i Gjesing" in html
    assert "Grethe Nielsen" in client.get(LIST_URL).content.decode()

    # Another order has a form of its own (its order chosen), and the same cards.
    supported = client.get(LIST_URL, {"sort": "supported"})
    assert FORM_TEMPLATE in _rendered(supported)
    assert CARD_TEMPLATE not in _rendered(supported)
    assert '<option value="supported" selected>' in supported.content.decode()


def test_supports_comments_and_edits_are_on_the_next_list(client, ideas):
    benches, _playground = ideas
    html = client.get(LIST_URL).content.decode()
    assert _counts(html, "Bænke langs stien") == (0, 0)

    services.support(idea=benches, user=UserFactory())
    html = client.get(LIST_URL).content.decode()
    assert _counts(html, "Bænke langs stien") == (1, 0)
    assert _counts(html, "Legeplads i Gjesing") == (0, 0)

    comment_services.post_comment(target=benches, author=benches.author, text="Gerne!")
    assert _counts(client.get(LIST_URL).content.decode(), "Bænke langs stien") == (1, 1)

    benches.refresh_from_db()
    services.edit(
        idea=benches,
        by=benches.author,
        title="Bænke og skygge langs stien",
        text=benches.text,
        focus_areas=list(benches.focus_areas.all()),
    )
    html = client.get(LIST_URL).content.decode()
    assert "Bænke og skygge langs stien" in html
    assert "Bænke langs stien<" not in html


def test_a_new_town_and_a_renamed_focus_area_are_offered_at_once(client, ideas, area):
    client.get(LIST_URL)
    assert FORM_TEMPLATE not in _rendered(client.get(LIST_URL))

    propose_idea(
        author=ideas[0].author,
        title="Bålplads i Sædding",
        town=TownFactory(slug="saedding", name_da="Sædding"),
    )
    assert '<option value="saedding">Sædding</option>' in client.get(LIST_URL).content.decode()

    area.title_da = "Stærke fællesskaber"
    area.save()
    html = client.get(LIST_URL).content.decode()
    assert "Stærke fællesskaber" in card_of(html, "Legeplads i Gjesing")
    assert ">Stærke fællesskaber</option>" in html


def test_the_focus_area_page_follows_its_ideas(client, ideas, area):
    """The focus area page is kept whole for visitors; its ideas forget their own tags, so
    it varies on the lists of ideas."""
    benches, playground = ideas
    html, _ = fetch(client, address(area))
    assert _counts(html, "Bænke langs stien") == (0, 0)

    services.support(idea=benches, user=UserFactory())
    comment_services.post_comment(target=benches, author=benches.author, text="Gerne!")
    html, _ = fetch(client, address(area))
    assert _counts(html, "Bænke langs stien") == (1, 1)

    moderation_services.hold(playground, cause="reports")
    html, _ = fetch(client, address(area))
    assert "Legeplads i Gjesing" not in html


def test_a_support_forgets_its_own_idea_page_only(client, ideas):
    benches, playground = ideas
    supporter = UserFactory()  # a new account's name could be on any idea page
    fetch(client, address(benches))
    fetch(client, address(playground))

    services.support(idea=benches, user=supporter)

    html, queries = fetch(Client(), address(playground))
    assert queries <= 2
    assert "Legeplads i Gjesing" in html
    html, queries = fetch(Client(), address(benches))
    assert queries > 2
    assert 'id="support-heading">1 støtter<' in html
