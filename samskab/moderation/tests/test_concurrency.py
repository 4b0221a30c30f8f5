"""Reports under real concurrency: threads with their own database connections, released
at the same moment by a barrier. Only meaningful on PostgreSQL (SQLite serialises every
write), so skipped elsewhere; the constraint itself is tested on both databases in
test_services."""

from collections import Counter

import pytest
from django.db import connection

from samskab.moderation import errors, services
from samskab.moderation.models import Report, Review
from tests.concurrency import run_at_once
from tests.factories import DiscussionFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_two_reports_by_one_person_at_once_make_one(settings):
    settings.MODERATION_REPORT_RATE = ""
    item = DiscussionFactory()
    reporter = UserFactory()
    results = run_at_once(
        lambda reason: services.report(item, reporter=reporter, reason=reason), ["spam", "other"]
    )
    kinds = Counter(type(result).__name__ for result in results)
    assert kinds == {"Report": 1, "AlreadyReported": 1}, kinds
    assert Report.objects.count() == 1
    assert Review.objects.count() == 1
    assert any(isinstance(result, errors.AlreadyReported) for result in results)


def test_many_reporters_at_once_hide_the_item_exactly_once(settings):
    settings.MODERATION_REPORT_RATE = ""
    settings.MODERATION_REPORTS_TO_HIDE = 3
    item = DiscussionFactory()
    reporters = UserFactory.create_batch(8)
    hidden = []
    from samskab.moderation.signals import content_hidden

    content_hidden.connect(lambda **kwargs: hidden.append(kwargs), weak=False, dispatch_uid="c")
    try:
        results = run_at_once(
            lambda person: services.report(item, reporter=person, reason="spam"), reporters
        )
    finally:
        content_hidden.disconnect(dispatch_uid="c")
    assert all(isinstance(result, Report) for result in results), results
    item.refresh_from_db()
    assert item.is_hidden
    assert len(hidden) == 1
    assert Review.objects.filter(closed_at__isnull=True).count() == 1
