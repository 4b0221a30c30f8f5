"""Mounted at "aktiviteter/" inside i18n_patterns: Danish at /aktiviteter/…, English at
/en/aktiviteter/…. The empty path is left for the catalogue."""

from django.urls import path

from samskab.activities import views

app_name = "activities"

manage = "administrer/<slug:slug>/"
activity = manage + "<int:pk>/"
session = activity + "gange/<int:session_pk>/"

urlpatterns = [
    path("<int:pk>-<slug:slug>/", views.activity_detail, name="detail"),
    path("<int:pk>/", views.activity_detail, name="detail_short"),
    path("<int:pk>/kalender.ics", views.ical_activity, name="ical_activity"),
    path("forening/<slug:slug>/kalender.ics", views.ical_organisation, name="ical_organisation"),
    path("kalender/<str:token>.ics", views.ical_personal, name="ical_personal"),
    path("mine/", views.my_activities, name="mine"),
    path("mine/ny-kalenderadresse/", views.reset_feed, name="reset_feed"),
    # Organisers
    path(manage, views.manage_list, name="manage_list"),
    path(manage + "ny/", views.manage_create, name="manage_create"),
    path(activity, views.manage_activity, name="manage_activity"),
    path(activity + "rediger/", views.manage_edit, name="manage_edit"),
    path(activity + "serier/ny/", views.schedule_create, name="schedule_create"),
    path(activity + "serier/<int:schedule_pk>/", views.schedule_edit, name="schedule_edit"),
    path(
        activity + "serier/<int:schedule_pk>/afslut/",
        views.schedule_delete,
        name="schedule_delete",
    ),
    path(activity + "gange/ny/", views.session_create, name="session_create"),
    path(session, views.session_roster, name="session_roster"),
    path(session + "rediger/", views.session_edit, name="session_edit"),
    path(session + "aflys/", views.session_cancel, name="session_cancel"),
    path(
        session + "deltagere/<int:booking_pk>/fremmoede/",
        views.session_attendance,
        name="session_attendance",
    ),
]
