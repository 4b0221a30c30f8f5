"""Mounted at "data/" inside i18n_patterns: the catalogue page at /data/ and /en/data/; the
files at /data/<slug>.csv, .excel.csv and .json and the DCAT-AP-DK description at
/data/catalog.ttl (.rdf, .jsonld), the same in both languages."""

from django.urls import path, re_path

from samskab.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    re_path(r"^catalog\.(?P<extension>ttl|rdf|jsonld)$", views.description, name="description"),
    re_path(
        r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<extension>csv|excel\.csv|json)$",
        views.download,
        name="download",
    ),
]
