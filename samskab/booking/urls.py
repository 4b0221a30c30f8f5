"""Mounted at ``tilmelding/`` inside the i18n patterns: Danish at /tilmelding/…, English at
/en/tilmelding/…. Token links come first-class: no login needed."""

from django.urls import path

from samskab.booking import views

app_name = "booking"

urlpatterns = [
    path("", views.my_bookings, name="my_bookings"),
    path("<int:slot_id>/", views.sign_up, name="sign_up"),
    path("<int:slot_id>/deltagere/", views.manage_slot, name="manage_slot"),
    path(
        "<int:slot_id>/deltagere/<int:booking_id>/fremmoede/",
        views.mark_attendance,
        name="mark_attendance",
    ),
    path("bekraeft/<str:token>/", views.confirm, name="confirm"),
    path("afmeld/<str:token>/", views.cancel, name="cancel"),
    path("tilbud/<str:token>/", views.offer, name="offer"),
]
