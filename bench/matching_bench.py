"""How long "Suggested for you" takes for one volunteer with 5,000 open opportunities.

    .venv/bin/python bench/matching_bench.py                 # generate once, then time
    .venv/bin/python bench/matching_bench.py --runs 100
    .venv/bin/python bench/matching_bench.py --regenerate    # drop the generated rows first

It uses its own PostgreSQL database (``MATCHING_BENCH_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/samskab_matching_bench), created and migrated when
missing, with DEBUG off. The first run generates, with bulk inserts and ids read back:

- 300 approved organisations, 5,000 published opportunities (a third ongoing roles, the rest
  one-off tasks; spread over the municipality's towns, one in ten from home, some with their
  own coordinates; 1–3 skills, 1–3 interests, 1–2 focus areas each);
- 50,000 shifts over the coming year, each with its booking slot (2–6 places, one in
  twenty cancelled), so every opportunity is open;
- 200 open needs in the coming two weeks, each with its slot (no waiting list);
- 12 volunteers whose profiles range from one town and one interest to everything, plus
  one with no towns and no availability (then every opportunity is a candidate).

Generated rows are recognisable: organisations' slugs start with ``bench-match-``, users'
emails end in ``@matching-bench.invalid``. The same seed gives the same rows.

Then ``samskab.matching.selectors.suggestions_for`` is called ``--runs`` times for each
volunteer after one warm-up call, and the median and 95th percentile per volunteer and
overall are printed, with the number of queries one call makes.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samskab_matching_bench"
SLUG_PREFIX = "bench-match-"
EMAIL_DOMAIN = "matching-bench.invalid"

OPPORTUNITIES = 5_000
SHIFTS_PER_OPPORTUNITY = 10
ORGANISATIONS = 300
NEEDS = 200


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


def generated_exists() -> bool:
    from samskab.organisations.models import Organisation

    return Organisation.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def drop_generated() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from samskab.booking.models import Slot
    from samskab.needs.models import Need
    from samskab.organisations.models import Organisation
    from samskab.volunteering.models import Opportunity, Shift

    organisations = Organisation.objects.filter(slug__startswith=SLUG_PREFIX)
    shift_ids = Shift.objects.filter(opportunity__organisation__in=organisations).values("pk")
    need_ids = Need.objects.filter(organisation__in=organisations).values("pk")
    Slot.objects.filter(
        content_type=ContentType.objects.get_for_model(Shift), object_id__in=shift_ids
    ).delete()
    Slot.objects.filter(
        content_type=ContentType.objects.get_for_model(Need), object_id__in=need_ids
    ).delete()
    Need.objects.filter(organisation__in=organisations).delete()
    Opportunity.objects.filter(organisation__in=organisations).delete()
    organisations.delete()
    get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()


def _reference_rows():
    from samskab.activities.models import Interest, Town
    from samskab.vision.models import FocusArea
    from samskab.volunteering.models import Skill

    if not FocusArea.objects.exists():
        from samskab.vision.demo import load_vision_demo

        load_vision_demo()
    areas = list(FocusArea.objects.order_by("pk"))
    return areas, list(Town.objects.all()), list(Skill.objects.all()), list(Interest.objects.all())


def _local(day, hour: int):
    from django.utils import timezone

    return timezone.make_aware(
        datetime.combine(day, clock_time(hour)), timezone.get_current_timezone()
    )


def generate(seed: int = 1) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from samskab.booking.models import Slot
    from samskab.needs.models import Need
    from samskab.organisations.models import Organisation
    from samskab.volunteering.models import (
        AVAILABILITY_CODES,
        Opportunity,
        Shift,
        VolunteerProfile,
    )

    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not secrets
    areas, towns, skills, interests = _reference_rows()
    today = timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Bench forening {n}",
                    slug=f"{SLUG_PREFIX}{n}",
                    type=Organisation.Type.ASSOCIATION,
                    description="Genereret til benchmark.",
                    description_da="Genereret til benchmark.",
                    contact_name="Bench",
                    contact_email=f"org{n}@{EMAIL_DOMAIN}",
                    town="Esbjerg",
                    status=Organisation.Status.APPROVED,
                )
                for n in range(ORGANISATIONS)
            ]
        )
        opportunities = []
        for n in range(OPPORTUNITIES):
            town = rng.choice(towns)
            from_home = rng.random() < 0.1
            own_place = not from_home and rng.random() < 0.2
            title = f"Frivillig opgave {n}"
            opportunities.append(
                Opportunity(
                    organisation=rng.choice(organisations),
                    kind=Opportunity.Kind.ONGOING if n % 3 == 0 else Opportunity.Kind.AD_HOC,
                    title=title,
                    title_da=title,
                    slug=f"frivillig-opgave-{n}",
                    description="Genereret til benchmark.",
                    description_da="Genereret til benchmark.",
                    from_home=from_home,
                    town=None if from_home else town,
                    latitude=town.latitude + rng.uniform(-0.01, 0.01) if own_place else None,
                    longitude=town.longitude + rng.uniform(-0.01, 0.01) if own_place else None,
                    is_published=True,
                )
            )
        opportunities = Opportunity.objects.bulk_create(opportunities, batch_size=1000)
        Opportunity.focus_areas.through.objects.bulk_create(
            [
                Opportunity.focus_areas.through(opportunity_id=o.pk, focusarea_id=area.pk)
                for o in opportunities
                for area in rng.sample(areas, rng.randint(1, min(2, len(areas))))
            ],
            batch_size=5000,
        )
        Opportunity.skills.through.objects.bulk_create(
            [
                Opportunity.skills.through(opportunity_id=o.pk, skill_id=skill.pk)
                for o in opportunities
                for skill in rng.sample(skills, rng.randint(1, 3))
            ],
            batch_size=5000,
        )
        Opportunity.interests.through.objects.bulk_create(
            [
                Opportunity.interests.through(opportunity_id=o.pk, interest_id=interest.pk)
                for o in opportunities
                for interest in rng.sample(interests, rng.randint(1, 3))
            ],
            batch_size=5000,
        )
        shifts = []
        for o in opportunities:
            first = rng.randint(1, 28)
            hour = rng.choice((9, 10, 13, 16, 18))
            for index in range(SHIFTS_PER_OPPORTUNITY):
                day = today + timedelta(days=first + index * rng.randint(7, 35))
                starts_at = _local(day, hour)
                shifts.append(
                    Shift(
                        opportunity=o, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
                    )
                )
        shifts = Shift.objects.bulk_create(shifts, batch_size=5000)
        shift_type = ContentType.objects.get_for_model(Shift)
        now = timezone.now()
        Slot.objects.bulk_create(
            [
                Slot(
                    content_type=shift_type,
                    object_id=shift.pk,
                    starts_at=shift.starts_at,
                    ends_at=shift.ends_at,
                    capacity=rng.randint(2, 6),
                    cancelled_at=now if rng.random() < 0.05 else None,
                )
                for shift in shifts
            ],
            batch_size=5000,
        )
        needs = []
        for n in range(NEEDS):
            town = rng.choice(towns)
            starts_at = _local(today + timedelta(days=rng.randint(1, 14)), rng.choice((9, 10, 14)))
            title = f"Behov {n}"
            needs.append(
                Need(
                    organisation=rng.choice(organisations),
                    title=title,
                    title_da=title,
                    slug=f"behov-{n}",
                    description="Genereret til benchmark.",
                    description_da="Genereret til benchmark.",
                    town=town,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=2),
                )
            )
        needs = Need.objects.bulk_create(needs)
        Need.focus_areas.through.objects.bulk_create(
            [Need.focus_areas.through(need_id=need.pk, focusarea_id=areas[0].pk) for need in needs]
        )
        Need.skills.through.objects.bulk_create(
            [
                Need.skills.through(need_id=need.pk, skill_id=rng.choice(skills).pk)
                for need in needs
                if rng.random() < 0.5
            ]
        )
        need_type = ContentType.objects.get_for_model(Need)
        Slot.objects.bulk_create(
            [
                Slot(
                    content_type=need_type,
                    object_id=need.pk,
                    starts_at=need.starts_at,
                    ends_at=need.ends_at,
                    capacity=rng.randint(1, 4),
                    waitlist_enabled=False,
                )
                for need in needs
            ]
        )
        password = make_password(None)
        users = get_user_model().objects.bulk_create(
            [
                get_user_model()(
                    email=f"volunteer{n}@{EMAIL_DOMAIN}",
                    display_name=f"Bench frivillig {n}",
                    password=password,
                )
                for n in range(13)
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
        "organisations": len(organisations),
        "opportunities": len(opportunities),
        "shifts": len(shifts),
        "needs": len(needs),
        "volunteers": len(users),
        "seconds": round(time.perf_counter() - started, 1),
    }


# --- timing -----------------------------------------------------------------------------------


def percentile(values, fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_suggestions(runs: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from samskab.matching.selectors import suggestions_for
    from samskab.volunteering.models import Opportunity

    open_count = Opportunity.objects.published().count()
    users = list(get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("pk"))
    print(
        f"Published opportunities: {open_count}; volunteers timed: {len(users)}; runs each: {runs}"
    )
    everything = []
    with translation.override("da"):
        for user in users:
            suggestions_for(user)  # warm-up: connection, caches, query plans
            reset_queries()  # a full log (e.g. after migrate) would hide the new queries
            with CaptureQueriesContext(connection) as queries:
                result = suggestions_for(user)
            durations = []
            for _ in range(runs):
                started = time.perf_counter()
                suggestions_for(user)
                durations.append((time.perf_counter() - started) * 1000)
            everything += durations
            print(
                f"  {user.email:<40} median {statistics.median(durations):6.1f} ms  "
                f"p95 {percentile(durations, 0.95):6.1f} ms  "
                f"queries {len(queries):2d}  suggestions {len(result.items)}"
            )
    print(
        f"All volunteers: median {statistics.median(everything):.1f} ms, "
        f"p95 {percentile(everything, 0.95):.1f} ms, max {max(everything):.1f} ms "
        f"({len(everything)} calls)"
    )
    # The machine is shared: say how busy it was, so figures from different runs compare.
    print("Load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="calls per volunteer (default 50)")
    parser.add_argument("--regenerate", action="store_true", help="drop generated rows first")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()

    configure(os.environ.get("MATCHING_BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    if arguments.regenerate:
        drop_generated()
    if not generated_exists():
        print("Generating…", generate(seed=arguments.seed), flush=True)
        from django.db import connection

        with connection.cursor() as cursor:
            # Fresh statistics and no dead rows from an earlier run, as a live database has.
            cursor.execute("VACUUM ANALYZE")
    time_suggestions(arguments.runs)


if __name__ == "__main__":
    main()
