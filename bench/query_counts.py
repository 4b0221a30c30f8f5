"""Count the database queries of each page, through Django's test client against the
bench database (run by load.py in its own process: ``python bench/query_counts.py URL…``).

Each page is counted twice: with a cold cache (everything the page needs is read from
the database: the worst case) and warm (a second request right after). Prints JSON."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings.bench")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return response.status_code, len(context.captured_queries)


def main(urls: list[str]) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for url in urls:
        cache.clear()
        status, cold = count(client, url)
        _status, warm = count(client, url)
        results[url] = {"status": status, "cold": cold, "warm": warm}
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1:])
