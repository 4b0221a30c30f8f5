"""Reports, automatic hiding, staff decisions, the author's one request for a new review,
what each person sees, and the signals and emails of each decision."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from samskab.moderation import errors, services, signals
from samskab.moderation.models import Cause, ModerationState, Report, Review
from tests.discussion_owner.models import Discussion
from tests.factories import DiscussionFactory, make_municipal_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return make_municipal_staff(display_name="Mette Moderator")


@pytest.fixture
def caught():
    """Every moderation signal sent during the test: ``caught["content_hidden"]`` …"""
    received = {"content_held": [], "content_hidden": [], "content_restored": []}
    for name, store in received.items():
        getattr(signals, name).connect(
            lambda store=store, **kwargs: store.append(kwargs), weak=False, dispatch_uid=name
        )
    yield received
    for name in received:
        getattr(signals, name).disconnect(dispatch_uid=name)


def report_by(people, item, reason=Report.Reason.OFFENSIVE):
    for person in people:
        services.report(item, reporter=person, reason=reason)


# --- reports ------------------------------------------------------------------------------


def test_a_report_puts_the_item_in_the_inbox_once(discussion, readers):
    services.report(discussion, reporter=readers[0], reason=Report.Reason.SPAM, text=" reklame ")
    services.report(discussion, reporter=readers[1], reason=Report.Reason.OFFENSIVE)
    report = Report.objects.get(reporter=readers[0])
    assert report.target == discussion and report.text == "reklame"
    review = Review.objects.get()
    assert review.cause == Cause.REPORTED and review.is_open
    discussion.refresh_from_db()
    assert discussion.is_published


def test_one_report_per_person_per_item(discussion, readers):
    services.report(discussion, reporter=readers[0], reason=Report.Reason.SPAM)
    with pytest.raises(errors.AlreadyReported):
        services.report(discussion, reporter=readers[0], reason=Report.Reason.OTHER)
    assert Report.objects.count() == 1


def test_the_database_itself_refuses_a_second_report_by_the_same_person(discussion, readers):
    Report.objects.create(reporter=readers[0], target=discussion, reason="spam")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(reporter=readers[0], target=discussion, reason="other")


def test_the_third_report_hides_the_item_pending_review(discussion, readers, caught):
    report_by(readers[:2], discussion)
    discussion.refresh_from_db()
    assert discussion.is_published
    report_by(readers[2:3], discussion)
    discussion.refresh_from_db()
    assert discussion.moderation_state == ModerationState.HIDDEN
    assert discussion.moderation_cause == Cause.REPORTED
    assert "Flere har anmeldt dette" in discussion.moderation_notice
    assert Review.objects.filter(closed_at__isnull=True).count() == 1
    (hidden,) = caught["content_hidden"]
    assert hidden["item"] == discussion and hidden["by"] is None
    assert hidden["cause"] == Cause.REPORTED


def test_the_threshold_is_a_setting(discussion, readers, settings):
    settings.MODERATION_REPORTS_TO_HIDE = 1
    report_by(readers[:1], discussion)
    discussion.refresh_from_db()
    assert discussion.is_hidden


def test_nobody_reports_their_own_item_or_one_they_cannot_see(discussion, author, readers):
    with pytest.raises(errors.CannotReport):
        services.report(discussion, reporter=author, reason="spam")
    held = DiscussionFactory(moderation_state=ModerationState.HELD)
    with pytest.raises(errors.CannotReport):
        services.report(held, reporter=readers[0], reason="spam")


def test_reporting_is_rate_limited(readers, settings):
    settings.MODERATION_REPORT_RATE = "2/h"
    items = DiscussionFactory.create_batch(3)
    services.report(items[0], reporter=readers[0], reason="spam")
    services.report(items[1], reporter=readers[0], reason="spam")
    with pytest.raises(errors.ReportingTooFast):
        services.report(items[2], reporter=readers[0], reason="spam")
    # Someone else is not slowed down.
    services.report(items[2], reporter=readers[1], reason="spam")


# --- staff decisions --------------------------------------------------------------------


def test_staff_hide_with_a_reason_and_the_author_is_told_by_email(
    discussion, author, readers, staff, caught, run_on_commit
):
    report_by(readers[:1], discussion)
    review = Review.objects.get()
    with run_on_commit():
        decided = services.decide(
            [review.pk], outcome=Review.Outcome.HIDDEN, reason="Personangreb.", by=staff
        )
    assert [d.item for d in decided] == [discussion]
    discussion.refresh_from_db()
    assert discussion.is_hidden and discussion.moderation_cause == Cause.STAFF
    assert discussion.moderation_reason == "Personangreb."
    assert discussion.moderated_by == staff
    review.refresh_from_db()
    assert review.outcome == Review.Outcome.HIDDEN and review.decided_by == staff
    assert review.reason == "Personangreb." and not review.is_open
    (email,) = mail.outbox
    assert email.to == [author.email]
    assert "skjult" in email.subject
    assert "Personangreb." in email.body
    assert "https://samskab.example/kommentarer/" not in email.body
    assert f"https://samskab.example/discussions/{discussion.pk}/" in email.body
    assert "ny vurdering" in email.body
    assert caught["content_hidden"][0]["by"] == staff


def test_the_email_is_in_the_authors_language(discussion, author, readers, staff, run_on_commit):
    author.preferred_language = "en"
    author.save()
    with run_on_commit():
        services.hide(discussion, reason="Off topic.", by=staff)
    (email,) = mail.outbox
    assert email.subject == "Your discussion has been hidden"
    assert "The reason: Off topic." in email.body


def test_keeping_a_reported_item_starts_the_count_again_and_tells_nobody(
    discussion, readers, staff, caught, run_on_commit, settings
):
    report_by(readers[:2], discussion)
    with run_on_commit():
        services.restore(discussion, reason="Skarpt, men inden for reglerne.", by=staff)
    assert mail.outbox == []
    assert caught["content_restored"][0]["previous_state"] == ModerationState.PUBLISHED
    # Two earlier reports and one new one do not hide it; three new ones do.
    report_by(readers[2:3], discussion)
    discussion.refresh_from_db()
    assert discussion.is_published
    assert Review.objects.filter(closed_at__isnull=True).count() == 1
    report_by(readers[3:5], discussion)
    discussion.refresh_from_db()
    assert discussion.is_hidden


def test_publishing_a_held_item_tells_the_author(author, staff, caught, run_on_commit):
    item = DiscussionFactory(author=author)
    services.screen(item, text="Første indlæg")
    with run_on_commit():
        services.decide(
            Review.objects.values_list("pk", flat=True),
            outcome=Review.Outcome.PUBLISHED,
            reason="Velkommen!",
            by=staff,
        )
    item.refresh_from_db()
    assert item.is_published and item.moderation_cause == ""
    assert caught["content_restored"][0]["previous_state"] == ModerationState.HELD
    (email,) = mail.outbox
    assert "udgivet" in email.subject
    assert "Velkommen!" in email.body


def test_only_municipal_staff_decide(discussion, readers):
    report_by(readers[:1], discussion)
    with pytest.raises(errors.NotModerator):
        services.decide(
            Review.objects.values_list("pk", flat=True),
            outcome=Review.Outcome.HIDDEN,
            reason="x",
            by=readers[1],
        )
    with pytest.raises(errors.NotModerator):
        services.hide(discussion, reason="x", by=readers[1])


def test_a_decision_already_made_is_skipped(discussion, readers, staff):
    report_by(readers[:1], discussion)
    review = Review.objects.get()
    services.decide([review.pk], outcome=Review.Outcome.HIDDEN, reason="a", by=staff)
    assert (
        services.decide([review.pk], outcome=Review.Outcome.PUBLISHED, reason="b", by=staff) == []
    )
    discussion.refresh_from_db()
    assert discussion.is_hidden


def test_a_review_of_an_item_deleted_meanwhile_closes_as_withdrawn(discussion, readers, staff):
    report_by(readers[:1], discussion)
    review = Review.objects.get()
    Discussion.objects.filter(pk=discussion.pk).delete()
    services.decide([review.pk], outcome=Review.Outcome.HIDDEN, reason="a", by=staff)
    review.refresh_from_db()
    assert review.outcome == Review.Outcome.WITHDRAWN


# --- the author's one request -----------------------------------------------------------


def test_the_author_asks_once_for_a_new_review(discussion, author, readers, staff):
    services.hide(discussion, reason="Reklame.", by=staff)
    discussion.refresh_from_db()
    assert discussion.may_request_review(author)
    assert not discussion.may_request_review(readers[0])
    services.request_review(discussion, by=author)
    review = Review.objects.get(closed_at__isnull=True)
    assert review.cause == Cause.REVIEW_REQUESTED
    assert not discussion.may_request_review(author)
    with pytest.raises(errors.ReviewNotPossible):
        services.request_review(discussion, by=author)
    # Hidden again after the second look: no third.
    services.decide([review.pk], outcome=Review.Outcome.HIDDEN, reason="Stadig reklame.", by=staff)
    discussion.refresh_from_db()
    assert discussion.is_hidden and not discussion.may_request_review(author)


def test_no_request_while_the_item_waits_for_its_first_decision(discussion, author, readers):
    report_by(readers[:3], discussion)
    discussion.refresh_from_db()
    assert discussion.is_hidden
    with pytest.raises(errors.ReviewNotPossible):
        services.request_review(discussion, by=author)


def test_withdrawing_closes_the_open_review(discussion, readers):
    report_by(readers[:1], discussion)
    assert services.withdraw(discussion) == 1
    assert Review.objects.get().outcome == Review.Outcome.WITHDRAWN


# --- who sees what ----------------------------------------------------------------------


def test_visible_to_published_for_all_own_in_any_state_everything_for_staff(
    author, readers, staff, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    published = DiscussionFactory(author=author)
    held = DiscussionFactory(author=author, moderation_state=ModerationState.HELD)
    hidden = DiscussionFactory(moderation_state=ModerationState.HIDDEN)

    def visible(user):
        return set(Discussion.objects.visible_to(user))

    assert visible(AnonymousUser()) == {published}
    assert visible(readers[0]) == {published}
    assert visible(author) == {published, held}
    assert visible(staff) == {published, held, hidden}
    with django_assert_num_queries(1):
        list(Discussion.objects.visible_to(readers[0]))


def test_the_notice_tells_the_author_why(author):
    held = DiscussionFactory(
        author=author, moderation_state=ModerationState.HELD, moderation_cause=Cause.LINKS
    )
    assert "Indlæg med links" in held.moderation_notice
    hidden = DiscussionFactory(
        moderation_state=ModerationState.HIDDEN,
        moderation_cause=Cause.STAFF,
        moderation_reason="Reklame.",
        moderated_at=timezone.now() - timedelta(hours=1),
    )
    assert hidden.moderation_notice == "Kommunen har skjult dette. Begrundelse: Reklame."
    assert DiscussionFactory().moderation_notice == ""
