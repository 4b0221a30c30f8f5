"""What comments give a person in their data download, and what happens to their comments
when they delete their account: a citizen's words go (the "deleted" lines keep the
thread's shape); the municipality's official replies stay, without the employee's name."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from samskab.accounts import services as account_services
from samskab.comments import services
from samskab.comments.models import Comment
from samskab.comments.personal_data import collect_personal_data
from samskab.moderation import services as moderation
from samskab.moderation.models import Review
from tests.factories import CommentFactory, make_municipal_staff

pytestmark = pytest.mark.django_db


def test_the_download_has_their_comments(discussion, author):
    services.post_comment(target=discussion, author=author, text="Godt forslag", stance="for")
    data = collect_personal_data(author)
    json.dumps(data, cls=DjangoJSONEncoder)
    texts = [c["text"] for c in data["comments"]]
    assert "Godt forslag" in texts
    mine = next(c for c in data["comments"] if c["text"] == "Godt forslag")
    assert mine["on"] == "discussion_owner.discussion" and mine["stance"] == "for"


def test_deleting_an_account_empties_a_citizens_comments_and_keeps_the_replies(
    discussion, author, other
):
    comment = services.post_comment(target=discussion, author=author, text="Mit CPR-fri indlæg")
    reply = services.post_comment(target=discussion, author=other, text="Svar", parent=comment)
    moderation.report(comment, reporter=other, reason="spam")
    account_services.delete_account(user=author)
    comment.refresh_from_db()
    assert comment.author is None and comment.is_deleted and comment.text == ""
    assert Comment.objects.get(pk=reply.pk).text == "Svar"
    assert Review.objects.get().outcome == Review.Outcome.WITHDRAWN
    assert not Comment.objects.filter(text="Mit CPR-fri indlæg").exists()


def test_official_replies_stay_without_the_employees_name(discussion, author):
    staff = make_municipal_staff()
    parent = CommentFactory(target=discussion, author=author)
    official = services.post_comment(
        target=discussion, author=staff, text="Kommunen svarer", official=True, parent=parent
    )
    account_services.delete_account(user=staff)
    official.refresh_from_db()
    assert official.text == "Kommunen svarer" and official.author is None
    assert official.is_official and not official.is_deleted
