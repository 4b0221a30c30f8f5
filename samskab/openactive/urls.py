"""Mounted at "openactive/" inside i18n_patterns: the dataset page in both languages
(/openactive/, /en/openactive/); the feeds answer the same whatever the prefix."""

from django.urls import path

from samskab.openactive import views
from samskab.openactive.models import Kind

app_name = "openactive"

urlpatterns = [
    path("", views.dataset, name="dataset"),
    path(
        "feeds/session-series",
        views.feed,
        {"kind": Kind.SESSION_SERIES},
        name="session_series_feed",
    ),
    path(
        "feeds/scheduled-sessions",
        views.feed,
        {"kind": Kind.SCHEDULED_SESSION},
        name="scheduled_sessions_feed",
    ),
    path("session-series/<int:pk>", views.item, {"kind": Kind.SESSION_SERIES}, name="series_item"),
    path(
        "scheduled-sessions/<int:pk>",
        views.item,
        {"kind": Kind.SCHEDULED_SESSION},
        name="session_item",
    ),
]
