#!/usr/bin/env python3
"""Which addresses of the realistic mix make PostgreSQL work hard: in process, no cache.

    .venv/bin/python bench/slow_queries.py [--per-kind 100] [--threshold-ms 10] [--seed 3]

Draws the addresses ``bench/realistic.py`` draws (the same seed gives the same ones), asks for
a seeded sample of each kind through Django's test client with the dummy cache (every query
runs), the own pages as a generated person who is logged in, and prints per kind the median
and slowest answer, then every query slower than ``--threshold-ms`` with its address (at most
two per kind and statement). A slow statement at Esbjerg's scale is one that reads far more
rows than it shows; ``EXPLAIN ANALYZE`` on it in ``psql`` says why. Each kind's first address
is asked for once before measuring (its templates compiled), so the slowest answers are the
pages' own.

The database is the one ``bench/realistic.py`` fills (run it once first).
"""

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import page_cost  # noqa: E402 (after the path above)
import realistic  # noqa: E402

SHOWN_PER_STATEMENT = 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=page_cost.DEFAULT_DATABASE)
    parser.add_argument("--per-kind", type=int, default=100, help="Addresses asked for a kind.")
    parser.add_argument("--threshold-ms", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=3, help="Which addresses of each kind.")
    options = parser.parse_args()

    addresses = realistic.draw_addresses(options.database_url, 1)
    page_cost.setup(options.database_url, collect_static=False)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from samskab.accounts.models import User

    visitor = Client(HTTP_HOST="127.0.0.1")
    person = Client(HTTP_HOST="127.0.0.1")
    person.force_login(User.objects.filter(email__contains="gen").order_by("pk").first())
    rng = random.Random(options.seed)  # noqa: S311 (a reproducible sample, not a secret)
    slow = []
    print(f"{'kind':24} {'asked':>5} {'median ms':>10} {'slowest ms':>11} {'slowest address'}")
    for kind, paths in addresses.items():
        client = person if kind == "own pages" else visitor
        sample = rng.sample(paths, min(options.per_kind, len(paths)))
        client.get(sample[0])
        answers = []
        for path in sample:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path)
                answers.append(((time.perf_counter() - started) * 1000, path))
            if response.status_code >= 400:
                print(f"  {response.status_code}: {path}")
            slow += [
                (float(query["time"]) * 1000, kind, path, query["sql"])
                for query in captured.captured_queries
                if float(query["time"]) * 1000 > options.threshold_ms
            ]
        slowest = max(answers)
        median = statistics.median(ms for ms, _path in answers)
        print(f"{kind:24} {len(answers):5} {median:10.1f} {slowest[0]:11.1f} {slowest[1]}")

    print(f"\nQueries slower than {options.threshold_ms:g} ms:")
    shown = Counter()
    for ms, kind, path, sql in sorted(slow, reverse=True):
        statement = (kind, sql[:120])
        shown[statement] += 1
        if shown[statement] <= SHOWN_PER_STATEMENT:
            print(f"{ms:7.1f} ms  {kind}  {path}\n           {sql[:600]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
