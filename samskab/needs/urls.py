"""Mounted at "behov/" inside i18n_patterns: Danish at /behov/…, English at /en/behov/….
The alert's one-click link (``respond``) works without logging in; the organisation's
pages live under administrer/<organisation slug>/ and check the user's access to it."""

from django.urls import path

from samskab.needs import views

app_name = "needs"

MANAGE = "administrer/<slug:slug>/"

urlpatterns = [
    # Volunteers (paths that no need's own page can have)
    path("sig-ja/<int:pk>/", views.accept, name="accept"),
    path("svar/<int:pk>/<str:token>/", views.respond, name="respond"),
    path("tjek-ind/<int:pk>/<str:secret>/", views.check_in, name="check_in"),
    # Public
    path("", views.near_you, name="near_you"),
    path("<int:pk>/", views.detail, name="detail_short"),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
    # The organisation
    path(MANAGE, views.manage_list, name="manage_list"),
    path(MANAGE + "nyt/", views.create, name="create"),
    path(MANAGE + "<int:pk>/", views.manage_detail, name="manage_detail"),
    path(MANAGE + "<int:pk>/luk/", views.close, name="close"),
    path(MANAGE + "<int:pk>/qr/", views.qr, name="qr"),
    path(MANAGE + "<int:pk>/qr.svg", views.qr_svg, name="qr_svg"),
    path(MANAGE + "<int:pk>/fremmoede/", views.close_attendance, name="close_attendance"),
    path(MANAGE + "<int:pk>/aflys/", views.cancel, name="cancel"),
]
