"""Mounted at "kommentarer/" inside i18n_patterns: Danish at /kommentarer/…, English at
/en/kommentarer/…. A thread is named by its target's content type and id; a comment by its
own id."""

from django.urls import path

from samskab.comments import views

app_name = "comments"

TARGET = "<int:content_type_id>/<int:object_id>/"

urlpatterns = [
    path("om/" + TARGET, views.thread, name="thread"),
    path("om/" + TARGET + "ny/", views.post, name="post"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/svar/", views.replies, name="replies"),
    path("<int:pk>/svar/ny/", views.reply, name="reply"),
    path("<int:pk>/rediger/", views.edit, name="edit"),
    path("<int:pk>/slet/", views.delete, name="delete"),
]
