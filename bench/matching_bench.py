"""How long "Suggested for you" takes for one volunteer with 5,000 open opportunities.

    .venv/bin/python bench/matching_bench.py                 # generate once, then time
    .venv/bin/python bench/matching_bench.py --runs 100
    .venv/bin/python bench/matching_bench.py --regenerate    # drop the generated rows first
    .venv/bin/python bench/matching_bench.py --gc-freeze     # as a preloading server may run

It uses its own PostgreSQL database (``MATCHING_BENCH_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/samskab_matching_bench), created and migrated when
missing, with DEBUG off. The first run generates, with ``generate_data``'s generator
(``samskab.demo.generator``) at the Esbjerg scale without its activities, i.e. the
volunteering half (``generate_volunteering``, bulk COPY):

- 1,500 approved organisations and 40,000 people, 4,000 of them with volunteer profiles;
- 5,000 published opportunities (a third ongoing roles, the rest one-off tasks; spread over
  the municipality's towns, about one in ten from home, some with their own coordinates;
  skills, interests, languages and 1–2 focus areas each);
- 50,000 shifts, each with its booking slot (1–10 places, one in fifty cancelled) and its
  sign-ups (some full, some with a waiting list): the ongoing roles' weekly from up to four
  months ago (with attendance and hours on those that have ended), the one-off tasks' all
  in the coming four weeks, so that all 5,000 opportunities are open (the run prints how
  many);
- 500 needs in the coming three weeks and the past two months, each with its slot (no
  waiting list) and the volunteers who accepted;
- then 12 volunteers of its own whose profiles range from one town and one interest to
  everything, plus one with no towns and no availability (then every opportunity is a
  candidate).

Generated rows are recognisable: organisations' slugs start with ``gen-``, generated
people's emails end in ``@generated.invalid`` and the 13 timed volunteers' in
``@matching-bench.invalid``. The same seed gives the same rows.

Then ``samskab.matching.selectors.suggestions_for`` is called ``--runs`` times for each
volunteer after one warm-up call, and the median and 95th percentile of the wall-clock time
per volunteer and overall are printed, with the number of queries one call makes, the
Python process's own CPU time (what the code costs here, whatever else the shared machine
is doing) and the load average during the run.
"""

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samskab_matching_bench"
EMAIL_DOMAIN = "matching-bench.invalid"
# Organisations of the bench's own generator before it used generate_data's.
LEGACY_SLUG_PREFIX = "bench-match-"
VOLUNTEERS = 13


def configure(database_url: str) -> None:
    sys.path.insert(0, str(PROJECT_DIR))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings.dev")
    ensure_database(database_url)
    import django

    django.setup()


def ensure_database(database_url: str) -> None:
    """Create the bench database on the local server when it does not exist."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


# --- generating -------------------------------------------------------------------------------


def bench_scale():
    """generate_data's Esbjerg scale without the activities (its volunteering half), with
    every one-off task's shifts in the coming four weeks, so all 5,000 opportunities are
    open, as the issue's figure asks."""
    from dataclasses import replace

    from samskab.demo.generator import SCALES

    return replace(
        SCALES["esbjerg"],
        name="matching-bench",
        activities=0,
        sessions=0,
        signups=0,
        one_off_days=(1, 28),
    )


def generated_exists() -> bool:
    from django.contrib.auth import get_user_model

    from samskab.demo.generator import generated_data_exists

    volunteers = get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    return generated_data_exists() and volunteers.count() == VOLUNTEERS


def _delete_rows(queryset) -> None:
    """Delete the rows of ``queryset`` in one statement. Unlike ``QuerySet.delete()`` this
    neither loads the rows nor sends a signal per row (each change would bump the page
    cache after commit: minutes for the bench's 160,000 sign-ups); like the generator's
    inserts, it leaves related rows to the caller."""
    from django.db import connection

    meta = queryset.model._meta
    sql, params = queryset.values("pk").query.sql_with_params()
    table, pk = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({sql})", params)  # noqa: S608


def drop_generated() -> None:
    """Delete every generated row (also those of the bench's earlier generator), the rows
    that point to others first."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import Q

    from samskab.booking.models import Booking, Slot
    from samskab.demo.generator import GENERATED_EMAIL_DOMAIN, GENERATED_SLUG_PREFIX
    from samskab.needs.models import Need, NeedAlert
    from samskab.organisations.models import Organisation
    from samskab.volunteering.models import (
        HoursEntry,
        Opportunity,
        Shift,
        VolunteerMessage,
        VolunteerProfile,
    )

    organisations = Organisation.objects.filter(
        Q(slug__startswith=GENERATED_SLUG_PREFIX) | Q(slug__startswith=LEGACY_SLUG_PREFIX)
    )
    people = get_user_model().objects.filter(
        Q(email__endswith=f"@{EMAIL_DOMAIN}") | Q(email__endswith=f"@{GENERATED_EMAIL_DOMAIN}")
    )
    opportunities = Opportunity.objects.filter(organisation__in=organisations)
    shifts = Shift.objects.filter(opportunity__in=opportunities)
    needs = Need.objects.filter(organisation__in=organisations)
    profiles = VolunteerProfile.objects.filter(user__in=people)
    slots = Slot.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(Shift), object_id__in=shifts.values("pk"))
        | Q(content_type=ContentType.objects.get_for_model(Need), object_id__in=needs.values("pk"))
    )
    with transaction.atomic():
        _delete_rows(
            HoursEntry.objects.filter(Q(organisation__in=organisations) | Q(volunteer__in=people))
        )
        _delete_rows(Booking.objects.filter(Q(slot__in=slots) | Q(user__in=people)))
        _delete_rows(slots)
        _delete_rows(NeedAlert.objects.filter(Q(need__in=needs) | Q(volunteer__in=people)))
        _delete_rows(Need.focus_areas.through.objects.filter(need__in=needs))
        _delete_rows(Need.skills.through.objects.filter(need__in=needs))
        _delete_rows(needs)
        _delete_rows(VolunteerMessage.objects.filter(opportunity__in=opportunities))
        _delete_rows(shifts)
        for name in ("focus_areas", "skills", "interests", "languages"):
            through = getattr(Opportunity, name).through
            _delete_rows(through.objects.filter(opportunity__in=opportunities))
        _delete_rows(opportunities)
        for name in ("towns", "interests", "skills", "languages"):
            through = getattr(VolunteerProfile, name).through
            _delete_rows(through.objects.filter(volunteerprofile__in=profiles))
        _delete_rows(profiles)
        # What is left points to few rows: the ORM deletes it with everything it refers to.
        organisations.delete()
        people.delete()


def _reference_rows():
    from samskab.reference.models import Interest, Skill, Town
    from samskab.vision.models import FocusArea

    if not FocusArea.objects.exists():
        from samskab.demo.loaders.vision import load_vision_demo

        load_vision_demo()
    return (
        list(Town.objects.order_by("pk")),
        list(Skill.objects.order_by("pk")),
        list(Interest.objects.order_by("pk")),
    )


def generate(seed: int = 1) -> dict:
    """The volunteering half of the Esbjerg scale, then the timed volunteers."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from samskab.demo import generator
    from samskab.volunteering.models import AVAILABILITY_CODES, VolunteerProfile

    towns, skills, interests = _reference_rows()
    started = time.perf_counter()
    counts = generator.generate(
        scale=bench_scale(), seed=seed, write=lambda line: print(line, flush=True)
    )
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not secrets
    with transaction.atomic():
        password = make_password(None)
        users = get_user_model().objects.bulk_create(
            [
                get_user_model()(
                    email=f"volunteer{n}@{EMAIL_DOMAIN}",
                    display_name=f"Bench frivillig {n}",
                    password=password,
                )
                for n in range(VOLUNTEERS)
            ]
        )
        for n, user in enumerate(users):
            profile = VolunteerProfile.objects.create(
                user=user,
                ad_hoc_alerts=True,
                availability=[] if n == 12 else rng.sample(AVAILABILITY_CODES, 1 + n),
            )
            if n < 12:
                profile.towns.set(rng.sample(towns, 1 + n % 3))
            profile.interests.set(rng.sample(interests, 1 + n % 4))
            profile.skills.set(rng.sample(skills, n % 4))
    return {
        **counts,
        "timed volunteers": len(users),
        "seconds": round(time.perf_counter() - started, 1),
    }


# --- timing -----------------------------------------------------------------------------------


def percentile(values, fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def open_opportunities(published) -> int:
    """How many of the published opportunities "Suggested for you" counts as open: ongoing
    roles, and one-off tasks with a shift that is not cancelled within its horizon."""
    from django.db.models import Exists, OuterRef, Q
    from django.utils import timezone

    from samskab.matching.selectors import HORIZON
    from samskab.volunteering.models import Opportunity, Shift

    now = timezone.now()
    coming = Shift.objects.filter(
        opportunity=OuterRef("pk"),
        starts_at__gte=now,
        starts_at__lt=now + HORIZON,
        booking_slots__cancelled_at__isnull=True,
    )
    return published.filter(Q(kind=Opportunity.Kind.ONGOING) | Exists(coming)).count()


def time_suggestions(runs: int, *, gc_freeze: bool = False) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from samskab.matching.selectors import suggestions_for
    from samskab.volunteering.models import Opportunity

    published = Opportunity.objects.published()
    users = list(get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("pk"))
    print(
        f"Published opportunities: {published.count()} (open: {open_opportunities(published)}); "
        f"volunteers timed: {len(users)}; runs each: {runs}; "
        f"gc.freeze(): {'yes' if gc_freeze else 'no'}"
    )
    if gc_freeze:
        # What is loaded at start-up stays out of the collector's full passes.
        gc.collect()
        gc.freeze()
    everything = []
    all_cpu = []
    with translation.override("da"):
        for user in users:
            suggestions_for(user)  # warm-up: connection, caches, query plans
            reset_queries()  # a full log (e.g. after migrate) would hide the new queries
            with CaptureQueriesContext(connection) as queries:
                result = suggestions_for(user)
            durations = []
            python_cpu = []
            for _ in range(runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                suggestions_for(user)
                durations.append((time.perf_counter() - started) * 1000)
                python_cpu.append((time.process_time() - started_cpu) * 1000)
            everything += durations
            all_cpu += python_cpu
            print(
                f"  {user.email:<40} median {statistics.median(durations):6.1f} ms  "
                f"p95 {percentile(durations, 0.95):6.1f} ms  "
                f"(Python CPU {statistics.median(python_cpu):5.1f} ms)  "
                f"queries {len(queries):2d}  suggestions {len(result.items)}"
            )
    print(
        f"All volunteers: median {statistics.median(everything):.1f} ms, "
        f"p95 {percentile(everything, 0.95):.1f} ms, max {max(everything):.1f} ms "
        f"({len(everything)} calls); Python CPU median {statistics.median(all_cpu):.1f} ms"
    )
    # The machine is shared: say how busy it was, so figures from different runs compare.
    print("Load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="calls per volunteer (default 50)")
    parser.add_argument("--regenerate", action="store_true", help="drop generated rows first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="call gc.freeze() after start-up, as a server that preloads the app may",
    )
    arguments = parser.parse_args()

    configure(os.environ.get("MATCHING_BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    if arguments.regenerate or not generated_exists():
        drop_generated()
    if not generated_exists():
        print("Generating…", flush=True)
        print("Generated:", generate(seed=arguments.seed), flush=True)
        from django.db import connection

        with connection.cursor() as cursor:
            # Fresh statistics and no dead rows from an earlier run, as a live database has.
            cursor.execute("VACUUM ANALYZE")
    time_suggestions(arguments.runs, gc_freeze=arguments.gc_freeze)


if __name__ == "__main__":
    main()
