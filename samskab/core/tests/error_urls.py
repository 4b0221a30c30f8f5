"""A URL configuration for tests only: the project's URLs plus views that fail on purpose,
so the 403 and 500 handlers can be exercised as a visitor meets them."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path

from samskab.urls import handler400, handler403, handler404, handler500  # noqa: F401
from samskab.urls import urlpatterns as project_urlpatterns


def forbidden(request):
    raise PermissionDenied


def missing(request):
    raise Http404("No such item.")


def crash(request):
    raise RuntimeError("A deliberate failure for the 500 page test.")


urlpatterns = [
    *i18n_patterns(
        path("test-fejl/forbudt/", forbidden, name="test_forbidden"),
        path("test-fejl/nedbrud/", crash, name="test_crash"),
        path("test-fejl/mangler/", missing, name="test_missing"),
        prefix_default_language=False,
    ),
    *project_urlpatterns,
]
