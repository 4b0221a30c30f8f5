from django.urls import path

from samskab.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.my_account, name="my_account"),
    path("mine-data/", views.download_data, name="download_data"),
    path("slet/", views.delete_account, name="delete_account"),
]
