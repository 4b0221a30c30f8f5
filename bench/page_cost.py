#!/usr/bin/env python3
"""What a page costs to build when nothing is cached: in process, no server, no cache.

    .venv/bin/python bench/page_cost.py [--runs 30] [--database-url …] [--profile LABEL]

Each page is requested through Django's test client (the whole middleware stack, as a
visitor who is not logged in) against the bench database, with Django's cache replaced by
the dummy cache: every request reads everything it shows from the database and renders
every template. It prints, per page, the median and 90th percentile of the time to answer
(wall clock, in ms), the median CPU time of this process (Python alone: steadier than the
wall clock on a busy machine), the share of the wall clock spent waiting for PostgreSQL,
and the number of queries. ``--profile LABEL`` runs one page under cProfile and prints
where the time goes.

The database is the one ``bench/load.py`` and ``bench/realistic.py`` fill (Esbjerg scale):
run one of them once first.
``--database-url`` measures another (e.g. one generated with ``generate_data --scale 10x``
to see whether the cost grows with the data).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/samskab_bench"


def setup(
    database_url: str,
    *,
    with_cache: bool = False,
    redis_url: str | None = None,
    collect_static: bool = True,
) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "samskab.settings.bench"
    os.environ["BENCH_DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    # The bench settings serve hashed static files, as production does: the pages name them
    # from the manifest, which this writes (or brings up to date).
    if collect_static:
        call_command("collectstatic", interactive=False, verbosity=0)

    if redis_url:
        # The shared cache as deployed (settings/base.py with REDIS_URL), in the bench's own
        # Redis database, emptied first.
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        cache = {
            "BACKEND": "samskab.core.redis_cache.SharedClientRedisCache",
            "LOCATION": redis_url,
        }
    else:
        backend = "locmem.LocMemCache" if with_cache else "dummy.DummyCache"
        cache = {"BACKEND": f"django.core.cache.backends.{backend}"}
    # Django's own handler of this setting's change replaces the cache objects.
    override_settings(CACHES={"default": cache}).enable()


def pages() -> list[tuple[str, str]]:
    """(label, path): a generated activity, organisation, opportunity and idea of middling
    size, and the lists, chosen from the data by fixed rules (the same on every run)."""
    from django.db import connection

    def one(statement: str):
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchone()

    activity_id, activity_slug = one(
        "SELECT a.id, a.slug FROM activities_activity a "
        "JOIN catalogue_nextsession n ON n.activity_id = a.id "
        "JOIN organisations_organisation o ON o.id = a.organisation_id "
        "WHERE n.ends_at > now() AND a.participation = 'sign_up' AND o.slug LIKE 'gen-%' "
        "ORDER BY a.id LIMIT 1"
    )
    (organisation,) = one(
        "SELECT o.slug FROM organisations_organisation o "
        "WHERE o.slug LIKE 'gen-%' ORDER BY o.id LIMIT 1"
    )
    opportunity_id, opportunity_slug = one(
        "SELECT p.id, p.slug FROM volunteering_opportunity p "
        "JOIN organisations_organisation o ON o.id = p.organisation_id "
        "WHERE p.is_published AND o.slug LIKE 'gen-%' ORDER BY p.id LIMIT 1"
    )
    from samskab.ideas.models import Idea
    from samskab.vision.models import FocusArea

    idea = Idea.objects.filter(moderation_state="published").order_by("-comments_count", "pk")[50]
    focus_area = FocusArea.objects.order_by("order", "pk").first()
    return [
        ("activity", f"/aktiviteter/{activity_id}-{quote(activity_slug)}/"),
        ("organisation", f"/foreninger/{quote(organisation)}/"),
        ("opportunity", f"/frivillig/{opportunity_id}/{quote(opportunity_slug)}/"),
        ("idea", idea.get_absolute_url()),
        ("catalogue", "/aktiviteter/"),
        ("catalogue + search", "/aktiviteter/?" + urlencode({"q": "strikkecafé"})),
        ("catalogue, page 5", "/aktiviteter/?page=5"),
        ("volunteering list", "/frivillig/"),
        ("organisation list", "/foreninger/"),
        ("idea list", "/ideer/"),
        ("front page", "/"),
        ("focus area page", focus_area.get_absolute_url()),
        # A view that does nothing, through the same middleware: the part no page can save.
        ("framework floor", "/bench/floor/"),
    ]


def log_in(client) -> None:
    """As the last generated person: an ordinary account with sign-ups of its own."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.filter(is_active=True).order_by("pk").last())


def forget_kept_pages() -> None:
    """Forget every page kept whole for visitors and the catalogue's result regions, but not
    the cards and other parts shared between addresses: the next request is the first visit
    to its address, as most of the realistic mix's are (``bench/realistic.py`` draws
    thousands of addresses, each asked for a few times at most in its two minutes)."""
    from samskab.catalogue.cache import RESULTS
    from samskab.core import extensions

    for _label, page in extensions.declared("cached_pages"):
        page.scope.forget()
    RESULTS.forget()


def measure(client, path: str, runs: int, *, first_visit: bool = False) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm-up: templates compiled, connection open
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    times, cpu, database, queries = [], [], [], 0
    for _ in range(runs):
        if first_visit:
            forget_kept_pages()
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        database.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        queries = len(captured.captured_queries)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p90_ms": times[int(len(times) * 0.9) - 1],
        "cpu_ms": statistics.median(cpu),
        "database_ms": statistics.median(database),
        "queries": queries,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", nargs="+", metavar="WORD")
    parser.add_argument("--profile", metavar="LABEL", help="cProfile one page instead.")
    parser.add_argument(
        "--logged-in",
        action="store_true",
        help="As a logged-in person (a generated account), whose pages are never kept whole.",
    )
    parser.add_argument(
        "--with-cache",
        action="store_true",
        help="With a (warm, local memory) cache instead of none: what kept fragments save.",
    )
    parser.add_argument(
        "--redis-url",
        help="With the shared Redis cache as deployed (a bench database of its own, e.g. "
        "redis://127.0.0.1:6379/11, emptied first) instead of none.",
    )
    parser.add_argument(
        "--first-visit",
        action="store_true",
        help="With --redis-url: the first visit to each address (kept pages and result "
        "regions forgotten before each request, cards and other shared parts kept).",
    )
    options = parser.parse_args()
    if options.first_visit and not options.redis_url:
        parser.error("--first-visit needs --redis-url")
    if urlsplit(options.database_url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("the bench only talks to a database on 127.0.0.1")
    if options.redis_url and urlsplit(options.redis_url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("the bench only talks to a Redis on 127.0.0.1")
    setup(options.database_url, with_cache=options.with_cache, redis_url=options.redis_url)

    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if options.logged_in:
        log_in(client)
    selected = pages()
    if options.profile:
        path = dict(selected)[options.profile]
        for _ in range(3):
            client.get(path)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(options.runs):
            if options.first_visit:
                profiler.disable()
                forget_kept_pages()
                profiler.enable()
            client.get(path)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
        stats.print_stats(60)
        return 0
    if options.only:
        selected = [(label, path) for label, path in selected if label in options.only]
    print(
        f"{'page':<22} {'median ms':>10} {'p90 ms':>8} {'CPU ms':>8} {'of it SQL':>10} "
        f"{'queries':>8}"
    )
    for label, path in selected:
        figures = measure(client, path, options.runs, first_visit=options.first_visit)
        print(
            f"{label:<22} {figures['median_ms']:>10.1f} {figures['p90_ms']:>8.1f} "
            f"{figures['cpu_ms']:>8.1f} {figures['database_ms']:>10.1f} {figures['queries']:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
