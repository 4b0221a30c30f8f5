"""The site's URLs plus the stand-in discussion's page, for the tests that render a
thread on an owner's page (``settings.ROOT_URLCONF = "tests.discussion_owner.urls"``)."""

from django.urls import path

from samskab.urls import handler400, handler403, handler404, handler500  # noqa: F401
from samskab.urls import urlpatterns as site_urlpatterns
from tests.discussion_owner import views

urlpatterns = [
    path("discussions/<int:pk>/", views.detail, name="discussion_detail"),
    *site_urlpatterns,
]
