"""What apps fill into a page when it is served (``PageFiller``): every HTML page, kept or
not, and nothing else."""

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.test import RequestFactory

from samskab.core import extensions
from samskab.core.extensions import PageFiller
from samskab.core.middleware import PageFillersMiddleware

MARK = b"<!--test-fill-->"


def served(response, monkeypatch):
    filler = PageFiller(MARK, lambda content, _response: content.replace(MARK, b"filled"))

    def declared(point):
        return [("test", filler)] if point == "page_fillers" else []

    monkeypatch.setattr(extensions, "declared", declared)
    return PageFillersMiddleware(lambda request: response)(RequestFactory().get("/"))


def test_an_html_page_is_filled_in(monkeypatch):
    response = served(HttpResponse(b"<p>" + MARK + b"</p>"), monkeypatch)

    assert response.content == b"<p>filled</p>"


def test_a_page_without_the_marker_is_left_as_it_is(monkeypatch):
    original = HttpResponse(b"<p>nothing to fill</p>")

    assert served(original, monkeypatch).content == b"<p>nothing to fill</p>"


def test_other_responses_are_not_touched(monkeypatch):
    data = served(JsonResponse({"text": MARK.decode()}), monkeypatch)
    stream = served(StreamingHttpResponse(iter([MARK])), monkeypatch)

    assert MARK.decode() in data.content.decode()
    assert b"".join(stream.streaming_content) == MARK


def test_the_booking_engine_fills_in_the_places_left():
    from samskab.booking import places

    fillers = [
        filler for label, filler in extensions.declared("page_fillers") if label == "booking"
    ]
    assert [filler.marker for filler in fillers] == [places.MARKER_START]
