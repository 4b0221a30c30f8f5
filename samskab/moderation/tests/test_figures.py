"""The public monthly figures: reports, items hidden, decisions and the median wait, per
month in the site's time zone, in a fixed number of queries."""

from datetime import datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from samskab.moderation.models import Cause, Report, Review
from samskab.moderation.selectors import monthly_figures
from tests.factories import DiscussionFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 3, 15, 12, 0))


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour, 0))


def review(opened, waited, outcome, cause=Cause.REPORTED):
    item = DiscussionFactory()
    return Review.objects.create(
        target_type=ContentType.objects.get_for_model(item),
        target_id=item.pk,
        cause=cause,
        opened_at=opened,
        closed_at=opened + waited,
        outcome=outcome,
    )


def test_per_month_newest_first(django_assert_num_queries):
    item = DiscussionFactory()
    people = UserFactory.create_batch(3)
    for person, moment in zip(
        people, [at(2026, 3, 1), at(2026, 3, 14), at(2026, 1, 31)], strict=True
    ):
        Report.objects.create(reporter=person, target=item, reason="spam", created_at=moment)
    review(at(2026, 3, 2), timedelta(hours=2), Review.Outcome.HIDDEN)
    review(at(2026, 3, 3), timedelta(hours=4), Review.Outcome.PUBLISHED)
    review(at(2026, 3, 4), timedelta(hours=30), Review.Outcome.HIDDEN)
    # Not waits: a direct staff decision, an item its author deleted.
    review(at(2026, 3, 5), timedelta(0), Review.Outcome.HIDDEN, cause=Cause.STAFF)
    review(at(2026, 3, 6), timedelta(days=3), Review.Outcome.WITHDRAWN)
    # Decided in February after waiting from January.
    review(at(2026, 1, 30), timedelta(days=3), Review.Outcome.PUBLISHED, cause=Cause.FIRST_POST)

    with django_assert_num_queries(3):
        months = monthly_figures(months=3, now=NOW)

    march, february, january = months
    assert [m.month.isoformat() for m in months] == ["2026-03-01", "2026-02-01", "2026-01-01"]
    assert (march.reports, march.hidden, march.reviewed) == (2, 3, 3)
    assert march.median_review_time == timedelta(hours=4)
    assert (february.reports, february.hidden, february.reviewed) == (0, 0, 1)
    assert february.median_review_time == timedelta(days=3)
    assert (january.reports, january.reviewed, january.median_review_time) == (1, 0, None)


def test_a_year_of_nothing_is_twelve_empty_months():
    months = monthly_figures(now=NOW)
    assert len(months) == 12
    assert months[-1].month.isoformat() == "2025-04-01"
    assert all(m.reports == 0 and m.median_review_time is None for m in months)
