"""Mounted at "frivillig/" inside i18n_patterns: Danish at /frivillig/…, English at
/en/frivillig/…. Management pages live under administrer/<organisation slug>/ and check the
user's access to that organisation, and that the opportunity, shift or hours belong to it."""

from django.urls import path

from samskab.volunteering import views

app_name = "volunteering"

MANAGE = "administrer/<slug:slug>/"

urlpatterns = [
    # Public
    path("", views.opportunity_list, name="list"),
    path("<int:pk>/", views.opportunity_detail, name="opportunity_short"),
    path("<int:pk>/kalender.ics", views.ical_opportunity, name="ical_opportunity"),
    path("<int:pk>/<slug:slug>/", views.opportunity_detail, name="opportunity"),
    # The volunteer
    path("min-profil/", views.profile, name="profile"),
    path("mit-frivillige-arbejde/", views.my_volunteering, name="my_volunteering"),
    path("timer/registrer/", views.log_hours, name="log_hours"),
    path("timer/<int:pk>/traek-tilbage/", views.withdraw_hours, name="withdraw_hours"),
    path("tjek-ind/<int:shift_id>/<str:secret>/", views.check_in, name="check_in"),
    # Coordinators
    path(MANAGE, views.manage_list, name="manage_list"),
    path(MANAGE + "ny/", views.manage_create, name="manage_create"),
    path(MANAGE + "<int:pk>/", views.manage_opportunity, name="manage_opportunity"),
    path(MANAGE + "<int:pk>/rediger/", views.manage_edit, name="manage_edit"),
    path(MANAGE + "<int:pk>/slet/", views.manage_delete, name="manage_delete"),
    path(MANAGE + "<int:pk>/deltagere/", views.opportunity_roster, name="opportunity_roster"),
    path(
        MANAGE + "<int:pk>/deltagere.csv",
        views.opportunity_roster_csv,
        name="opportunity_roster_csv",
    ),
    path(MANAGE + "<int:pk>/besked/", views.opportunity_message, name="opportunity_message"),
    path(MANAGE + "<int:pk>/vagter/ny/", views.shift_create, name="shift_create"),
    path(MANAGE + "vagter/<int:shift_id>/", views.shift_roster, name="shift_roster"),
    path(MANAGE + "vagter/<int:shift_id>/rediger/", views.shift_edit, name="shift_edit"),
    path(MANAGE + "vagter/<int:shift_id>/aflys/", views.shift_cancel, name="shift_cancel"),
    path(MANAGE + "vagter/<int:shift_id>/besked/", views.shift_message, name="shift_message"),
    path(
        MANAGE + "vagter/<int:shift_id>/deltagere.csv",
        views.shift_roster_csv,
        name="shift_roster_csv",
    ),
    path(
        MANAGE + "vagter/<int:shift_id>/fremmoede/<int:booking_id>/",
        views.shift_attendance,
        name="shift_attendance",
    ),
    path(
        MANAGE + "vagter/<int:shift_id>/pladser/", views.shift_add_places, name="shift_add_places"
    ),
    path(MANAGE + "vagter/<int:shift_id>/afslut/", views.shift_close, name="shift_close"),
    path(MANAGE + "vagter/<int:shift_id>/qr/", views.shift_qr, name="shift_qr"),
    path(MANAGE + "vagter/<int:shift_id>/qr.svg", views.shift_qr_svg, name="shift_qr_svg"),
    path(MANAGE + "timer/", views.hours_review, name="hours_review"),
    path(MANAGE + "timer/<int:entry_id>/", views.hours_decide, name="hours_decide"),
    path(MANAGE + "aarsopgoerelse/", views.summary, name="summary"),
    path(MANAGE + "aarsopgoerelse.csv", views.summary_csv, name="summary_csv"),
]
