"""The ideas demo: citizens' ideas across the focus areas and towns with supports,
discussions and answers of every meaning, held first posts and a hidden comment for the
moderation inbox, and an idea turned into a need; loading it again changes nothing."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from samskab.comments.models import Comment
from samskab.demo.loaders.catalogue import load_activities_demo
from samskab.demo.loaders.ideas import citizen_email, citizens, load_ideas_demo
from samskab.demo.loaders.ideas import ideas as demo_ideas
from samskab.demo.loaders.organisations import load_organisations_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL, load_volunteering_demo
from samskab.ideas import selectors
from samskab.ideas.models import Answer, HelpOffer, Idea, Meaning, Support
from samskab.moderation import selectors as moderation_selectors
from samskab.moderation.models import Cause, ModerationState, Report, Review
from samskab.notifications.models import Follow, Notification
from samskab.reference.tests.lists import ensure_reference_lists
from samskab.vision.models import FocusArea

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference_rows():
    """The towns and skills, and the answer statuses, the data migrations made (a
    transactional test run earlier in the session may have flushed them)."""
    ensure_reference_lists()
    migration = import_module("samskab.ideas.migrations.0002_search_index_and_statuses")
    migration.create_statuses(apps, None)


@pytest.fixture
def loaded():
    load_vision_demo()
    load_organisations_demo()
    load_activities_demo()
    load_volunteering_demo()
    mail.outbox.clear()
    return load_ideas_demo()


def snapshot():
    return {
        "ideas": sorted(
            Idea.objects.values_list(
                "pk", "created_at", "moderation_state", "supports_count", "comments_count"
            )
        ),
        "supports": Support.objects.count(),
        "comments": sorted(Comment.objects.values_list("pk", "moderation_state", "created_at")),
        "answers": sorted(Answer.objects.values_list("pk", "created_at")),
        "reports": Report.objects.count(),
        "reviews": sorted(Review.objects.values_list("pk", "closed_at")),
        "offers": HelpOffer.objects.count(),
        "users": get_user_model().objects.count(),
        "notifications": Notification.objects.count(),
        "follows": Follow.objects.count(),
    }


def test_the_ideas_span_the_focus_areas_and_towns_and_loading_twice_creates_nothing(loaded):
    specs = demo_ideas()
    assert len(specs) >= 60
    assert Idea.objects.count() == len(specs)
    assert f"Ideas: {len(specs)} ideas loaded" in loaded
    for area in FocusArea.objects.all():
        assert Idea.objects.published().filter(focus_areas=area).count() >= 10, area.slug
    assert Idea.objects.values("town").distinct().count() >= 15
    assert Idea.objects.filter(language="en").count() >= 5
    assert Idea.objects.filter(latitude__isnull=False).count() >= 5
    # Proposed over the past months, not all at once.
    newest, oldest = Idea.objects.order_by("-created_at")[0], Idea.objects.order_by("created_at")[0]
    assert (newest.created_at - oldest.created_at).days > 300
    # Invented people with the other demos' invented addresses, told only on the site.
    emails = set(get_user_model().objects.values_list("email", flat=True))
    assert {citizen_email(row["key"]) for row in citizens()} <= emails
    assert all(citizen_email(row["key"]).endswith("@example.org") for row in citizens())
    assert mail.outbox == []

    before = snapshot()
    summary = load_ideas_demo()
    assert snapshot() == before
    assert "(0 new;" in summary


def test_every_status_meaning_is_answered_the_counts_are_right_and_people_discuss(loaded):
    assert set(Answer.objects.values_list("status__meaning", flat=True)) == set(Meaning.values)
    for idea in Idea.objects.published():
        assert idea.supports_count == idea.supports.count()
        assert (
            idea.comments_count
            == Comment.objects.on(idea).published().filter(deleted_at__isnull=True).count()
        )
        answers = list(idea.answers.order_by("created_at"))
        if answers:
            assert idea.status == answers[-1].status
            assert idea.answered_at == answers[0].created_at
            assert idea.last_answered_at == answers[-1].created_at
            assert answers[0].created_at > idea.created_at
    # The promise: some ideas reached its supports; one of them waits too long for an answer.
    due = selectors.answers_due()
    assert due["overdue"]
    assert selectors.promise_kept()["total"] > 0

    # Discussions with stances, replies and one official reply by staff.
    comments = Comment.objects.all()
    assert comments.count() >= 40
    assert comments.filter(parent__isnull=False).count() >= 10
    assert {"for", "against", "question"} <= set(comments.values_list("stance", flat=True))
    official = comments.get(is_official=True)
    assert official.parent is not None and official.author.is_staff
    for comment in comments.select_related("parent"):
        assert comment.created_at > Idea.objects.get(pk=comment.target_id).created_at
        if comment.parent:
            assert comment.created_at > comment.parent.created_at


def test_first_posts_wait_a_reported_comment_is_hidden_and_an_idea_became_a_need(loaded):
    held_ideas = Idea.objects.filter(moderation_state=ModerationState.HELD)
    assert held_ideas.count() == 3
    assert set(held_ideas.values_list("moderation_cause", flat=True)) == {Cause.FIRST_POST}
    held_comment = Comment.objects.get(moderation_state=ModerationState.HELD)
    hidden = Comment.objects.get(moderation_state=ModerationState.HIDDEN)
    assert hidden.moderation_cause == Cause.REPORTED
    assert Report.objects.filter(target_id=hidden.pk).count() == 3
    inbox = moderation_selectors.open_reviews()
    waiting = {(review.target_type_id, review.target_id) for review in inbox}
    idea_type = ContentType.objects.get_for_model(Idea)
    comment_type = ContentType.objects.get_for_model(Comment)
    assert {(idea_type.pk, pk) for pk in held_ideas.values_list("pk", flat=True)} <= waiting
    assert (comment_type.pk, held_comment.pk) in waiting
    assert (comment_type.pk, hidden.pk) in waiting
    # Every other first post was published by staff after a look, before anyone replied.
    published_reviews = Review.objects.filter(outcome=Review.Outcome.PUBLISHED)
    assert published_reviews.count() >= 25
    assert all(review.closed_at >= review.opened_at for review in published_reviews)

    # An idea became a need, and the demo volunteer is the helper found.
    idea = Idea.objects.get(need__isnull=False)
    assert idea.status.meaning == Meaning.ACCEPTED_IF_HELP
    assert selectors.helpers_found(idea) == {"found": 1, "wanted": 4}
    volunteer = get_user_model().objects.get(email=DEMO_VOLUNTEER_EMAIL)
    assert HelpOffer.objects.filter(idea=idea, user=volunteer, invited_at__isnull=False).exists()
    assert Notification.objects.filter(recipient=volunteer, kind="ideas.help_wanted").exists()
    assert "one turned into a need with 1 of 4 helpers found" in loaded
