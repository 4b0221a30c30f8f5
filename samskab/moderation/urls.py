"""Mounted at "moderation/" inside i18n_patterns: Danish at /moderation/…, English at
/en/moderation/…. Items are named by content type and id, so these serve every moderated
model."""

from django.urls import path

from samskab.moderation import views

app_name = "moderation"

ITEM = "<int:content_type_id>/<int:object_id>/"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("tal/", views.figures, name="figures"),
    path("anmeld/" + ITEM, views.report, name="report"),
    path("ny-vurdering/" + ITEM, views.request_review, name="request_review"),
    path("afgoer/" + ITEM, views.moderate, name="moderate"),
]
