#!/usr/bin/env python3
"""API benchmark: the read API's list endpoints served by gunicorn against PostgreSQL at
Esbjerg scale, next to the framework floor on the same server.

    .venv/bin/python bench/api_bench.py [--workers 3] [--connections 8] [--seconds 15]

The same machinery as bench/load.py (its database preparation, gunicorn, closed-loop load
with keep-alive connections, interleaved rounds), in a database of its own (default
samskab_api_bench): the first run migrates it, loads the demo and runs ``generate_data
--scale esbjerg``. The anonymous rate limit is lifted for the run (``API_ANON_RATE``), as
the load comes from one address. Only 127.0.0.1 is contacted; everything is bounded.
"""

import argparse
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402 (after the path above)

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/samskab_api_bench"


def endpoints() -> list[tuple[str, str]]:
    today = date.today()
    week = {"date_from": today.isoformat(), "date_to": (today + timedelta(days=6)).isoformat()}
    return [
        ("activities (50 a page)", "/api/v1/activities/"),
        ("activities (200 a page)", "/api/v1/activities/?page_size=200"),
        (
            "activities, free in Esbjerg this week",
            "/api/v1/activities/?" + urlencode({"town": "esbjerg", "free": "1", **week}),
        ),
        ("sessions (200 a page)", "/api/v1/sessions/?page_size=200"),
        ("volunteer opportunities (200 a page)", "/api/v1/volunteer-opportunities/?page_size=200"),
        ("ideas (200 a page)", "/api/v1/ideas/?page_size=200"),
        ("framework floor", "/health/live"),
    ]


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
        "API_ANON_RATE": "100000000/s",
    }
    load.prepare(env, options.database_url)
    selected = endpoints()
    counted = subprocess.run(  # noqa: S603 (our own fixed command line, no shell)
        [load.PYTHON, str(ROOT / "bench" / "query_counts.py"), *(path for _l, path in selected)],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )
    counts = json.loads(counted.stdout.strip().splitlines()[-1])
    print(
        f"\nLoad: {options.connections} connections, {options.workers} gunicorn workers, "
        f"{options.seconds:.0f} s per endpoint in {options.rounds} interleaved rounds after "
        f"{options.warmup:.0f} s warm-up, on {os.cpu_count()} CPUs. "
        f"Load average before: {os.getloadavg()[0]:.2f}\n"
    )
    measurements = load.measure_all(
        env,
        selected,
        port=load.free_port(),
        workers=options.workers,
        connections=options.connections,
        seconds=options.seconds,
        warmup=options.warmup,
        rounds=options.rounds,
    )
    print(load.table(measurements, counts))
    floor = measurements[-1].requests_per_second
    print()
    for m in measurements[:-1]:
        print(f"{m.label}: {m.requests_per_second / floor:.0%} of the floor ({floor:.0f}/s)")
    print(f"Load average after: {os.getloadavg()[0]:.2f}")
    if options.json:
        options.json.write_text(
            json.dumps({"queries": counts, "endpoints": [load.summary(m) for m in measurements]})
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
