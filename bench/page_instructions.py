#!/usr/bin/env python3
"""How many machine instructions Python spends to build a page without any cache: the same
pages and set-up as ``page_cost.py``, counted by valgrind's callgrind instead of timed.

    .venv/bin/python bench/page_instructions.py [--runs 5] [--only LABEL …] [--database-url …]

A count does not depend on what else the machine does (the same code, data and input give
the same count within a fraction of a per cent), so old and new code can be compared on a
busy machine where times vary by half from one minute to the next. Only this process is
counted: PostgreSQL's work is not (``page_cost.py`` shows its share of the time). Each page
runs in a process of its own under ``valgrind --tool=callgrind --instr-atstart=no``;
counting is switched on (``callgrind_control -i on``) after the set-up and three warm-up
requests, and off after ``--runs`` requests. About 30 s a page. Needs valgrind (Debian's
package).
"""

import argparse
import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def measure_here(
    label: str,
    runs: int,
    database_url: str,
    *,
    with_cache: bool,
    redis_url: str | None,
    logged_in: bool,
    first_visit: bool = False,
) -> None:
    """Inside valgrind: set up, warm up, count ``runs`` requests of one page."""
    import page_cost

    # The parent collected the static files.
    page_cost.setup(database_url, with_cache=with_cache, redis_url=redis_url, collect_static=False)
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if logged_in:
        page_cost.log_in(client)
    path = dict(page_cost.pages())[label]
    for _ in range(3):
        assert client.get(path).status_code == 200, path
    # A full garbage collection owed to the set-up's allocations would otherwise fall on
    # whichever counted request crosses the threshold (about 90 M instructions at once).
    gc.collect()
    control = [shutil.which("callgrind_control") or "callgrind_control", "-i"]
    pid = str(os.getpid())
    if first_visit:
        # Counting is switched on for each request alone: forgetting is not the page's cost.
        for _ in range(runs):
            page_cost.forget_kept_pages()
            subprocess.run([*control, "on", pid], check=True, capture_output=True)  # noqa: S603 (fixed command line, no shell)
            client.get(path)
            subprocess.run([*control, "off", pid], check=True, capture_output=True)  # noqa: S603 (fixed command line, no shell)
        return
    subprocess.run([*control, "on", pid], check=True, capture_output=True)  # noqa: S603 (fixed command line, no shell)
    for _ in range(runs):
        client.get(path)
    subprocess.run([*control, "off", pid], check=True, capture_output=True)  # noqa: S603 (fixed command line, no shell)


def count(
    label: str,
    runs: int,
    database_url: str,
    *,
    with_cache: bool = False,
    redis_url: str | None = None,
    logged_in: bool = False,
    first_visit: bool = False,
) -> float:
    """Millions of instructions per request of one page."""
    result = subprocess.run(  # noqa: S603 (our own fixed command line, no shell)
        [
            shutil.which("valgrind") or "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--inside",
            label,
            "--runs",
            str(runs),
            "--database-url",
            database_url,
            *(["--with-cache"] if with_cache else []),
            *(["--redis-url", redis_url] if redis_url else []),
            *(["--logged-in"] if logged_in else []),
            *(["--first-visit"] if first_visit else []),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    collected = [line for line in result.stderr.splitlines() if "Collected :" in line]
    return int(collected[-1].split()[-1]) / runs / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/samskab_bench"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="+", metavar="LABEL")
    parser.add_argument(
        "--with-cache",
        action="store_true",
        help="With a warm local-memory cache instead of none, as page_cost.py's option: "
        "what kept fragments save (turn kept pages and result regions off with "
        "PUBLIC_PAGE_CACHE_SECONDS=0 CATALOGUE_RESULTS_CACHE_SECONDS=0 to see the cards').",
    )
    parser.add_argument(
        "--redis-url",
        help="With the shared Redis cache as deployed (a bench database of its own, e.g. "
        "redis://127.0.0.1:6379/11, emptied for each page) instead of none: what a page "
        "kept in it costs.",
    )
    parser.add_argument(
        "--logged-in",
        action="store_true",
        help="As a logged-in person, as page_cost.py's option (pages never kept whole; with "
        "--redis-url, what such a person's page costs once its parts are kept).",
    )
    parser.add_argument(
        "--first-visit",
        action="store_true",
        help="With --redis-url, as page_cost.py's option: the first visit to each address "
        "(kept pages and result regions forgotten before each request, shared parts kept).",
    )
    parser.add_argument("--inside", metavar="LABEL", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.inside:
        measure_here(
            options.inside,
            options.runs,
            options.database_url,
            with_cache=options.with_cache,
            redis_url=options.redis_url,
            logged_in=options.logged_in,
            first_visit=options.first_visit,
        )
        return 0
    if options.first_visit and not options.redis_url:
        parser.error("--first-visit needs --redis-url")
    if not shutil.which("valgrind"):
        parser.error("valgrind is not installed (Debian: apt-get install valgrind)")

    import page_cost

    page_cost.setup(options.database_url)  # collects the static files once, for all pages
    labels = options.only or [label for label, _path in page_cost.pages()]
    print(f"{'page':<22} {'M instructions':>15}")
    for label in labels:
        figure = count(
            label,
            options.runs,
            options.database_url,
            with_cache=options.with_cache,
            redis_url=options.redis_url,
            logged_in=options.logged_in,
            first_visit=options.first_visit,
        )
        print(f"{label:<22} {figure:>15.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
