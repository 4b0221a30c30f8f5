from django.urls import path

from samskab.vision import views

app_name = "vision"

urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("fokusomraader/<slug:slug>/", views.focus_area, name="focus_area"),
    path("initiativer/<slug:slug>/", views.initiative, name="initiative"),
]
