import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from samskab.booking.errors import BookingError
from samskab.core.errors import ServiceError
from samskab.core.view_helpers import add_service_error, safe_next
from samskab.needs.errors import NeedError


class NameForm(forms.Form):
    name = forms.CharField(required=False)


def _post(data):
    request = RequestFactory().post("/somewhere/", data)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize(
    "next_url",
    ["abc", "https://evil.example/", "//evil.example/", "javascript:alert(1)", "", "\\\\evil"],
)
def test_safe_next_accepts_only_a_local_path(next_url):
    assert safe_next(_post({"next": next_url}), "/default/") == "/default/"
    assert safe_next(_post({"next": next_url})) is None


def test_safe_next_keeps_a_local_path():
    assert safe_next(_post({"next": "/en/activities/?page=2"}), "/x/") == "/en/activities/?page=2"
    request = RequestFactory().get("/", {"next": "/mine/"})
    assert safe_next(request, "/x/") == "/mine/"


def test_every_apps_error_is_a_service_error():
    error = NeedError(field="title")
    assert isinstance(error, ServiceError)
    assert (str(error.message), error.field, error.code) == (
        "Det kunne ikke lade sig gøre.",
        "title",
        "error",
    )
    assert ServiceError("Nope", code="nope").code == "nope"
    assert BookingError("Full", booking=None).message == "Full"


def test_a_service_error_goes_onto_its_field_or_the_form():
    form = NameForm({"name": "Karen"})
    form.is_valid()
    add_service_error(form, ServiceError("Choose another name.", field="name"))
    add_service_error(form, ServiceError("Try again later.", field="no_such_field"))
    assert form.errors["name"] == ["Choose another name."]
    assert form.non_field_errors() == ["Try again later."]


def test_a_service_error_on_a_request_becomes_a_message():
    request = _post({})
    info = ServiceError("You already have a place.")
    info.level = "info"
    add_service_error(request, info)
    add_service_error(request, ServiceError("That could not be done."))
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [
        ("info", "You already have a place."),
        ("warning", "That could not be done."),
    ]
