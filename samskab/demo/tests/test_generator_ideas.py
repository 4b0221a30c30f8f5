"""generate_data's ideas half: the synthetic ideas, supports, comments, answers and
moderation are consistent with what the services keep."""

from collections import Counter
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Min, Q
from django.utils import timezone

from samskab.comments.models import Comment
from samskab.demo import generator
from samskab.ideas import conf, selectors
from samskab.ideas.models import Answer, Idea, Meaning, Support
from samskab.moderation.models import ModerationState, Report, Review
from samskab.notifications.models import Follow
from samskab.reference.tests.lists import ensure_reference_lists
from tests.factories import FocusAreaFactory, answer_status

pytestmark = pytest.mark.django_db

SMALL = generator.SCALES["small"]


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def generated(db, now, staff):
    ensure_reference_lists()
    FocusAreaFactory.create_batch(3)
    ensure_statuses()
    return generator.generate(scale=SMALL, seed=5, now=now)


def ensure_statuses():
    """The answer statuses the migrations made (a transactional test run earlier may have
    flushed them), made again the way the migration makes them."""
    migration = import_module("samskab.ideas.migrations.0002_search_index_and_statuses")
    migration.create_statuses(apps, None)


def test_it_writes_the_ideas_supports_and_comments_the_scale_names(generated):
    assert Idea.objects.count() == SMALL.ideas == generated["ideas"]
    assert Support.objects.count() == SMALL.idea_supports == generated["idea supports"]
    assert Comment.objects.count() == SMALL.idea_comments == generated["comments"]
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert Comment.objects.exclude(stance="").exists()
    # Every status meaning is somewhere, and a share of the ideas is answered.
    meanings = set(Idea.objects.values_list("status__meaning", flat=True))
    assert Meaning.RECEIVED in meanings and len(meanings) >= 4
    assert Answer.objects.values("idea").distinct().count() >= SMALL.ideas // 10


def test_the_counts_on_each_idea_are_its_rows(generated):
    idea_type = ContentType.objects.get_for_model(Idea)
    supports = Counter(Support.objects.values_list("idea_id", flat=True))
    readable = Counter(
        Comment.objects.filter(
            target_type=idea_type,
            moderation_state=ModerationState.PUBLISHED,
            deleted_at__isnull=True,
        ).values_list("target_id", flat=True)
    )
    for idea in Idea.objects.all():
        assert idea.supports_count == supports[idea.pk]
        assert idea.comments_count == readable[idea.pk]
        assert idea.search_text == f"{idea.title} {idea.text}".casefold()


def test_one_support_per_person_never_the_author_and_followers_follow(generated):
    assert not Support.objects.filter(user=F("idea__author")).exists()
    idea_type = ContentType.objects.get_for_model(Idea)
    follows = set(Follow.objects.filter(content_type=idea_type).values_list("user_id", "object_id"))
    assert set(Support.objects.values_list("user_id", "idea_id")) <= follows
    assert set(Idea.objects.values_list("author_id", "pk")) <= follows


def test_replies_are_two_levels_and_come_after_their_comment(generated):
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    for reply in replies:
        assert reply.parent.parent_id is None
        assert reply.parent.target_id == reply.target_id
        assert reply.created_at >= reply.parent.created_at
        assert reply.stance == ""
    assert not Comment.objects.filter(deleted_at__isnull=False).exclude(text="").exists()


def test_the_long_discussion_has_the_most_comments(generated):
    longest = Idea.objects.order_by("-comments_count").first()
    top_level = Comment.objects.filter(target_id=longest.pk, parent__isnull=True).count()
    thread = generator.long_thread_comments(SMALL.idea_comments)
    assert top_level >= round(thread * (1 - generator.REPLY_SHARE))
    assert generator.long_thread_comments(generator.SCALES["esbjerg"].idea_comments) >= 1_300
    assert longest.is_published


def test_answers_make_the_status_and_the_promise_starts_at_its_supports(generated):
    for idea in Idea.objects.filter(answered_at__isnull=False).prefetch_related("answers"):
        answers = sorted(idea.answers.all(), key=lambda answer: answer.created_at)
        assert idea.status_id == answers[-1].status_id
        if connection.vendor == "postgresql":
            # SQLite's bulk_create stamps an answer's created_at with the time of writing.
            assert (idea.answered_at, idea.last_answered_at) == (
                answers[0].created_at,
                answers[-1].created_at,
            )
    not_possible = answer_status(Meaning.NOT_POSSIBLE)
    assert not Answer.objects.filter(status=not_possible, text="").exists()
    assert (
        not Idea.objects.filter(answered_at__isnull=True)
        .exclude(status__meaning=Meaning.RECEIVED)
        .exists()
    )
    promise = conf.answer_supports()
    assert not Idea.objects.filter(
        supports_count__lt=promise, answer_due_from__isnull=False
    ).exists()
    assert not Idea.objects.filter(
        supports_count__gte=promise, answer_due_from__isnull=True
    ).exists()


def test_nearly_everything_is_published_and_the_rest_waits_for_staff(generated):
    for model in (Idea, Comment):
        states = Counter(model.objects.values_list("moderation_state", flat=True))
        assert states[ModerationState.PUBLISHED] >= 0.95 * sum(states.values())
        item_type = ContentType.objects.get_for_model(model)
        waiting = model.objects.exclude(moderation_state=ModerationState.PUBLISHED)
        open_reviews = set(
            Review.objects.filter(target_type=item_type, closed_at__isnull=True).values_list(
                "target_id", flat=True
            )
        )
        assert set(waiting.values_list("pk", flat=True)) == open_reviews
        hidden = waiting.filter(moderation_state=ModerationState.HIDDEN)
        reports = Counter(
            Report.objects.filter(target_type=item_type).values_list("target_id", flat=True)
        )
        assert all(reports[pk] == 3 for pk in hidden.values_list("pk", flat=True))
    held = Idea.objects.filter(moderation_state=ModerationState.HELD)
    assert not held.filter(Q(supports_count__gt=0) | Q(comments_count__gt=0)).exists()


def test_the_list_finds_and_sorts_the_generated_ideas(generated):
    page = selectors.ideas_page(selectors.Criteria(search="cykelsti", sort="supported"), 1)
    counts = [idea.supports_count for idea in page]
    assert counts and counts == sorted(counts, reverse=True)
    if connection.vendor == "postgresql":
        assert not Idea.objects.filter(search_vector__isnull=True).exists()


def test_the_services_continue_where_the_generator_stopped(generated):
    from samskab.comments import services as comments
    from samskab.ideas import services
    from tests.factories import UserFactory

    idea = Idea.objects.published().order_by("pk").first()
    before = idea.comments_count
    person = UserFactory()
    services.support(idea=idea, user=person)
    comments.post_comment(target=idea, author=idea.author, text="Tak for opbakningen!")
    idea.refresh_from_db()
    assert idea.supports_count == Support.objects.filter(idea=idea).count()
    assert idea.comments_count == before + 1
    assert Idea.objects.aggregate(first=Min("pk"))["first"] == generator.next_id(Idea) - SMALL.ideas


def test_a_scale_without_ideas_writes_none(db, now):
    ensure_reference_lists()
    FocusAreaFactory.create_batch(2)
    scale = generator.Scale("tiny", organisations=2, activities=0, sessions=0, signups=0, users=5)
    generator.generate(scale=scale, seed=1, now=now)
    assert not Idea.objects.exists()
    assert not Comment.objects.exists()
