"""What the comment pages read, each in a fixed number of queries whatever the size of the
thread: a page of 20 top-level comments with their authors and reply counts costs two
queries (the count and the page), for a thread of 10 as for one of 10,000; the replies of
one comment are loaded on demand, 50 at a time.

Who sees what: published comments for everyone; held and hidden ones also for their
author (with the reason) and for municipal staff (``ModeratedQuerySet.visible_to``). A
hidden top-level comment with published replies stays as a "removed" line for everyone
else, so the replies keep their context; a deleted comment is a "deleted" line.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.roles import is_municipal_staff
from samskab.comments import owners
from samskab.comments.models import Comment
from samskab.moderation.models import ModerationState, visible_to_condition

PAGE_SIZE = 20
REPLIES_PAGE_SIZE = 50
# The thread's page number in the target page's address; its own name, so that it never
# collides with the target page's own pagination.
PAGE_PARAMETER = "comments_page"


def viewer_is_staff(user) -> bool:
    """Municipal staff see and moderate everything; costs a query only for ``is_staff``."""
    return bool(user.is_authenticated and user.is_staff and is_municipal_staff(user))


def _top_level_shown(user, staff: bool, *, target_type_id=None, target_id=None) -> Q:
    """Top-level comments the viewer sees: what moderation lets them see, and a hidden
    comment with published replies (as a "removed" line). Given the thread, the replies
    looked for are that thread's only: PostgreSQL otherwise hashes every published comment
    of the site to answer the EXISTS (20 ms at 50,000 comments instead of 1)."""
    visible = visible_to_condition(Comment, user, staff=staff)
    if staff:
        return visible
    published_replies = Comment.objects.filter(
        parent=OuterRef("pk"), moderation_state=ModerationState.PUBLISHED
    )
    if target_type_id is not None:
        published_replies = published_replies.filter(
            target_type_id=target_type_id, target_id=target_id
        )
    return visible | (Q(moderation_state=ModerationState.HIDDEN) & Exists(published_replies))


def _reply_count(user, staff: bool):
    replies = (
        Comment.objects.filter(parent=OuterRef("pk"))
        .filter(visible_to_condition(Comment, user, staff=staff))
        .order_by()
        .values("parent")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(replies, output_field=IntegerField()), Value(0))


def _decorate(comments, *, user, staff: bool, can_post: bool) -> list[Comment]:
    """What each comment shows this viewer, worked out without queries."""
    now = timezone.now()
    comments = list(comments)
    for comment in comments:
        own = comment.is_authored_by(user)
        comment.shown_in_full = comment.is_published or own or staff
        comment.can_edit = comment.may_edit(user, now)
        comment.can_delete = comment.may_delete(user)
        comment.can_reply = (
            can_post and not comment.is_reply and not comment.is_deleted and comment.shown_in_full
        )
        comment.can_report = (
            user.is_authenticated and not own and comment.is_published and not comment.is_deleted
        )
        comment.viewer_is_staff = staff
    return comments


@dataclass
class Thread:
    target: object
    content_type_id: int
    page: Page
    can_post: bool
    must_log_in: bool
    staff: bool

    @property
    def comments(self) -> list[Comment]:
        return self.page.object_list

    @property
    def target_url(self) -> str:
        return self.target.get_absolute_url()


def thread(target, user, *, page_number=None) -> Thread:
    """A page of the target's top-level comments (oldest first), each with ``reply_count``
    (the replies this viewer may see), and what the viewer may do."""
    staff = viewer_is_staff(user)
    can_post = owners.can_post(target, user)
    type_id = owners.content_type_id_of(target)
    comments = (
        Comment.objects.on(target)
        .top_level()
        .filter(_top_level_shown(user, staff, target_type_id=type_id, target_id=target.pk))
        .select_related("author")
        .annotate(reply_count=_reply_count(user, staff))
        .order_by("created_at", "pk")
    )
    page = Paginator(comments, PAGE_SIZE).get_page(page_number)
    page.object_list = _decorate(page.object_list, user=user, staff=staff, can_post=can_post)
    return Thread(
        target=target,
        content_type_id=owners.content_type_id_of(target),
        page=page,
        can_post=can_post,
        must_log_in=not user.is_authenticated and bool(target.comments_open(user)),
        staff=staff,
    )


@dataclass
class Replies:
    parent: Comment
    page: Page
    can_post: bool
    must_log_in: bool
    staff: bool

    @property
    def comments(self) -> list[Comment]:
        return self.page.object_list


def replies(parent: Comment, user, *, page_number=None) -> Replies:
    """A page of the replies to ``parent`` that ``user`` may see, oldest first."""
    staff = viewer_is_staff(user)
    target = parent.target
    can_post = owners.can_post(target, user)
    shown = (
        parent.replies.filter(visible_to_condition(Comment, user, staff=staff))
        .select_related("author")
        .order_by("created_at", "pk")
    )
    page = Paginator(shown, REPLIES_PAGE_SIZE).get_page(page_number)
    page.object_list = _decorate(page.object_list, user=user, staff=staff, can_post=can_post)
    (parent,) = _decorate([parent], user=user, staff=staff, can_post=can_post)
    return Replies(
        parent=parent,
        page=page,
        can_post=can_post,
        must_log_in=not user.is_authenticated and bool(target.comments_open(user)),
        staff=staff,
    )


def comment_for(pk: int, user, *, or_its_line: bool = False) -> Comment | None:
    """The comment with its author and target, if ``user`` may see it (on a target they
    may read); None otherwise. ``or_its_line``: also a hidden top-level comment that the
    thread shows as a "removed" line because it has published replies (to list those)."""
    staff = viewer_is_staff(user)
    shown = visible_to_condition(Comment, user, staff=staff)
    if or_its_line and not staff:
        shown = (_top_level_shown(user, staff) & Q(parent__isnull=True)) | shown
    comment = (
        Comment.objects.filter(pk=pk)
        .filter(shown)
        .select_related("author", "parent", "target_type")
        .first()
    )
    if comment is None or not owners.can_read(comment.target, user):
        return None
    return comment


def with_page(url: str, parameter: str, number: int, anchor: str) -> str:
    """``url`` at page ``number`` (the first page needs no parameter), at ``#anchor``."""
    if number > 1:
        url = f"{url}{'&' if '?' in url else '?'}{parameter}={number}"
    return f"{url}#{anchor}"


def location(comment: Comment, user) -> str:
    """Where ``comment`` is shown to ``user``: its page of the thread on the target's page,
    or (a reply) its page of its parent's replies. One count query."""
    staff = viewer_is_staff(user)
    earlier = Q(created_at__lt=comment.created_at) | Q(
        created_at=comment.created_at, pk__lt=comment.pk
    )
    anchor = f"comment-{comment.pk}"
    if comment.parent_id is None:
        before = (
            Comment.objects.filter(
                target_type_id=comment.target_type_id, target_id=comment.target_id
            )
            .top_level()
            .filter(
                _top_level_shown(
                    user,
                    staff,
                    target_type_id=comment.target_type_id,
                    target_id=comment.target_id,
                )
            )
            .filter(earlier)
            .count()
        )
        return with_page(
            comment.target.get_absolute_url(), PAGE_PARAMETER, before // PAGE_SIZE + 1, anchor
        )
    before = (
        Comment.objects.filter(parent_id=comment.parent_id)
        .filter(visible_to_condition(Comment, user, staff=staff))
        .filter(earlier)
        .count()
    )
    return with_page(
        reverse("comments:replies", args=[comment.parent_id]),
        "page",
        before // REPLIES_PAGE_SIZE + 1,
        anchor,
    )
