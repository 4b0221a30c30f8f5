"""The discussion's page: what an owner's page does to show its comment thread."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from tests.discussion_owner.models import Discussion


def detail(request, pk):
    discussion = get_object_or_404(Discussion.objects.visible_to(request.user), pk=pk)
    if not discussion.comments_visible(request.user):
        raise Http404
    return render(request, "discussion_owner/detail.html", {"discussion": discussion})
