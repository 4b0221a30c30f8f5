"""Thin views over the comment services. Every page works without JavaScript; htmx
loads a comment's replies, and the thread's pages, in place (the same addresses answer
with the fragment alone when htmx asks, ``Vary: HX-Request``).

Each view checks the person against the object: the target's own rules for reading and
posting (``owners``), authorship for editing and deleting, moderation's visibility for
seeing a comment at all. Reporting a comment is moderation's report page
(``moderation:report``), which serves every moderated model.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.comments import errors, owners, selectors, services
from samskab.comments.context import thread_context
from samskab.comments.forms import CommentForm, EditForm
from samskab.core.view_helpers import add_service_error, safe_next


def _target_or_404(request, content_type_id: int, object_id: int):
    target = owners.target_for(content_type_id, object_id)
    if target is None or not owners.can_read(target, request.user):
        raise Http404
    return target


def _comment_or_404(request, pk: int, *, or_its_line: bool = False):
    comment = selectors.comment_for(pk, request.user, or_its_line=or_its_line)
    if comment is None:
        raise Http404
    return comment


def _fragment(request) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def _vary_on_htmx(response):
    patch_vary_headers(response, ["HX-Request"])
    return response


def _posted_message(request, comment) -> None:
    if comment.is_held:
        messages.info(
            request,
            _("Thank you! %(notice)s You can see it, marked as waiting.")
            % {"notice": comment.moderation_notice},
        )
    else:
        messages.success(request, _("Your comment is posted."))


# --- reading ------------------------------------------------------------------------------


@require_GET
def thread(request, content_type_id: int, object_id: int):
    """A page of the thread: the fragment for htmx, otherwise the target's own page at
    that page of its thread."""
    target = _target_or_404(request, content_type_id, object_id)
    page_number = request.GET.get(selectors.PAGE_PARAMETER)
    if not _fragment(request):
        url = selectors.with_page(
            target.get_absolute_url(), selectors.PAGE_PARAMETER, _page(page_number), "comments"
        )
        return _vary_on_htmx(redirect(url))
    context = thread_context(request, target, page_number=page_number)
    return _vary_on_htmx(render(request, "comments/includes/thread_region.html", context))


def _page(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


@require_GET
def detail(request, pk: int):
    """A comment's own address (links in the moderation inbox and in emails): to where it
    is shown."""
    comment = _comment_or_404(request, pk)
    return redirect(selectors.location(comment, request.user))


@require_GET
def replies(request, pk: int):
    """The replies to one comment, with the reply form: the fragment for htmx (below the
    comment in the thread), otherwise a page of its own."""
    parent = _comment_or_404(request, pk, or_its_line=True)
    if parent.is_reply:
        return redirect("comments:replies", pk=parent.parent_id)
    shown = selectors.replies(parent, request.user, page_number=request.GET.get("page"))
    context = {
        "replies": shown,
        "parent": shown.parent,
        "target": parent.target,
        "form": CommentForm(staff=shown.staff, reply=True, auto_id=f"reply-{parent.pk}-%s"),
    }
    if _fragment(request):
        return _vary_on_htmx(render(request, "comments/includes/replies.html", context))
    return _vary_on_htmx(render(request, "comments/replies.html", context))


# --- writing ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def post(request, content_type_id: int, object_id: int):
    """A new comment. The thread's form posts here; the page of its own shows the form
    again when something must be corrected (what was typed is kept)."""
    target = _target_or_404(request, content_type_id, object_id)
    if not owners.can_post(target, request.user):
        raise PermissionDenied
    staff = selectors.viewer_is_staff(request.user)
    form = CommentForm(request.POST or None, staff=staff, auto_id="comment-%s")
    return _post_or_show(request, form, target=target)


def _post_or_show(request, form, *, target, parent=None):
    """Post the comment (or reply) and go to where it is shown; or show the form again,
    with what was typed and why it could not be posted (429 when posting too fast)."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.post_comment(
                target=target, author=request.user, parent=parent, **form.service_arguments()
            )
        except errors.CommentError as error:
            add_service_error(form, error)
            status = 429 if isinstance(error, errors.PostingTooFast) else 200
        else:
            _posted_message(request, comment)
            return redirect(selectors.location(comment, request.user))
    return render(
        request,
        "comments/post.html",
        {"target": target, "parent": parent, "form": form, "action": request.path},
        status=status,
    )


@login_required
@require_POST
def reply(request, pk: int):
    parent = _comment_or_404(request, pk)
    target = parent.target
    if parent.is_reply or not owners.can_post(target, request.user):
        raise PermissionDenied
    staff = selectors.viewer_is_staff(request.user)
    form = CommentForm(request.POST, staff=staff, reply=True, auto_id=f"reply-{parent.pk}-%s")
    return _post_or_show(request, form, target=target, parent=parent)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    comment = _comment_or_404(request, pk)
    if not comment.is_authored_by(request.user):
        raise PermissionDenied
    if not comment.may_edit(request.user):
        messages.warning(request, _("This comment can no longer be edited."))
        return redirect(selectors.location(comment, request.user))
    form = EditForm(request.POST or None, comment=comment, auto_id="comment-%s")
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(comment, by=request.user, **form.service_arguments())
        except errors.CommentError as error:
            add_service_error(form, error)
        else:
            if comment.is_held:
                messages.info(request, comment.moderation_notice)
            else:
                messages.success(request, _("Your comment is saved."))
            return redirect(selectors.location(comment, request.user))
    return render(request, "comments/edit.html", {"comment": comment, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, pk: int):
    comment = _comment_or_404(request, pk)
    if not comment.is_authored_by(request.user):
        raise PermissionDenied
    if comment.is_deleted:
        return redirect(selectors.location(comment, request.user))
    if request.method == "POST":
        services.delete_comment(comment, by=request.user)
        messages.success(request, _("Your comment is deleted."))
        return redirect(safe_next(request, selectors.location(comment, request.user)))
    back = selectors.location(comment, request.user)
    return render(request, "comments/delete.html", {"comment": comment, "back_url": back})
