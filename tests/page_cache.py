"""What the tests of kept pages share (activity, organisation, opportunity and idea pages)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def fetch(client, path) -> tuple[str, int]:
    """The page (which must answer 200) and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def address(obj, language="da") -> str:
    """The page of ``obj`` (anything with ``get_absolute_url``) in Danish or English."""
    prefix = "/en" if language == "en" else ""
    return prefix + obj.get_absolute_url().removeprefix("/en")


def card_of(html: str, title: str) -> str:
    """The card (``<article>``) of a list whose heading is ``title``."""
    start = html.index(title)
    return html[html.rindex("<article", 0, start) : html.index("</article>", start)]
