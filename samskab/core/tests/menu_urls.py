"""A URL configuration for tests only: the project's, without the citizen proposals, as a
deployment that does not mount an app."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import LocalePrefixPattern

from samskab.urls import handler403, handler404, handler500  # noqa: F401
from samskab.urls import urlpatterns as project_urlpatterns

_localised = next(p for p in project_urlpatterns if isinstance(p.pattern, LocalePrefixPattern))

urlpatterns = [
    *(p for p in project_urlpatterns if p is not _localised),
    *i18n_patterns(
        *(p for p in _localised.url_patterns if getattr(p, "namespace", None) != "proposals"),
        prefix_default_language=False,
    ),
]


class OwnUrlconfMiddleware:
    """Routes every request by this URL configuration, as request.urlconf allows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.urlconf = __name__
        return self.get_response(request)
