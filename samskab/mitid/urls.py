from django.urls import path

from samskab.mitid import views

app_name = "mitid"

urlpatterns = [
    path("", views.login, name="login"),
    # The one address registered at the broker (always without a language prefix).
    path("callback/", views.callback, name="callback"),
    path("konto/", views.account, name="account"),
]
