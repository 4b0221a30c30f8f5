"""Every request has an id (core.middleware.RequestIdMiddleware): taken from the proxy's
X-Request-ID when it looks like one, generated otherwise, sent back in X-Request-ID and
written on every log record of the request, as text or as one JSON object per line."""

import copy
import io
import json
import logging
import logging.config
import re
import uuid

import pytest
from django.conf import settings as django_settings

LOG_URLS = "samskab.core.tests.log_urls"
GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_lines():
    """The project's LOGGING as configured (filters, formatter, handler), writing to a
    buffer instead of stdout: ``log_lines(format)`` starts it, then returns the lines."""
    buffer = io.StringIO()

    def configure(log_format: str):
        config = copy.deepcopy(django_settings.LOGGING)
        config["handlers"]["console"]["formatter"] = log_format
        config["handlers"]["console"]["stream"] = buffer
        logging.config.dictConfig(config)
        return lambda: buffer.getvalue().splitlines()

    yield configure
    logging.config.dictConfig(django_settings.LOGGING)


def test_every_response_carries_a_new_request_id(client):
    first = client.get("/health/live")["X-Request-ID"]
    second = client.get("/health/live")["X-Request-ID"]

    assert GENERATED.fullmatch(first)
    assert GENERATED.fullmatch(second)
    assert first != second


@pytest.mark.parametrize("given", [uuid.uuid4().hex, str(uuid.uuid4())], ids=["hex", "dashed"])
def test_the_proxys_request_id_is_kept(client, given):
    assert client.get("/health/live", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given


@pytest.mark.parametrize(
    "given",
    [
        "a" * 10_000,
        "abc\ndef",
        "\n" + "a" * 31,  # uuid.UUID() accepts this one
        "٣" * 32,  # Arabic-Indic digits: uuid.UUID() accepts these too
        "æøå-" + uuid.uuid4().hex[:28],
        f"{uuid.uuid4().hex}\r\nSet-Cookie: a=b",
        "",
        "not-a-request-id",
    ],
    ids=[
        "long",
        "newline",
        "newline-in-32",
        "non-ascii-digits",
        "non-ascii",
        "crlf",
        "empty",
        "word",
    ],
)
def test_an_implausible_request_id_is_replaced_by_a_new_one(client, given):
    response = client.get("/health/live", HTTP_X_REQUEST_ID=given)

    assert response.status_code == 200
    assert GENERATED.fullmatch(response["X-Request-ID"])
    assert "Set-Cookie" not in response


@pytest.mark.urls(LOG_URLS)
def test_a_log_record_written_in_a_request_carries_its_id(client, log_lines):
    lines = log_lines("text")
    given = uuid.uuid4().hex

    response = client.get("/log/", HTTP_X_REQUEST_ID=given)

    assert response["X-Request-ID"] == given
    [line] = [line for line in lines() if "written in a view" in line]
    assert f"[{given}]" in line


@pytest.mark.urls(LOG_URLS)
def test_json_logs_are_one_object_per_line_with_the_request_id(client, log_lines):
    lines = log_lines("json")

    response = client.get("/log/")
    logging.getLogger("samskab.tests").warning("written after the request")
    missing = client.get("/missing/")

    records = [json.loads(line) for line in lines()]
    in_view = [record for record in records if record["name"] == "samskab.tests.view"]
    assert [record["message"] for record in in_view] == [
        "written in a view\nwith a second line",
        "an exception in a view",
    ]
    assert {record["request_id"] for record in in_view} == {response["X-Request-ID"]}
    assert in_view[0]["level"] == "WARNING"
    assert "time" in in_view[0]
    assert "ZeroDivisionError" in in_view[1]["exc_info"]
    after = [record for record in records if record["message"] == "written after the request"]
    assert after[0]["request_id"] is None
    # Django logs a 4xx or 5xx once the middleware has returned it.
    [not_found] = [record for record in records if record["name"] == "django.request"]
    assert not_found["message"] == "Not Found: /missing/"
    assert not_found["request_id"] == missing["X-Request-ID"]


def test_production_logs_json_to_stdout_unless_told_otherwise():
    from samskab.core.tests.test_production_settings import manage

    script = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.LOG_FORMAT, s.LOGGING['handlers']['console']]))"
    )
    default = manage("shell", "--no-imports", "-c", script)
    text = manage("shell", "--no-imports", "-c", script, environment={"LOG_FORMAT": "text"})
    wrong = manage("check", environment={"LOG_FORMAT": "xml"})

    assert default.returncode == 0, default.stderr
    log_format, handler = json.loads(default.stdout.strip().splitlines()[-1])
    assert log_format == "json"
    assert handler["formatter"] == "json"
    assert handler["stream"] == "ext://sys.stdout"
    assert json.loads(text.stdout.strip().splitlines()[-1])[0] == "text"
    assert wrong.returncode != 0
    assert "LOG_FORMAT must be json or text" in wrong.stderr
