"""The project's URLs as deployed, plus what the benchmark needs and the site does not:

- ``/bench/floor/``: the framework floor, a view that does nothing on the same server, so
  the cost of the middleware, WSGI and gunicorn can be told apart from the pages' own;
- the catalogue, organisation and activity pages mounted at their planned addresses, in
  case samskab/urls.py does not include them yet.
"""

from importlib.util import find_spec

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from samskab.urls import handler403, handler404, handler500
from samskab.urls import urlpatterns as project_patterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


def _namespaces(patterns) -> set[str]:
    found = set()
    for pattern in patterns:
        if getattr(pattern, "namespace", None):
            found.add(pattern.namespace)
        if hasattr(pattern, "url_patterns"):
            found |= _namespaces(pattern.url_patterns)
    return found


MOUNTS = [
    ("aktiviteter/", "samskab.catalogue.urls", "catalogue"),
    ("aktiviteter/", "samskab.activities.urls", "activities"),
    ("foreninger/", "samskab.organisations.urls", "organisations"),
]

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *project_patterns]
_mounted = _namespaces(urlpatterns)
urlpatterns += i18n_patterns(
    *(
        path(prefix, include(module))
        for prefix, module, namespace in MOUNTS
        if namespace not in _mounted and find_spec(module) is not None
    ),
    prefix_default_language=False,
)
