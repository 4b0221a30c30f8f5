"""The vision's pages show the ideas: the latest answers on the front page, a focus area's
ideas on its page, an initiative's on its page."""

import pytest

from samskab.ideas import services
from samskab.ideas.models import Meaning
from tests.factories import (
    FocusAreaFactory,
    InitiativeFactory,
    VisionFactory,
    answer_status,
    propose_idea,
)

pytestmark = pytest.mark.django_db


def test_the_front_page_shows_the_latest_answers(client, staff):
    VisionFactory()
    idea = propose_idea(title="Lys på stien til skolen")
    services.answer(idea=idea, by=staff, status=answer_status(Meaning.ACCEPTED), text="Det gør vi.")
    page = client.get("/").content.decode()
    assert "Kommunen svarer på borgernes idéer" in page
    assert "Lys på stien til skolen" in page


def test_a_focus_area_and_an_initiative_show_their_ideas(client):
    area = FocusAreaFactory()
    initiative = InitiativeFactory(focus_area=area)
    propose_idea(title="Madklub for enlige", focus_areas=[area], initiative=initiative)
    propose_idea(title="Noget helt andet", focus_areas=[FocusAreaFactory()])
    area_page = client.get(area.get_absolute_url()).content.decode()
    assert "Madklub for enlige" in area_page
    assert "Noget helt andet" not in area_page
    assert "Borgernes idéer" in area_page
    assert "Madklub for enlige" in client.get(initiative.get_absolute_url()).content.decode()


def test_held_ideas_are_not_shown_on_the_vision_pages(client):
    area = FocusAreaFactory()
    propose_idea(title="Venter på et kig", focus_areas=[area], published=False)
    assert "Venter på et kig" not in client.get(area.get_absolute_url()).content.decode()
