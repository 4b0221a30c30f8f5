"""The organisation management pages of API clients, mounted at "foreninger/" inside
i18n_patterns beside the organisation's own management pages."""

from django.urls import path

from samskab.api import site_views

app_name = "api_clients"

urlpatterns = [
    path("administrer/<slug:slug>/api/", site_views.client_list, name="list"),
    path(
        "administrer/<slug:slug>/api/<int:client_id>/tilbagekald/",
        site_views.client_revoke,
        name="revoke",
    ),
]
