"""Mounted at "aktiviteter/" inside i18n_patterns, beside the activities' own URLs (which
leave the empty path and "kort/" free): the catalogue at /aktiviteter/, the map at
/aktiviteter/kort/, in English at /en/aktiviteter/…"""

from django.urls import path

from samskab.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.index, name="index"),
    path("kort/", views.map_view, name="map"),
]
