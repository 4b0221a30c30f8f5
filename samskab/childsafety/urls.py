"""Mounted at "boerneattest/" inside i18n_patterns: Danish at /boerneattest/…, English at
/en/boerneattest/…. Coordinators' pages live under administrer/<organisation slug>/."""

from django.urls import path

from samskab.childsafety import views

app_name = "childsafety"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("administrer/<slug:slug>/", views.manage, name="manage"),
    path(
        "administrer/<slug:slug>/frivillig/<int:volunteer_id>/",
        views.manage_record,
        name="manage_record",
    ),
]
