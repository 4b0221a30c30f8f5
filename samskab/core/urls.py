from django.urls import path

from samskab.core import views

app_name = "core"

urlpatterns = [
    path(
        "tilgaengelighed/",
        views.legal_page,
        {"template_name": "accessibility.html"},
        name="accessibility",
    ),
    path("privatliv/", views.legal_page, {"template_name": "privacy.html"}, name="privacy"),
    path("cookies/", views.legal_page, {"template_name": "cookies.html"}, name="cookies"),
]
