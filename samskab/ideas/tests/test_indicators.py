"""Ideas' indicator: the share of ideas answered within the promise, counted when their
answer falls due."""

from datetime import UTC, date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.ideas import indicators
from samskab.ideas.models import Idea
from samskab.results import services
from samskab.results.models import Observation
from tests.factories.history import local
from tests.factories.ideas import propose_idea
from tests.factories.reference import town

pytestmark = pytest.mark.django_db

UNTIL = local(date(2030, 1, 1))


def figure(slug, starts_on, *, period="month", dimension="", group=""):
    return Observation.objects.get(
        indicator__key=slug, period=period, starts_on=starts_on, dimension=dimension, group=group
    )


def idea_due(due_at, *, answered_at=None, **fields):
    """An idea whose answer is due at ``due_at``: ten times 24 hours after it reached the
    supports (in UTC, so a change of summer time in between moves nothing)."""
    idea = propose_idea(title=f"Idé {Idea.objects.count()}", **fields)
    Idea.objects.filter(pk=idea.pk).update(
        answer_due_from=due_at.astimezone(UTC) - timedelta(days=10), answered_at=answered_at
    )
    return idea


def test_an_idea_counts_when_its_answer_falls_due_answered_in_time_or_not(settings):
    settings.IDEAS_ANSWER_DAYS = 10
    # 00:30 local on 1 April (summer time) is 22:30 UTC on 31 March.
    due = local(date(2025, 4, 1), 0, 30)
    early = idea_due(due, answered_at=due - timedelta(days=3), town=town("ribe"))
    on_the_day = idea_due(due, answered_at=due)
    late = idea_due(due, answered_at=due + timedelta(minutes=1), language="en")
    unanswered = idea_due(due)
    march = idea_due(local(date(2025, 3, 31), 23, 0), answered_at=local(date(2025, 3, 25)))
    not_due = propose_idea(title="Ingen tilsagn")

    april = list(
        indicators.answered_in_time_facts(local(date(2025, 4, 1), 0), local(date(2025, 5, 1), 0))
    )

    assert sorted((fact.key, fact.hit) for fact in april) == sorted(
        [
            (f"idea:{early.pk}", True),
            (f"idea:{on_the_day.pk}", True),
            (f"idea:{late.pk}", False),
            (f"idea:{unanswered.pk}", False),
        ]
    )
    assert {fact.town for fact in april} == {"ribe", ""}
    assert not_due.pk not in {int(fact.key[5:]) for fact in april}

    services.compute_all(now=local(date(2025, 5, 20)))

    share = figure("ideas-answered-in-time", date(2025, 4, 1))
    assert (share.value, share.base, share.suppressed) == (Decimal("50.00"), 4, True)
    assert figure("ideas-answered-in-time", date(2025, 3, 1)).value == Decimal("100.00")
    assert figure(
        "ideas-answered-in-time", date(2025, 4, 1), dimension="language", group="en"
    ).value == Decimal("0.00")
    assert march.pk


def test_an_idea_not_yet_due_is_not_counted_even_when_answered(settings):
    settings.IDEAS_ANSWER_DAYS = 10
    now = local(date(2025, 4, 10))
    idea_due(now + timedelta(days=2), answered_at=now - timedelta(days=1))

    assert list(indicators.answered_in_time_facts(None, now)) == []


def _queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        list(indicators.answered_in_time_facts(None, UNTIL))
    return len(queries)


def test_the_facts_are_read_in_the_same_number_of_queries_whatever_their_number():
    idea_due(local(date(2025, 3, 3)), town=town("ribe"))
    few = _queries()
    for day in range(4, 12):
        idea_due(local(date(2025, 3, day)), answered_at=local(date(2025, 3, 1)))

    assert _queries() == few
    assert len(list(indicators.answered_in_time_facts(None, UNTIL))) == 9
