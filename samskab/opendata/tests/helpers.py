import csv
import io
import json


def download(client, path) -> tuple[object, bytes]:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    assert response.streaming
    return response, b"".join(response.streaming_content)


def csv_rows(client, slug) -> list[dict]:
    _response, body = download(client, f"/data/{slug}.csv")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))


def excel_rows(client, slug) -> list[dict]:
    """The rows as Excel on a Danish computer reads the file: it sees the byte order mark,
    so it decodes UTF-8, and splits on semicolons."""
    _response, body = download(client, f"/data/{slug}.excel.csv")
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def json_document(client, slug) -> dict:
    _response, body = download(client, f"/data/{slug}.json")
    return json.loads(body)
