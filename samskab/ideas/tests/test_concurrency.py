"""Supporting under real concurrency (PostgreSQL): one person's two requests at once make
one support, and many people at once are all counted."""

import pytest
from django.db import connection

from samskab.ideas import services
from samskab.ideas.models import Idea, Support
from tests.concurrency import run_at_once
from tests.factories import UserFactory, propose_idea

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_one_person_supporting_twice_at_once_counts_once():
    idea = propose_idea()
    person = UserFactory()
    outcomes = run_at_once(lambda _: services.support(idea=idea, user=person), [1, 2])
    assert sorted(outcomes) == [False, True]
    assert Support.objects.count() == 1
    assert Idea.objects.get().supports_count == 1


def test_twenty_people_at_once_are_all_counted():
    idea = propose_idea()
    people = UserFactory.create_batch(20)
    run_at_once(lambda person: services.support(idea=idea, user=person), people)
    assert Idea.objects.get().supports_count == Support.objects.count() == 20
