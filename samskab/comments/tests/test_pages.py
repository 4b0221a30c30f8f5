"""The thread on a target's page, the replies on demand (htmx and without), posting with
bad input, and the object-level checks of every view."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samskab.comments import services
from samskab.comments.models import Comment
from samskab.comments.selectors import PAGE_SIZE
from samskab.moderation.models import Cause, ModerationState, Report
from tests.factories import CommentFactory, DiscussionFactory, UserFactory, make_municipal_staff

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def url(name, *args, language="da"):
    with translation.override(language):
        return reverse(f"comments:{name}", args=args)


def post_url(target):
    from samskab.comments.owners import content_type_id_of

    return url("post", content_type_id_of(target), target.pk)


HTMX = {"HTTP_HX_REQUEST": "true"}


# --- reading ------------------------------------------------------------------------------


def test_the_thread_shows_on_the_targets_page(client, discussion, author, other):
    comment = services.post_comment(
        target=discussion, author=author, text="Godt forslag", stance="for"
    )
    services.post_comment(target=discussion, author=other, text="Enig", parent=comment)
    CommentFactory(target=discussion, author=other, text="Slettet", deleted_at=timezone.now())
    text = page(client.get(discussion.get_absolute_url()))
    assert '<section id="comments"' in text
    assert "Anna Forfatter" in text and "Godt forslag" in text
    assert '<span class="tag">For</span>' in text
    assert "Vis 1 svar" in text
    assert "Enig" not in text  # replies come on demand
    assert "Denne kommentar er slettet af forfatteren." in text
    assert "Log ind for at kommentere" in text
    assert "anna@example.dk" not in text  # never the email address


def test_comments_are_escaped(client, discussion, author):
    services.post_comment(
        target=discussion, author=author, text='<script>alert("x")</script><b>fed</b>'
    )
    text = page(client.get(discussion.get_absolute_url()))
    assert "<script>alert" not in text and "<b>fed</b>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;fed&lt;/b&gt;" in text


def test_twenty_top_level_comments_a_page_oldest_first(client, discussion):
    comments = CommentFactory.create_batch(PAGE_SIZE + 5, target=discussion)
    first = page(client.get(discussion.get_absolute_url()))
    assert comments[0].text in first and comments[PAGE_SIZE - 1].text in first
    assert comments[PAGE_SIZE].text not in first
    assert "Side 1 af 2" in first
    assert f"/discussions/{discussion.pk}/?comments_page=2#comments" in first
    second = page(client.get(discussion.get_absolute_url() + "?comments_page=2"))
    assert comments[PAGE_SIZE].text in second and comments[0].text not in second


def test_a_page_of_the_thread_comes_as_a_fragment_for_htmx(client, discussion):
    from samskab.comments.owners import content_type_id_of

    comments = CommentFactory.create_batch(PAGE_SIZE + 1, target=discussion)
    address = url("thread", content_type_id_of(discussion), discussion.pk) + "?comments_page=2"
    fragment = client.get(address, **HTMX)
    assert fragment.status_code == 200
    assert "HX-Request" in fragment["Vary"]
    assert page(fragment).startswith('<section id="comments"')
    assert comments[-1].text in page(fragment)
    plain = client.get(address)
    assert plain.status_code == 302
    assert plain["Location"] == f"/discussions/{discussion.pk}/?comments_page=2#comments"


def test_replies_load_on_demand_with_and_without_javascript(client, discussion, author, other):
    parent = CommentFactory(target=discussion, author=author, text="Hvad med bænke?")
    CommentFactory(parent=parent, author=other, text="Ja tak, gerne to")
    address = url("replies", parent.pk)
    thread = page(client.get(discussion.get_absolute_url()))
    assert (
        f'href="{address}" data-hx-get="{address}" data-hx-target="#replies-{parent.pk}"' in thread
    )

    fragment = client.get(address, **HTMX)
    assert "Ja tak, gerne to" in page(fragment)
    assert "<html" not in page(fragment)
    assert "HX-Request" in fragment["Vary"]

    full = client.get(address)
    assert "<html" in page(full)
    assert "Hvad med bænke?" in page(full) and "Ja tak, gerne to" in page(full)


def test_held_and_hidden_comments_are_shown_to_their_author_with_the_reason(
    client, discussion, author, other
):
    held = services.post_comment(target=discussion, author=author, text="Se www.example.dk")
    hidden = CommentFactory(
        target=discussion,
        author=author,
        text="Skjult tekst",
        moderation_state=ModerationState.HIDDEN,
        moderation_cause=Cause.STAFF,
        moderation_reason="Personangreb.",
    )
    assert held.is_held
    client.force_login(other)
    text = page(client.get(discussion.get_absolute_url()))
    assert "www.example.dk" not in text and "Skjult tekst" not in text
    client.force_login(author)
    text = page(client.get(discussion.get_absolute_url()))
    assert "www.example.dk" in text and "Skjult tekst" in text
    assert "Personangreb." in text
    assert "Bed om en ny vurdering" in text
    staff = make_municipal_staff()
    client.force_login(staff)
    text = page(client.get(discussion.get_absolute_url()))
    assert "www.example.dk" in text and "Skjult tekst" in text
    assert hidden.pk


def test_a_hidden_comment_with_replies_stays_as_a_line(client, discussion, author, other):
    parent = CommentFactory(
        target=discussion, author=author, text="Grim tekst", moderation_state="hidden"
    )
    CommentFactory(parent=parent, author=other, text="Det var ikke pænt sagt")
    text = page(client.get(discussion.get_absolute_url()))
    assert "Grim tekst" not in text
    assert "Denne kommentar er fjernet af kommunens moderatorer." in text
    assert "Vis 1 svar" in text
    replies = page(client.get(url("replies", parent.pk)))
    assert "Det var ikke pænt sagt" in replies and "Grim tekst" not in replies
    assert 'id="reply-form' not in replies
    client.force_login(other)
    refused = client.post(url("reply", parent.pk), {"text": "Svar på noget skjult"})
    assert refused.status_code == 404


def test_a_draft_targets_thread_is_not_found(client, author):
    draft = DiscussionFactory(is_draft=True)
    client.force_login(author)
    from samskab.comments.owners import content_type_id_of

    assert client.get(url("thread", content_type_id_of(draft), draft.pk), **HTMX).status_code == 404
    assert client.post(post_url(draft), {"text": "Hej"}).status_code == 404
    comment = CommentFactory(target=draft)
    assert client.get(url("replies", comment.pk)).status_code == 404
    assert client.get(url("detail", comment.pk)).status_code == 404


def test_only_commentable_models_can_be_commented_on(client, author):
    from django.contrib.contenttypes.models import ContentType

    client.force_login(author)
    user_type = ContentType.objects.get_for_model(author)
    response = client.post(url("post", user_type.pk, author.pk), {"text": "Hej"})
    assert response.status_code == 404
    assert client.post(url("post", 999999, 1), {"text": "Hej"}).status_code == 404


# --- query counts -------------------------------------------------------------------------


def _queries_to_open(client, target) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def _thread_of(size: int):
    target = DiscussionFactory()
    people = UserFactory.create_batch(5)
    Comment.objects.bulk_create(
        Comment(target=target, author=people[n % 5], text=f"Kommentar {n}") for n in range(size)
    )
    parents = list(Comment.objects.on(target)[:3])
    Comment.objects.bulk_create(
        Comment(target=target, parent=parent, author=people[0], text="Svar")
        for parent in parents
        for _ in range(4)
    )
    return target


@pytest.mark.parametrize("who", ["visitor", "citizen", "staff"])
def test_a_thread_of_1000_opens_with_as_many_queries_as_one_of_10(client, who):
    small, large = _thread_of(10), _thread_of(1000)
    if who == "citizen":
        client.force_login(UserFactory())
    elif who == "staff":
        client.force_login(make_municipal_staff())
    _queries_to_open(client, small)  # the session and content types are loaded once
    assert _queries_to_open(client, large) == _queries_to_open(client, small)
    assert _queries_to_open(client, large) <= 8


def test_the_replies_of_a_comment_cost_the_same_for_4_or_40(client):
    target = _thread_of(2)
    few, many = list(Comment.objects.on(target).top_level()[:2])
    Comment.objects.bulk_create(
        Comment(target=target, parent=many, author=many.author, text="Svar") for _ in range(36)
    )
    client.get(url("replies", few.pk), **HTMX)
    counts = []
    for parent in (few, many):
        with CaptureQueriesContext(connection) as queries:
            client.get(url("replies", parent.pk), **HTMX)
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- posting ------------------------------------------------------------------------------


def test_posting_a_comment(client, discussion, author):
    client.force_login(author)
    response = client.post(post_url(discussion), {"text": "Fin idé", "stance": "question"})
    comment = Comment.objects.get(target_id=discussion.pk, author=author)
    assert response.status_code == 302
    assert response["Location"] == f"/discussions/{discussion.pk}/#comment-{comment.pk}"
    assert messages_of(response) == ["Din kommentar er sendt."]
    assert comment.stance == "question"


def test_a_new_comment_on_a_later_page_is_linked_there(client, discussion, author):
    CommentFactory.create_batch(PAGE_SIZE, target=discussion)
    client.force_login(author)
    response = client.post(post_url(discussion), {"text": "Sidst"})
    comment = Comment.objects.get(text="Sidst")
    assert response["Location"] == (
        f"/discussions/{discussion.pk}/?comments_page=2#comment-{comment.pk}"
    )


def test_a_held_comment_says_why(client, discussion):
    newcomer = UserFactory()
    client.force_login(newcomer)
    response = client.post(post_url(discussion), {"text": "Mit første"})
    (message,) = messages_of(response)
    assert "Dit første indlæg" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Skriv noget, før du sender."),
        ("   ", "Skriv noget, før du sender."),
        ("Mit CPR er 010190-1234 &amp; <b>", "CPR-nummer"),
        ("Ring på +45 23 45 67 89", "telefonnummer"),
        ("x" * 5001, "5000"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_the_text_kept(
    client, discussion, author, text, message
):
    client.force_login(author)
    response = client.post(post_url(discussion), {"text": text, "stance": "for"})
    assert response.status_code == 200
    body = page(response)
    assert message in body
    if text.strip():
        from django.utils.html import escape

        assert escape(text) in body
    assert not Comment.objects.filter(target_id=discussion.pk).exists()


def test_an_unknown_stance_is_refused_not_a_500(client, discussion, author):
    client.force_login(author)
    response = client.post(post_url(discussion), {"text": "Hej", "stance": "maybe"})
    assert response.status_code == 200
    assert not Comment.objects.filter(target_id=discussion.pk).exists()


def test_posting_too_fast_keeps_the_text(client, discussion, author, settings):
    settings.COMMENTS_POST_RATE = "1/10m"
    client.force_login(author)
    client.post(post_url(discussion), {"text": "Første"})
    response = client.post(post_url(discussion), {"text": "Anden omgang"})
    assert response.status_code == 429
    assert "Anden omgang" in page(response)
    assert "Vent et par minutter" in page(response)


def test_visitors_are_asked_to_log_in_and_closed_threads_refuse(client, discussion, author):
    response = client.post(post_url(discussion), {"text": "Hej"})
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    discussion.is_open = False
    discussion.save()
    client.force_login(author)
    assert client.post(post_url(discussion), {"text": "Hej"}).status_code == 403
    assert "Der er lukket for kommentarer her." in page(client.get(discussion.get_absolute_url()))


def test_staff_post_official_replies(client, discussion, author):
    parent = CommentFactory(target=discussion, author=author)
    staff = make_municipal_staff(display_name="Esbjerg Kommune")
    client.force_login(staff)
    assert "Send som kommunens officielle svar" in page(client.get(discussion.get_absolute_url()))
    client.post(url("reply", parent.pk), {"text": "Vi ser på det", "official": "on"})
    reply = Comment.objects.get(parent=parent)
    assert reply.is_official
    client.force_login(author)
    text = page(client.get(url("replies", parent.pk)))
    assert "Officielt svar fra kommunen" in text


def test_replying(client, discussion, author, other):
    parent = CommentFactory(target=discussion, author=author)
    client.force_login(other)
    response = client.post(url("reply", parent.pk), {"text": "Et svar"})
    reply = Comment.objects.get(parent=parent)
    assert response["Location"] == f"{url('replies', parent.pk)}#comment-{reply.pk}"
    refused = client.post(url("reply", reply.pk), {"text": "Svar på svar"})
    assert refused.status_code == 403
    empty = client.post(url("reply", parent.pk), {"text": ""})
    assert "Skriv noget, før du sender." in page(empty)


# --- editing, deleting, reporting -------------------------------------------------------


def test_the_author_edits_and_it_shows_edited(client, discussion, author):
    comment = CommentFactory(target=discussion, author=author, text="Førsre udgave")
    client.force_login(author)
    assert "Førsre udgave" in page(client.get(url("edit", comment.pk)))
    response = client.post(url("edit", comment.pk), {"text": "Første udgave"})
    assert response.status_code == 302
    text = page(client.get(discussion.get_absolute_url()))
    assert "Første udgave" in text and "redigeret" in text


def test_edit_and_delete_of_another_persons_comment_are_refused(client, discussion, author, other):
    comment = CommentFactory(target=discussion, author=author, text="Min tekst")
    client.force_login(other)
    assert client.get(url("edit", comment.pk)).status_code == 403
    assert client.post(url("edit", comment.pk), {"text": "Overtaget"}).status_code == 403
    assert client.get(url("delete", comment.pk)).status_code == 403
    assert client.post(url("delete", comment.pk)).status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Min tekst" and not comment.is_deleted
    text = page(client.get(discussion.get_absolute_url()))
    assert url("edit", comment.pk) not in text and url("delete", comment.pk) not in text


def test_after_the_window_the_edit_page_says_so(client, discussion, author, settings):
    comment = CommentFactory(
        target=discussion, author=author, created_at=timezone.now() - timezone.timedelta(hours=1)
    )
    client.force_login(author)
    response = client.get(url("edit", comment.pk))
    assert response.status_code == 302
    assert messages_of(response) == ["Denne kommentar kan ikke længere redigeres."]


def test_the_author_deletes_and_a_line_stays(client, discussion, author, other):
    comment = CommentFactory(target=discussion, author=author, text="Væk med mig")
    CommentFactory(parent=comment, author=other, text="Svaret bliver")
    client.force_login(author)
    assert "Væk med mig" in page(client.get(url("delete", comment.pk)))
    response = client.post(url("delete", comment.pk))
    assert response.status_code == 302
    text = page(client.get(discussion.get_absolute_url()))
    assert "Væk med mig" not in text
    assert "Denne kommentar er slettet af forfatteren." in text
    assert "Vis 1 svar" in text


def test_reporting_a_comment_through_moderation(client, discussion, author, other):
    from samskab.moderation.templatetags.moderation_tags import report_url

    comment = CommentFactory(target=discussion, author=author)
    client.force_login(other)
    thread = page(client.get(discussion.get_absolute_url()))
    address = report_url(comment)
    assert address in thread
    assert client.get(address).status_code == 200
    response = client.post(
        address, {"reason": "offensive", "text": "Grimt", "next": discussion.get_absolute_url()}
    )
    assert response["Location"] == discussion.get_absolute_url()
    assert Report.objects.get().target == comment
    # Not one's own; not on a thread one cannot read.
    client.force_login(author)
    assert client.post(address, {"reason": "spam"}).status_code == 403
    discussion.is_draft = True
    discussion.save()
    client.force_login(UserFactory())
    assert client.post(address, {"reason": "spam"}).status_code == 404


def test_the_include_shows_nothing_to_those_who_may_not_read_the_thread(rf, author, other):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    draft = DiscussionFactory(is_draft=True, author=author)
    CommentFactory(target=draft, text="Udkastets kommentar")
    template = Template('{% include "comments/thread.html" with target=draft %}')
    for person, shown in ((author, True), (other, False), (AnonymousUser(), False)):
        request = rf.get(draft.get_absolute_url())
        request.user = person
        html = template.render(Context({"request": request, "draft": draft}))
        assert ("Udkastets kommentar" in html) is shown
