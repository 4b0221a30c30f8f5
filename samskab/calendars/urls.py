"""Mounted at "kalendere/" inside i18n_patterns. Coordinators' pages live under
administrer/<organisation slug>/, like the other apps' management pages."""

from django.urls import path

from samskab.calendars import views

app_name = "calendars"

MANAGE = "administrer/<slug:slug>/"

urlpatterns = [
    path(MANAGE, views.manage, name="manage"),
    path(MANAGE + "<int:pk>/hent-nu/", views.fetch_now, name="fetch_now"),
    path(MANAGE + "<int:pk>/stop/", views.remove, name="remove"),
]
