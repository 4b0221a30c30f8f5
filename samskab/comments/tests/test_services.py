"""Posting, replying, editing and deleting comments, with the rules of the target,
moderation and the signals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samskab.comments import errors, services
from samskab.comments.models import Comment
from samskab.comments.signals import comment_posted
from samskab.moderation import services as moderation
from samskab.moderation.models import Cause, ModerationState, Review
from tests.factories import CommentFactory, DiscussionFactory, UserFactory, make_municipal_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def posted():
    received = []
    comment_posted.connect(
        lambda **kwargs: received.append(kwargs), weak=False, dispatch_uid="test_posted"
    )
    yield received
    comment_posted.disconnect(dispatch_uid="test_posted")


def test_a_comment_is_published_and_announced(discussion, author, posted):
    comment = services.post_comment(
        target=discussion, author=author, text="  Godt forslag!  ", stance="for"
    )
    assert comment.is_published
    assert comment.text == "Godt forslag!"
    assert comment.stance == Comment.Stance.FOR
    assert comment.target == discussion
    assert not comment.is_official
    assert posted == [
        {
            "signal": comment_posted,
            "sender": Comment,
            "comment": comment,
            "parent": None,
            "target": discussion,
        }
    ]


def test_a_new_citizens_first_comment_is_held_and_announced_when_published(discussion, posted):
    newcomer = UserFactory()
    comment = services.post_comment(target=discussion, author=newcomer, text="Hej alle")
    assert comment.is_held and comment.moderation_cause == Cause.FIRST_POST
    assert posted == []
    moderation.restore(comment, reason="Velkommen.", by=make_municipal_staff())
    assert [p["comment"] for p in posted] == [comment]
    # Now published, the next one is not held.
    assert services.post_comment(target=discussion, author=newcomer, text="Igen").is_published


def test_a_comment_with_a_link_is_held(discussion, author, posted):
    comment = services.post_comment(target=discussion, author=author, text="Se www.example.dk")
    assert comment.is_held and comment.moderation_cause == Cause.LINKS
    assert Review.objects.get().target == comment
    assert posted == []


def test_replies_are_one_level_deep(discussion, author, other, posted):
    parent = services.post_comment(target=discussion, author=author, text="Et spørgsmål")
    reply = services.post_comment(target=discussion, author=other, text="Svar", parent=parent)
    assert reply.parent == parent
    assert posted[-1]["parent"] == parent
    with pytest.raises(errors.CannotReply):
        services.post_comment(target=discussion, author=author, text="Svar", parent=reply)
    elsewhere = DiscussionFactory()
    with pytest.raises(errors.CannotReply):
        services.post_comment(target=elsewhere, author=author, text="Svar", parent=parent)


def test_nobody_replies_to_a_deleted_comment_or_one_they_cannot_see(discussion, author, other):
    deleted = CommentFactory(target=discussion, deleted_at=timezone.now(), text="")
    held = CommentFactory(target=discussion, moderation_state=ModerationState.HELD)
    for parent in (deleted, held):
        with pytest.raises(errors.CannotReply):
            services.post_comment(target=discussion, author=other, text="Svar", parent=parent)


def test_the_target_decides_who_may_post(discussion, author):
    discussion.is_open = False
    with pytest.raises(errors.CommentsClosed):
        services.post_comment(target=discussion, author=author, text="Hej")
    draft = DiscussionFactory(is_draft=True)
    with pytest.raises(errors.CommentsClosed):
        services.post_comment(target=draft, author=author, text="Hej")
    author.is_active = False
    with pytest.raises(errors.CommentsClosed):
        services.post_comment(target=DiscussionFactory(), author=author, text="Hej")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("   ", errors.EmptyComment),
        ("Mit CPR-nummer er 010190-1234", errors.PersonalNumber),
        ("Ring på 23 45 67 89", errors.PersonalNumber),
    ],
)
def test_bad_text_is_refused_by_the_service_too(discussion, author, text, error):
    with pytest.raises(error) as refused:
        services.post_comment(target=discussion, author=author, text=text)
    assert refused.value.field == "text"
    assert not Comment.objects.filter(target_id=discussion.pk).exists()


def test_only_staff_post_official_replies(discussion, author):
    assert not services.post_comment(
        target=discussion, author=author, text="Hej", official=True
    ).is_official
    staff = make_municipal_staff()
    comment = services.post_comment(
        target=discussion, author=staff, text="Kommunen svarer", official=True
    )
    assert comment.is_official and comment.is_published


def test_posting_is_rate_limited_but_not_for_staff(discussion, author, settings):
    settings.COMMENTS_POST_RATE = "2/10m"
    services.post_comment(target=discussion, author=author, text="1")
    services.post_comment(target=discussion, author=author, text="2")
    with pytest.raises(errors.PostingTooFast):
        services.post_comment(target=discussion, author=author, text="3")
    staff = make_municipal_staff()
    for n in range(4):
        services.post_comment(target=discussion, author=staff, text=f"Svar {n}")


# --- editing and deleting ---------------------------------------------------------------


def test_the_author_edits_within_the_window_and_it_shows(discussion, author):
    comment = services.post_comment(target=discussion, author=author, text="Godt forslg")
    services.edit_comment(comment, by=author, text="Godt forslag", stance="for")
    comment.refresh_from_db()
    assert comment.text == "Godt forslag" and comment.edited_at is not None
    assert comment.stance == "for"


def test_saving_without_a_change_is_not_an_edit(discussion, author):
    comment = services.post_comment(target=discussion, author=author, text="Uændret")
    services.edit_comment(comment, by=author, text="Uændret ")
    comment.refresh_from_db()
    assert comment.edited_at is None


def test_no_edits_after_the_window(discussion, author, settings):
    settings.COMMENTS_EDIT_MINUTES = 15
    comment = services.post_comment(target=discussion, author=author, text="Hej")
    later = comment.created_at + timedelta(minutes=16)
    with pytest.raises(errors.EditWindowClosed) as refused:
        services.edit_comment(comment, by=author, text="Nyt", now=later)
    assert "15" in str(refused.value.message)
    assert not comment.may_edit(author, now=later)


def test_another_persons_comment_is_neither_edited_nor_deleted(discussion, author, other):
    comment = services.post_comment(target=discussion, author=author, text="Mit")
    with pytest.raises(errors.NotAuthor):
        services.edit_comment(comment, by=other, text="Dit")
    with pytest.raises(errors.NotAuthor):
        services.delete_comment(comment, by=other)
    comment.refresh_from_db()
    assert comment.text == "Mit" and not comment.is_deleted


def test_an_edit_that_adds_a_link_is_held_again(discussion, author):
    comment = services.post_comment(target=discussion, author=author, text="Hej")
    services.edit_comment(comment, by=author, text="Hej, se www.example.dk")
    comment.refresh_from_db()
    assert comment.is_held and comment.moderation_cause == Cause.LINKS


def test_deleting_empties_the_comment_keeps_its_replies_and_closes_its_review(
    discussion, author, other
):
    comment = services.post_comment(target=discussion, author=author, text="Fjern mig")
    reply = services.post_comment(target=discussion, author=other, text="Svar", parent=comment)
    moderation.report(comment, reporter=other, reason="spam")
    services.delete_comment(comment, by=author)
    comment.refresh_from_db()
    assert comment.is_deleted and comment.text == "" and comment.stance == ""
    assert Comment.objects.filter(pk=reply.pk, parent=comment).exists()
    assert Review.objects.get().outcome == Review.Outcome.WITHDRAWN
    # Deleted means done: it can be neither edited nor deleted again.
    assert not comment.may_edit(author) and not comment.may_delete(author)
    with pytest.raises(errors.CannotEdit):
        services.edit_comment(comment, by=author, text="Tilbage")


def test_the_person_replied_to_is_told_at_once_in_their_language(
    discussion, author, other, run_on_commit
):
    from django.core import mail

    from samskab.comments import services as comment_services
    from samskab.notifications.models import Notification

    author.preferred_language = "en"
    author.save()
    parent = comment_services.post_comment(target=discussion, author=author, text="Bænke, tak")
    with run_on_commit():
        reply = comment_services.post_comment(
            target=discussion, author=other, text="Enig!", parent=parent
        )
        comment_services.post_comment(target=discussion, author=author, text="Tak", parent=parent)
    told = Notification.objects.get(recipient=author)
    assert told.message == "Bo Anden replied to your comment on “Flere bænke ved stranden”"
    assert told.url == reply.get_absolute_url()
    (email,) = mail.outbox
    assert email.to == [author.email]
    assert "Enig!" in email.body
