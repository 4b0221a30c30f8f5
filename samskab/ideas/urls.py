from django.urls import path

from samskab.ideas import views

app_name = "ideas"

urlpatterns = [
    path("", views.idea_list, name="list"),
    path("kort/", views.idea_map, name="map"),
    path("ny/", views.propose, name="propose"),
    path("svarfrister/", views.answers_due, name="due"),
    path("<int:pk>/", views.idea_detail, name="detail_short"),
    path("<int:pk>-<slug:slug>/", views.idea_detail, name="detail"),
    path("<int:pk>/ret/", views.edit, name="edit"),
    path("<int:pk>/stoet/", views.support, name="support"),
    path("<int:pk>/stoet/tilbage/", views.withdraw_support, name="withdraw_support"),
    path("<int:pk>/hjaelp/", views.offer_help, name="offer_help"),
    path("<int:pk>/hjaelp/tilbage/", views.withdraw_help, name="withdraw_help"),
    path("<int:pk>/svar/", views.answer, name="answer"),
    path("<int:pk>/frivilligbehov/", views.turn_into_need, name="turn_into_need"),
]
