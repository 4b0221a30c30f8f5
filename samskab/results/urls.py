from django.urls import path

from samskab.results import views

app_name = "results"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("data.csv", views.all_csv, name="all_csv"),
    path("data-excel.csv", views.all_excel_csv, name="all_excel_csv"),
    path("data.json", views.all_json, name="all_json"),
    path("indikator/<slug:slug>/", views.indicator, name="indicator"),
    path("indikator/<slug:slug>/graf.svg", views.chart_svg, name="chart_svg"),
    path("indikator/<slug:slug>/graf.png", views.chart_png, name="chart_png"),
    path("indikator/<slug:slug>/data.csv", views.indicator_csv, name="indicator_csv"),
    path(
        "indikator/<slug:slug>/data-excel.csv",
        views.indicator_excel_csv,
        name="indicator_excel_csv",
    ),
    path("indikator/<slug:slug>/data.json", views.indicator_json, name="indicator_json"),
    # Last: a focus area's slug could be anything above.
    path("<slug:slug>/", views.focus_area, name="focus_area"),
]
