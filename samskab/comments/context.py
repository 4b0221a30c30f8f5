"""The template context of a thread, shared by the include on a target's page and by the
view that answers htmx with a page of the thread."""

from django.urls import reverse

from samskab.comments import selectors
from samskab.comments.forms import CommentForm


def thread_context(request, target, *, page_number=None) -> dict:
    thread = selectors.thread(target, request.user, page_number=page_number)
    ids = [thread.content_type_id, target.pk]
    fragment_url = reverse("comments:thread", args=ids)
    page = thread.page

    def page_urls(number: int) -> tuple[str, str]:
        """The page of the thread on the target's page, and its fragment for htmx."""
        on_target = selectors.with_page(
            thread.target_url, selectors.PAGE_PARAMETER, number, "comments"
        )
        return on_target, f"{fragment_url}?{selectors.PAGE_PARAMETER}={number}"

    return {
        "previous_urls": page_urls(page.previous_page_number()) if page.has_previous() else None,
        "next_urls": page_urls(page.next_page_number()) if page.has_next() else None,
        "thread": thread,
        "form": CommentForm(staff=thread.staff, auto_id="comment-%s") if thread.can_post else None,
        "post_url": reverse("comments:post", args=ids),
        "request": request,
    }
