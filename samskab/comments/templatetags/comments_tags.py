"""Template helpers of comments.

- ``{% comment_thread target %}``: the thread of ``target`` (a model with
  ``CommentableMixin``): a page of its comments (``?comments_page=N`` of the page it is
  on), each with its replies behind a link, and the form, or an invitation to log in.
  ``{% include "comments/thread.html" with target=... %}`` does the same.
- ``{{ moment|comment_time }}``: when a comment was written, in the site's style.
"""

from django import template

from samskab.comments import owners
from samskab.comments.context import thread_context
from samskab.comments.selectors import PAGE_PARAMETER
from samskab.core.formatting import local_datetime

register = template.Library()


@register.inclusion_tag("comments/includes/thread_region.html", takes_context=True)
def comment_thread(context, target):
    request = context["request"]
    if not owners.can_read(target, request.user):
        # The page shows something whose thread this person may not read: no thread.
        return {"thread": None}
    values = thread_context(request, target, page_number=request.GET.get(PAGE_PARAMETER))
    # The inclusion's own context does not inherit the page's: pass the CSRF token on.
    values["csrf_token"] = context.get("csrf_token")
    return values


@register.filter
def comment_time(value) -> str:
    return local_datetime(value) if value else ""
