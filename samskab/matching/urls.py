"""Mounted at "forslag/" inside i18n_patterns: Danish at /forslag/, English at
/en/forslag/."""

from django.urls import path

from samskab.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.suggestions, name="suggestions"),
]
