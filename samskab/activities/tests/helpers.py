from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from samskab.core.tests.page import Page


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(f"activities:{name}", kwargs=kwargs)


def page_of(response) -> Page:
    return Page(response)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def count_queries(client, path) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(queries), response
