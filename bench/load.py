#!/usr/bin/env python3
"""Load benchmark: Samskab served by gunicorn against PostgreSQL at Esbjerg scale.

    .venv/bin/python bench/load.py [--workers 3] [--connections 8] [--seconds 15]

1. Creates the PostgreSQL database (default samskab_bench on 127.0.0.1:5432) if needed,
   migrates it and, once, loads the demo and ``generate_data --scale esbjerg``.
2. Counts each page's database queries (bench/query_counts.py, Django's test client).
3. Starts gunicorn with samskab.settings.bench on 127.0.0.1 and, for each page in turn,
   keeps ``--connections`` requests in flight for ``--seconds`` (after a warm-up), from
   threads with keep-alive HTTP connections, and records every request's latency.
4. Prints requests/s, p50 and p99 latency per page, and each page's throughput as a
   share of the framework floor (a view that does nothing, on the same server). Then does
   every page again with the caches off (the catalogue's result cache and the visitors'
   page cache of the activity and organisation pages): every request queries and renders.
   ``--only idea`` measures only the idea pages (list, search, the longest discussion)
   and the floor.

Only 127.0.0.1 is contacted. Everything is bounded: at most ``--seconds`` plus the warm-up
per page and pass, and gunicorn is stopped at the end whatever happens.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/samskab_bench"
HOST = "127.0.0.1"
FLOOR = "/bench/floor/"


def run(*args, env, check=True, capture=False):
    return subprocess.run(  # noqa: S603 (our own fixed command line, no shell)
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=check,
        text=True,
        capture_output=capture,
    )


def sql(database_url: str, statement: str, params=()):
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        return connection.execute(statement, params).fetchall()


def ensure_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            print(f"Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def compile_messages() -> None:
    pybabel = Path(PYTHON).with_name("pybabel")
    for po in ROOT.glob("samskab/**/locale/*/LC_MESSAGES/*.po"):
        subprocess.run(  # noqa: S603 (our own fixed command line, no shell)
            [str(pybabel), "-q", "compile", "-i", str(po), "-o", str(po.with_suffix(".mo"))],
            check=True,
        )


def prepare(env: dict, database_url: str, scale: str = "esbjerg", *, confirm=False) -> None:
    """Create, migrate and fill the database once (``confirm``: the generator's ``--yes``,
    which the national scale asks for)."""
    ensure_database(database_url)
    compile_messages()
    run("migrate", "--noinput", "-v", "0", env=env)
    generated = sql(
        database_url,
        "SELECT 1 FROM organisations_organisation WHERE slug LIKE 'gen-%%' LIMIT 1",
    )
    if generated:
        print("Generated data found; skipping generate_data.")
    else:
        run("load_demo", env=env)
        started = time.monotonic()
        run("generate_data", "--scale", scale, *(["--yes"] if confirm else []), env=env)
        print(f"generate_data --scale {scale} took {time.monotonic() - started:.0f} s")
    run("collectstatic", "--noinput", "-v", "0", env=env)


def pages(database_url: str) -> list[tuple[str, str]]:
    """(label, path) of the pages measured, chosen from the generated data."""
    activity_id, slug = sql(
        database_url,
        "SELECT a.id, a.slug FROM activities_activity a "
        "JOIN catalogue_nextsession n ON n.activity_id = a.id "
        "JOIN organisations_organisation o ON o.id = a.organisation_id "
        "WHERE n.ends_at > now() AND a.participation = 'sign_up' AND o.slug LIKE 'gen-%%' "
        "ORDER BY a.id LIMIT 1",
    )[0]
    (organisation,) = sql(
        database_url,
        "SELECT o.slug FROM organisations_organisation o "
        "WHERE o.slug LIKE 'gen-%%' ORDER BY o.id LIMIT 1",
    )[0]
    today = date.today()
    filters = urlencode(
        {
            "q": "gåtur",
            "free": "1",
            "town": "esbjerg",
            "date_from": today.isoformat(),
            "date_to": (today + timedelta(days=30)).isoformat(),
        }
    )
    # The idea with the longest discussion (the generator makes one of 1,000 top-level
    # comments and more than 1,300 in all at the Esbjerg scale).
    idea_id, idea_title = sql(
        database_url,
        "SELECT id, title FROM ideas_idea WHERE moderation_state = 'published' "
        "ORDER BY comments_count DESC, id LIMIT 1",
    )[0]
    return [
        ("catalogue", "/aktiviteter/"),
        ("catalogue + search", "/aktiviteter/?" + urlencode({"q": "strikkecafé"})),
        ("catalogue + search + filters", "/aktiviteter/?" + filters),
        ("activity page", f"/aktiviteter/{activity_id}-{quote(slug)}/"),
        ("organisation page", f"/foreninger/{quote(organisation)}/"),
        ("idea list", "/ideer/"),
        ("idea list + search, most supported", "/ideer/?" + urlencode(IDEA_SEARCH)),
        ("idea page, longest discussion", f"/ideer/{idea_id}-{idea_slug(idea_title)}/"),
        ("framework floor", FLOOR),
    ]


# A word in many generated ideas' titles, sorted by supports.
IDEA_SEARCH = {"q": "cykelsti", "sort": "supported"}


def idea_slug(title: str) -> str:
    """The idea's address slug, as ``Idea.slug`` makes it (another one redirects)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from samskab.core.text import slugify_da

    return quote(slugify_da(title, 60) or "ide")


# --- the server ------------------------------------------------------------------------------


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start on {HOST}:{port}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, *, port: int, workers: int) -> subprocess.Popen:
    with socket.socket() as probe:
        if probe.connect_ex((HOST, port)) == 0:
            raise RuntimeError(f"Something else already listens on {HOST}:{port}.")
    gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
    process = subprocess.Popen(  # noqa: S603 (our own fixed command line, no shell)
        [
            gunicorn,
            "samskab.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            "1",
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for_port(port)
    except RuntimeError:
        stop(process)
        raise
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


# --- the load ------------------------------------------------------------------------------


@dataclass
class Measurement:
    label: str
    path: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
        return ordered[index] * 1000


def _worker(port, path, deadline, record, stop_event):
    connection = None
    while time.monotonic() < deadline and not stop_event.is_set():
        if connection is None:
            connection = HTTPConnection(HOST, port, timeout=30)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Host": HOST})
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, ConnectionError):
            ok = False
            connection.close()
            connection = None
        record(time.perf_counter() - started, ok)
    if connection is not None:
        connection.close()


def load(port: int, path: str, measurement: Measurement | None, *, connections, seconds):
    """Keep ``connections`` requests to ``path`` in flight for ``seconds``; add what was
    measured to ``measurement`` (None: a warm-up, nothing recorded)."""
    lock = threading.Lock()

    def record(latency, ok):
        if measurement is None:
            return
        with lock:
            if ok:
                measurement.latencies.append(latency)
            else:
                measurement.errors += 1

    stop_event = threading.Event()
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(target=_worker, args=(port, path, deadline, record, stop_event))
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    stop_event.set()
    if measurement is not None:
        measurement.seconds += time.monotonic() - started


# --- reporting -------------------------------------------------------------------------------


def summary(measurement: Measurement) -> dict:
    return {
        "page": measurement.label,
        "path": measurement.path,
        "requests": len(measurement.latencies),
        "errors": measurement.errors,
        "requests_per_second": round(measurement.requests_per_second, 1),
        "p50_ms": round(measurement.percentile(0.5), 1),
        "p99_ms": round(measurement.percentile(0.99), 1),
    }


def table(measurements, counts) -> str:
    lines = [
        "| page | requests/s | p50 ms | p99 ms | errors | queries (cold / warm cache) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for m in measurements:
        count = counts.get(m.path, {})
        queries = f"{count.get('cold', '?')} / {count.get('warm', '?')}" if count else "–"
        lines.append(
            f"| {m.label} | {m.requests_per_second:.0f} | {m.percentile(0.5):.1f} | "
            f"{m.percentile(0.99):.1f} | {m.errors} | {queries} |"
        )
    return "\n".join(lines)


def measure_all(env, selected, *, port, workers, connections, seconds, warmup, rounds):
    """Warm every page up, then measure the pages in turn, ``rounds`` times for
    ``seconds / rounds`` each: interleaving spreads any change in the machine's other
    load over all pages alike, so their ratios stay fair on a shared machine."""
    server = start_gunicorn(env, port=port, workers=workers)
    try:
        for _label, path in selected:  # first requests load code and fill caches
            connection = HTTPConnection(HOST, port, timeout=30)
            try:
                connection.request("GET", path, headers={"Host": HOST})
                response = connection.getresponse()
                response.read()
            finally:
                connection.close()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            load(port, path, None, connections=connections, seconds=warmup)
        measurements = [Measurement(label, path) for label, path in selected]
        for _round in range(rounds):
            for measurement in measurements:
                load(
                    port,
                    measurement.path,
                    measurement,
                    connections=connections,
                    seconds=seconds / rounds,
                )
        return measurements
    finally:
        stop(server)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--rounds", type=int, default=5, help="Interleaved rounds per pass.")
    parser.add_argument("--port", type=int, default=0, help="Default: any free port.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="WORD",
        help="Measure only the pages whose label has one of these words (e.g. idea), "
        "and the framework floor.",
    )
    options = parser.parse_args()
    if urlsplit(options.database_url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("the bench only talks to a database on 127.0.0.1")

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samskab.settings.bench",
        "BENCH_DATABASE_URL": options.database_url,
        "PYTHONPATH": str(ROOT),
    }
    prepare(env, options.database_url)
    selected = pages(options.database_url)
    if options.only:
        selected = [
            (label, path)
            for label, path in selected
            if path == FLOOR or any(word in label for word in options.only)
        ]

    counted = subprocess.run(  # noqa: S603 (our own fixed command line, no shell)
        [PYTHON, str(ROOT / "bench" / "query_counts.py"), *(path for _l, path in selected)],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )
    counts = json.loads(counted.stdout.strip().splitlines()[-1])

    settings = {
        "port": options.port or free_port(),
        "workers": options.workers,
        "connections": options.connections,
        "seconds": options.seconds,
        "warmup": options.warmup,
        "rounds": options.rounds,
    }
    print(
        f"\nLoad: {options.connections} connections, {options.workers} gunicorn workers, "
        f"{options.seconds:.0f} s per page in {options.rounds} interleaved rounds after "
        f"{options.warmup:.0f} s warm-up, "
        f"on {os.cpu_count()} CPUs. Load average before: {os.getloadavg()[0]:.2f}"
    )
    measurements = measure_all(env, selected, **settings)
    print("\nAs deployed (catalogue result cache and visitors' page cache on):\n")
    print(table(measurements, counts))

    uncached_env = {
        **env,
        "CATALOGUE_RESULTS_CACHE_SECONDS": "0",
        "PUBLIC_PAGE_CACHE_SECONDS": "0",
    }
    uncached = measure_all(uncached_env, selected, **settings)
    print("\nWith the caches off (every request queries the database and renders):\n")
    print(table(uncached, counts))

    floor = measurements[-1].requests_per_second
    print()
    for name, results in (("cache on", measurements), ("cache off", uncached)):
        pass_floor = results[-1].requests_per_second or floor
        for m in results[:-1]:
            print(
                f"{m.label} ({name}): {m.requests_per_second / pass_floor:.0%} of the "
                f"framework floor ({pass_floor:.0f} requests/s)"
            )
    print(f"Load average after: {os.getloadavg()[0]:.2f}")
    if options.json:
        options.json.write_text(
            json.dumps(
                {
                    "settings": {key: value for key, value in settings.items() if key != "port"},
                    "queries": counts,
                    "cache_on": [summary(m) for m in measurements],
                    "cache_off": [summary(m) for m in uncached],
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
