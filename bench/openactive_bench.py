#!/usr/bin/env python3
"""OpenActive feeds under load: a full RPDE page (500 items) next to the floor.

    .venv/bin/python bench/openactive_bench.py [--workers 3] [--connections 8] [--seconds 15]

1. Creates the PostgreSQL database ``samskab_openactive_bench`` (``--database-url``) if
   needed, migrates it and, once, loads the demo and ``generate_data --scale esbjerg``
   (bench/load.py's preparation), then publishes every activity and coming session to the
   feeds with ``manage.py openactive_rebuild`` (the generator writes in bulk, without the
   signals that note changes) and prints how long that took.
2. Starts gunicorn with samskab.settings.bench on 127.0.0.1 and measures, in interleaved
   rounds, with ``--connections`` keep-alive connections in a closed loop (bench/load.py):
   - a full page of the ScheduledSession feed (500 items) from the middle of the feed;
   - a full page of the SessionSeries feed (500 items, each a whole activity);
   - the last page (no items: what a reader that is up to date asks every few seconds);
   - the floor, ``/health/live`` (a view that answers without touching the database), and
     ``/bench/floor/`` (the floor of bench/load.py), on the same server.
3. Prints requests/s, p50 and p99 per address, and each page's throughput as a share of
   ``/health/live``'s, and the queries of each page (Django's test client).

Only 127.0.0.1 is contacted; every load loop is bounded in time; gunicorn is stopped at the
end whatever happens.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402 (after the project is on the path)

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/samskab_openactive_bench"
FLOOR = "/health/live"
SERIES_FEED = "/openactive/feeds/session-series"
SESSIONS_FEED = "/openactive/feeds/scheduled-sessions"


def publish_everything(env: dict, database_url: str) -> None:
    (published,) = load.sql(database_url, "SELECT count(*) FROM openactive_feeditem")[0]
    # The demo alone publishes a few dozen items; the generated data, thousands.
    if published >= 1000:
        print(f"{published} items already in the feeds; skipping openactive_rebuild.")
        return
    started = time.monotonic()
    load.run("openactive_rebuild", env=env)
    print(f"openactive_rebuild took {time.monotonic() - started:.0f} s")


def middle_position(database_url: str, kind: str) -> str:
    """``?afterTimestamp=…&afterId=…`` of the item half way through the feed, so the page
    after it is full (500 items) and not the first."""
    (count,) = load.sql(
        database_url, "SELECT count(*) FROM openactive_feeditem WHERE kind = %s", (kind,)
    )[0]
    if count < 1000:
        raise RuntimeError(f"The {kind} feed has {count} items; a full page needs more.")
    modified, item_id = load.sql(
        database_url,
        "SELECT modified, item_id FROM openactive_feeditem WHERE kind = %s "
        "ORDER BY modified, item_id OFFSET %s LIMIT 1",
        (kind, count // 2 - 500),
    )[0]
    return f"?afterTimestamp={modified}&afterId={item_id}"


def last_position(database_url: str, kind: str) -> str:
    modified, item_id = load.sql(
        database_url,
        "SELECT modified, item_id FROM openactive_feeditem WHERE kind = %s "
        "ORDER BY modified DESC, item_id DESC LIMIT 1",
        (kind,),
    )[0]
    return f"?afterTimestamp={modified}&afterId={item_id}"


def page_sizes(port: int, paths) -> dict:
    """Items and bytes of each page, read once from the running server."""
    from http.client import HTTPConnection

    sizes = {}
    for path in paths:
        connection = HTTPConnection(load.HOST, port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": load.HOST})
            body = connection.getresponse().read()
        finally:
            connection.close()
        sizes[path] = (len(json.loads(body)["items"]), len(body))
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    options = parser.parse_args()
    if urlsplit(options.database_url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("the bench only talks to a database on 127.0.0.1")

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samskab.settings.bench",
        "BENCH_DATABASE_URL": options.database_url,
        "PYTHONPATH": str(ROOT),
    }
    load.prepare(env, options.database_url)
    publish_everything(env, options.database_url)
    sessions_page = SESSIONS_FEED + middle_position(options.database_url, "ScheduledSession")
    series_page = SERIES_FEED + middle_position(options.database_url, "SessionSeries")
    last_page = SESSIONS_FEED + last_position(options.database_url, "ScheduledSession")
    selected = [
        ("ScheduledSession page (500 items)", sessions_page),
        ("SessionSeries page (500 items)", series_page),
        ("last page (no items)", last_page),
        ("floor /health/live", FLOOR),
        ("floor /bench/floor/", load.FLOOR),
    ]
    counted = subprocess.run(  # noqa: S603 (our own fixed command line, no shell)
        [PYTHON, str(ROOT / "bench" / "query_counts.py"), *(path for _l, path in selected[:3])],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )
    counts = json.loads(counted.stdout.strip().splitlines()[-1])

    port = load.free_port()
    server = load.start_gunicorn(env, port=port, workers=options.workers)
    try:
        sizes = page_sizes(port, [path for _label, path in selected[:3]])
    finally:
        load.stop(server)
    print(
        f"\nLoad: {options.connections} connections, {options.workers} gunicorn workers, "
        f"{options.seconds:.0f} s per address in {options.rounds} interleaved rounds after "
        f"{options.warmup:.0f} s warm-up; load average {os.getloadavg()[0]:.2f}"
    )
    measurements = load.measure_all(
        env,
        selected,
        port=port,
        workers=options.workers,
        connections=options.connections,
        seconds=options.seconds,
        warmup=options.warmup,
        rounds=options.rounds,
    )
    print(load.table(measurements, counts))
    floor = next(m for m in measurements if m.path == FLOOR)
    for m in measurements[:3]:
        items, size = sizes[m.path]
        share = m.requests_per_second / floor.requests_per_second * 100
        print(f"{m.label}: {items} items, {size / 1024:.0f} KiB, {share:.0f} % of the floor")
    if options.json:
        options.json.write_text(
            json.dumps(
                {
                    "pages": [load.summary(m) for m in measurements],
                    "sizes": {path: {"items": i, "bytes": b} for path, (i, b) in sizes.items()},
                    "queries": counts,
                },
                indent=2,
            )
        )
    return 0 if all(m.errors == 0 for m in measurements) else 1


PYTHON = load.PYTHON

if __name__ == "__main__":
    sys.exit(main())
