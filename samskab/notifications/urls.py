from django.urls import path

from samskab.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("alle-laest/", views.mark_all_read, name="mark_all_read"),
    path("indstillinger/", views.notification_settings, name="settings"),
    path("afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("foelg/<int:content_type_id>/<int:object_id>/", views.follow, name="follow"),
    path(
        "stop/<int:content_type_id>/<int:object_id>/",
        views.stop_following,
        name="stop_following",
    ),
]
