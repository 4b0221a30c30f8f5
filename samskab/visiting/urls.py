"""Mounted at "besoegsven/" inside i18n_patterns: Danish at /besoegsven/…, English at
/en/besoegsven/…. Coordinators' pages live under administrer/<organisation slug>/."""

from django.urls import path

from samskab.visiting import views

app_name = "visiting"

MANAGE = "administrer/<slug:slug>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("bed-om-en-besoegsven/", views.ask, name="request"),
    path("bliv-besoegsven/", views.offer, name="offer"),
    path("mine/", views.mine, name="mine"),
    path("anmodninger/<int:pk>/traek-tilbage/", views.withdraw_request, name="withdraw_request"),
    path("tilbud/<int:pk>/pause/", views.pause_offer, name="pause_offer"),
    path("forslag/<int:pk>/svar/", views.match_answer, name="match_answer"),
    path("svar/<str:token>/", views.answer, name="answer"),
    # Coordinators
    path(MANAGE, views.manage, name="manage"),
    path(MANAGE + "indstillinger/", views.manage_programme, name="manage_programme"),
    path(MANAGE + "anmodninger/<int:pk>/", views.manage_request, name="manage_request"),
    path(MANAGE + "anmodninger/<int:pk>/foreslaa/", views.manage_propose, name="manage_propose"),
    path(MANAGE + "anmodninger/<int:pk>/luk/", views.manage_close, name="manage_close"),
    path(MANAGE + "forslag/<int:pk>/traek-tilbage/", views.manage_withdraw, name="manage_withdraw"),
]
