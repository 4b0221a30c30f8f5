"""Mounted at "frivilligbevis/" inside i18n_patterns: Danish at /frivilligbevis/…, English at
/en/frivilligbevis/…. The verification pages are public; the rest is the volunteer's own."""

from django.urls import path

from samskab.certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/pdf/", views.certificate_pdf, name="pdf"),
    path("<int:pk>/traek-tilbage/", views.revoke, name="revoke"),
    path("tjek/", views.check, name="check"),
    path("tjek/<str:code>/", views.verify, name="verify"),
]
