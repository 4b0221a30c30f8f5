"""Who calls the API: nobody (public reads) or an organisation's API client holding an
access token from the client credentials grant.

django-oauth-toolkit checks the token (expiry, revocation). The token of a client
credentials grant has no user, so the request's user stays anonymous and the client is
``request.auth`` (an ``ApiClientAuth``); what a client may do is decided by its scopes and
its organisation, never by a person's roles.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.scopes import BaseScopes
from oauth2_provider.settings import oauth2_settings
from rest_framework import exceptions

from samskab.api.models import ApiClient
from samskab.core.middleware import is_storable


@dataclass(frozen=True)
class ApiClientAuth:
    client: ApiClient
    scopes: frozenset[str]

    @property
    def organisation(self):
        return self.client.organisation


class ApiClientAuthentication(OAuth2Authentication):
    """A bearer token of an API client that has not been revoked."""

    www_authenticate_realm = "samskab"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION")
        if not header:
            return None
        if not is_storable(header):
            # The token is looked up in a text column, which cannot hold this character.
            raise exceptions.AuthenticationFailed()
        result = super().authenticate(request)
        if result is None:
            return None
        _user, token = result
        client = (
            ApiClient.objects.select_related("organisation")
            .filter(application_id=token.application_id, revoked_at__isnull=True)
            .first()
        )
        if client is None:
            return None
        return AnonymousUser(), ApiClientAuth(client=client, scopes=frozenset(token.scope.split()))


class ClientScopes(BaseScopes):
    """A client is granted the scopes its administrators chose for it, no others."""

    def get_all_scopes(self):
        return oauth2_settings.SCOPES

    def _of(self, application) -> list[str]:
        if application is None:
            return []
        client = ApiClient.objects.filter(
            application_id=application.pk, revoked_at__isnull=True
        ).first()
        return list(client.scopes) if client is not None else []

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        return self._of(application)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self._of(application)


class ApiClientAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "samskab.api.auth.ApiClientAuthentication"
    name = "oauth2"

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": (
                "An organisation's API client (created by its administrators in the site) "
                "gets an access token with the client credentials grant."
            ),
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/api/v1/oauth/token/",
                    "scopes": dict(oauth2_settings.SCOPES),
                }
            },
        }
