"""The idea page is kept for visitors who are not logged in, and every change to what it
shows is on the next page."""

import re

import pytest
from django.test import Client

from samskab.comments import services as comment_services
from samskab.ideas import services
from samskab.moderation import services as moderation_services
from tests.factories import UserFactory, make_municipal_staff
from tests.factories.ideas import answer_status, propose_idea
from tests.page_cache import address, fetch

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    """Whatever a local .env says, these tests are about the cache being on."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def idea():
    # An author with an idea published before is not held for review again.
    author = propose_idea(title="Flere skraldespande på stranden").author
    return propose_idea(author=author, title="Bænke langs stien ved Fanø-færgen")


def test_the_second_visitor_gets_the_page_from_the_cache(client, idea):
    first, cold = fetch(client, address(idea))
    second, warm = fetch(Client(), address(idea))

    assert cold > 3
    assert warm <= 2
    assert "Bænke langs stien ved Fanø-færgen" in second
    assert TOKEN.findall(second) == [] or TOKEN.findall(second) != TOKEN.findall(first)


def test_an_edited_idea_is_on_the_next_page(client, idea):
    fetch(client, address(idea))
    services.edit(
        idea=idea,
        by=idea.author,
        title="Bænke og skygge ved Fanø-færgen",
        text=idea.text,
        focus_areas=list(idea.focus_areas.all()),
    )
    idea.refresh_from_db()

    html, _ = fetch(client, address(idea))
    assert "Bænke og skygge ved Fanø-færgen" in html


def test_a_support_is_counted_on_the_next_page(client, idea):
    supporters = re.compile(r'id="support-heading">(\d+) støtter<')
    html, _ = fetch(client, address(idea))
    before = int(supporters.search(html).group(1))
    services.support(idea=idea, user=UserFactory())

    html, _ = fetch(client, address(idea))
    assert int(supporters.search(html).group(1)) == before + 1


def test_a_comment_and_an_answer_are_on_the_next_page(client, idea):
    fetch(client, address(idea))
    comment_services.post_comment(target=idea, author=idea.author, text="Gerne med et bord.")
    html, _ = fetch(client, address(idea))
    assert "Gerne med et bord." in html

    services.answer(
        idea=idea, by=make_municipal_staff(), status=answer_status(), text="Vi sætter dem op."
    )
    html, _ = fetch(client, address(idea))
    assert "Vi sætter dem op." in html


def test_an_idea_held_for_review_is_gone_at_once(client, idea):
    fetch(client, address(idea))
    moderation_services.hold(idea, cause="reports")

    assert client.get(address(idea)).status_code == 404


def test_someone_logged_in_never_gets_the_kept_page(client, idea):
    fetch(Client(), address(idea))
    client.force_login(UserFactory())

    html, queries = fetch(client, address(idea))
    assert queries > 2
    assert "Support this idea" in html or "Støt idéen" in html or TOKEN.search(html)


def test_danish_and_english_are_kept_apart(client, idea):
    danish, _ = fetch(client, address(idea))
    english, _ = fetch(client, address(idea, "en"))

    assert 'lang="da"' in danish.split(">", 2)[1]
    assert 'lang="en"' in english.split(">", 2)[1]
