"""The "Suggested for you" page: the volunteer's own list, never cached or shared."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samskab.matching import selectors


@login_required
def suggestions(request):
    return render(
        request,
        "matching/suggestions.html",
        {"suggestions": selectors.suggestions_for(request.user)},
    )
