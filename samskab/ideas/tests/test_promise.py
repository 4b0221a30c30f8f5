"""The public figure of the promise: the share of ideas answered within the days it names,
counted in one query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.ideas import selectors
from samskab.ideas.models import Idea
from tests.factories import propose_idea

pytestmark = pytest.mark.django_db


def test_ideas_answered_within_the_promise_are_counted_as_kept(settings):
    settings.IDEAS_ANSWER_DAYS = 60
    now = timezone.now()
    due = now - timedelta(days=100)
    kept, late, overdue, waiting, uncovered = (propose_idea(title=f"Idé {n}") for n in range(5))
    Idea.objects.filter(pk=kept.pk).update(answer_due_from=due, answered_at=due + timedelta(10))
    Idea.objects.filter(pk=late.pk).update(answer_due_from=due, answered_at=due + timedelta(70))
    Idea.objects.filter(pk=overdue.pk).update(answer_due_from=due)
    # Not due yet and not answered, or never reaching the supports: not counted.
    Idea.objects.filter(pk=waiting.pk).update(answer_due_from=now - timedelta(days=5))

    with CaptureQueriesContext(connection) as queries:
        figure = selectors.promise_kept(now=now)

    assert figure == {"total": 3, "kept": 1, "percent": 33}
    assert len(queries) == 1
    assert uncovered.answer_due_from is None


def test_no_figure_before_any_idea_is_covered():
    propose_idea()
    assert selectors.promise_kept() == {"total": 0, "kept": 0, "percent": None}
