"""Rate limits of the API, counted in the default cache (the shared Redis in production):
anonymous clients by address, API clients by client, whatever address they call from. The
rates are read from the settings on each request (``API_ANON_RATE``, ``API_CLIENT_RATE``)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from samskab.api.auth import ApiClientAuth


class AnonymousThrottle(SimpleRateThrottle):
    scope = "api_anonymous"

    def get_rate(self):
        return settings.API_ANON_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiClientAuth):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ClientThrottle(SimpleRateThrottle):
    scope = "api_client"

    def get_rate(self):
        return settings.API_CLIENT_RATE

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiClientAuth):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.client.pk}
