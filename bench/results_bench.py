"""The results' computation at Esbjerg scale: every built-in indicator from scratch, then an
ordinary round of the background worker, against the cost of just reading the rows.

    .venv/bin/python bench/results_bench.py                # generate once, then time
    .venv/bin/python bench/results_bench.py --regenerate   # a fresh database first

It uses its own PostgreSQL database (``RESULTS_BENCH_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/samskab_bench_results). The first run migrates it,
loads the demo (``load_demo``: the vision, towns, and the demo's own two years of history)
and runs ``generate_data --scale esbjerg --seed 1`` (1,000,000 sign-ups, 50,000 shifts,
about 40,000 hours entries, 5,000 ideas), then ``VACUUM ANALYZE``. Later runs find the
generated rows and go straight to timing.

What is timed, in one run (DEBUG off, so no query log grows):

1. **Reading** each indicator's facts from the beginning (``facts(None, now)``, iterated to
   the end): the query and the Python rows, without tallying.
2. **From scratch:** ``compute(indicator, from_scratch=True)`` per indicator (facts, tally,
   suppression, writing the figures), and the sum: what ``compute_results
   --from-scratch`` costs.
3. **A round:** ``compute_all()`` again right after, as the worker runs it every
   ``RESULTS_COMPUTE_MINUTES``: only the open periods (from 1 January of the year that is
   not final yet) are read and rewritten.
4. **The floor,** measured in the same run: ``SELECT count(*)`` over the bookings, and
   streaming one column of every booking into Python in chunks (what any facts function
   that reads a row per sign-up pays at least).
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samskab_bench_results"


def configure(database_url: str, *, fresh: bool) -> None:
    sys.path.insert(0, str(PROJECT_DIR))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings.dev")
    ensure_database(database_url, fresh=fresh)
    import django

    django.setup()


def ensure_database(database_url: str, *, fresh: bool) -> None:
    """Create the bench database on the local server (afresh with ``fresh``)."""
    import psycopg

    parts = urlsplit(database_url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("The results bench only uses a database on 127.0.0.1.")
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare() -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from samskab.demo.generator import generated_data_exists

    call_command("migrate", verbosity=0, interactive=False)
    if generated_data_exists():
        print("Esbjerg-scale data already generated.", flush=True)
        return
    started = time.perf_counter()
    call_command("load_demo", stdout=StringIO())
    print(f"load_demo: {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    call_command("generate_data", scale="esbjerg", seed=1, stdout=StringIO())
    print(f"generate_data --scale esbjerg: {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def floor() -> dict:
    from django.db import connection, transaction

    from samskab.booking.models import Booking

    with connection.cursor() as cursor:
        count_seconds, _ = timed(
            lambda: cursor.execute("SELECT count(*) FROM booking_booking") or cursor.fetchone()
        )

    def stream() -> int:
        rows = Booking.objects.order_by().values_list("created_at", flat=True)
        return sum(1 for _ in rows.iterator(chunk_size=5000))

    with transaction.atomic():
        stream_seconds, rows = timed(stream)
    return {"count": count_seconds, "stream": stream_seconds, "rows": rows}


def row_counts() -> dict:
    from samskab.booking.models import Booking
    from samskab.ideas.models import Idea
    from samskab.volunteering.models import HoursEntry

    return {
        "bookings": Booking.objects.count(),
        "hours entries": HoursEntry.objects.count(),
        "ideas": Idea.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regenerate", action="store_true", help="a fresh database first")
    arguments = parser.parse_args()
    configure(
        os.environ.get("RESULTS_BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        fresh=arguments.regenerate,
    )
    prepare()

    from django.db import transaction
    from django.utils import timezone

    from samskab.results import services
    from samskab.results.models import Indicator, Observation

    now = timezone.now()
    services.sync_declared(now=now)
    indicators = list(Indicator.objects.exclude(key="").order_by("pk"))
    print("Rows:", ", ".join(f"{count:,} {name}" for name, count in row_counts().items()))

    table = []
    for indicator in indicators:
        with transaction.atomic():
            read_seconds, facts = timed(
                lambda indicator=indicator: sum(1 for _ in indicator.declared.facts(None, now))
            )
        scratch_seconds, _ = timed(
            lambda indicator=indicator: services.compute(
                indicator=indicator, now=now, from_scratch=True
            )
        )
        table.append([indicator.key, facts, read_seconds, scratch_seconds])
    round_seconds = {}
    for indicator in indicators:
        round_seconds[indicator.key], _ = timed(
            lambda indicator=indicator: services.compute(indicator=indicator, now=now)
        )
    total_round, _ = timed(lambda: services.compute_all(now=now))
    measured_floor = floor()

    print()
    print("| indicator | facts | reading s | from scratch s | a round s |")
    print("|---|---:|---:|---:|---:|")
    for key, facts, read_seconds, scratch_seconds in table:
        print(
            f"| {key} | {facts:,} | {read_seconds:.2f} | {scratch_seconds:.2f} "
            f"| {round_seconds[key]:.2f} |"
        )
    print(
        f"| **all** | {sum(row[1] for row in table):,} | {sum(row[2] for row in table):.2f} "
        f"| {sum(row[3] for row in table):.2f} | {sum(round_seconds.values()):.2f} |"
    )
    print()
    print(f"compute_all() round, timed whole: {total_round:.2f} s")
    print(f"Figures stored: {Observation.objects.count():,}")
    print(
        f"Floor: SELECT count(*) over {measured_floor['rows']:,} bookings "
        f"{measured_floor['count']:.3f} s; streaming one column of them into Python "
        f"{measured_floor['stream']:.2f} s"
    )


if __name__ == "__main__":
    main()
