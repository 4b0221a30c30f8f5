from django.urls import path

from samskab.vision import views

app_name = "vision"

urlpatterns = [
    path("", views.front_page, name="front_page"),
]
