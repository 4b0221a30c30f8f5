"""The project's URLs plus a stand-in for another app's management pages, to test that other
apps can add tabs and extend organisations/manage_base.html."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import include, path

from samskab.organisations.models import Organisation
from samskab.organisations.selectors import can_coordinate
from samskab.urls import handler403, handler404, handler500
from samskab.urls import urlpatterns as project_patterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def activities(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_coordinate(request.user, organisation):
        raise PermissionDenied
    return render(request, "organisations_tests/activities.html", {"organisation": organisation})


other_app_patterns = [
    path("<slug:slug>/", activities, name="activities"),
    path("<slug:slug>/kun-admin/", activities, name="admin_only"),
    path("<slug:slug>/rediger/", activities, name="activity_edit"),
]

urlpatterns = [
    *project_patterns,
    *i18n_patterns(
        path("test-aktiviteter/", include((other_app_patterns, "tabs_test"))),
        prefix_default_language=False,
    ),
]
