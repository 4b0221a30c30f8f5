"""A URL configuration for tests only: a form and a button limited by core.limits, in
both languages, beside the site's own addresses (the 429 page links to them)."""

from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from samskab.core import limits
from samskab.urls import urlpatterns as site_urlpatterns

FORM_LIMITS = (
    limits.Limit("tests.form", "3/h"),
    limits.Limit("tests.form", "2/h", per=limits.VALUE),
)
BUTTON_LIMITS = (limits.Limit("tests.button", "2/h", per=limits.USER),)
pressed = []


class ContactForm(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()


def form_view(request):
    form = ContactForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and limits.allow(request, *FORM_LIMITS, form=form, value=form.cleaned_data["email"])
    ):
        return HttpResponse("sent", status=201)
    return HttpResponse(form.render())


@limits.limit(*BUTTON_LIMITS)
def button_view(request):
    pressed.append(request.method)
    return HttpResponse("pressed")


urlpatterns = [
    *i18n_patterns(
        path("form/", form_view), path("button/", button_view), prefix_default_language=False
    ),
    *site_urlpatterns,
]
