"""A URL configuration for tests only: views whose responses the header middleware must
correct or leave alone."""

from django.http import HttpResponse
from django.urls import path
from django.utils.cache import patch_vary_headers


def reads_the_user(request):
    return HttpResponse(f"hello {request.user.is_authenticated}")


def reads_nothing(request):
    return HttpResponse("the same for everyone")


def own_cache_control(request):
    request.user.is_authenticated  # noqa: B018 - the view looks at who asks
    response = HttpResponse("kept for a minute by the browser only")
    response["Cache-Control"] = "private, max-age=60"
    return response


def public_with_cookie(request):
    response = HttpResponse("public, but sets a cookie")
    response["Cache-Control"] = "public, max-age=900"
    response.set_cookie("choice", "1")
    return response


def public_varying_on_cookie(request):
    response = HttpResponse("public, but differs by cookie")
    response["Cache-Control"] = "public, max-age=900"
    patch_vary_headers(response, ["Cookie"])
    return response


def cookie_only(request):
    response = HttpResponse("sets a cookie")
    response.set_cookie("choice", "1")
    return response


def own_permissions_policy(request):
    response = HttpResponse("may use the camera")
    response["Permissions-Policy"] = "camera=(self)"
    return response


urlpatterns = [
    path("reads-the-user/", reads_the_user),
    path("reads-nothing/", reads_nothing),
    path("own-cache-control/", own_cache_control),
    path("public-with-cookie/", public_with_cookie),
    path("public-varying-on-cookie/", public_varying_on_cookie),
    path("cookie-only/", cookie_only),
    path("own-permissions-policy/", own_permissions_policy),
]
