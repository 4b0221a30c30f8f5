"""OpenActive's own validators walk the feeds of a live server with demo-like data: the
RPDE validator (paging, order, ``next``, the last page, cache headers) and the data model
validator (every updated item, and the dataset page's Dataset), pinned in
tools/openactive. Zero failures and zero errors; anything they say is printed."""

import fcntl
import json
import shutil
import subprocess
from datetime import time
from pathlib import Path

import pytest
from django.urls import reverse

from samskab.activities import services
from samskab.activities.models import Activity
from samskab.booking import services as booking_services
from samskab.openactive import publishing
from samskab.openactive.models import InterestConcept
from samskab.openactive.tests.helpers import GROUP_EXERCISE
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    InterestFactory,
    UserFactory,
    make_municipal_staff,
    one_off,
    town,
    weekly,
)

TOOL = Path(__file__).resolve().parents[3] / "tools" / "openactive"
DANCE = "https://openactive.io/activity-list#6ca15167-51da-4d91-a1ae-8a45dc47b0ea"

pytestmark = pytest.mark.django_db(transaction=True)


def ensure_installed() -> None:
    """``npm ci`` in tools/openactive unless its packages are there (``make test`` does it
    first)."""
    installed = TOOL / "node_modules" / "@openactive" / "rpde-validator" / "package.json"
    if installed.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("The OpenActive validators need Node.js 20 or later and npm.")
    with open(TOOL / ".npm-ci.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not installed.exists():
            subprocess.run(
                [npm, "ci", "--prefix", str(TOOL), "--no-audit", "--no-fund", "--loglevel=error"],
                check=True,
                timeout=300,
            )


def demo_like_data():
    """Activities as the demo has them: weekly and single dates, sign-up with places and
    drop-in, free and paid, people signed up, a cancelled date, a deleted activity, an
    unpublished one, and activities that are not physical activities."""
    exercise = InterestFactory(slug="exercise", name_da="Motion", name_en="Exercise")
    InterestConcept.objects.get_or_create(
        interest=exercise, defaults={"concept_id": GROUP_EXERCISE}
    )
    dance = InterestFactory(slug="dance", name_da="Dans", name_en="Dance")
    InterestConcept.objects.get_or_create(interest=dance, defaults={"concept_id": DANCE})
    staff = make_municipal_staff()
    seniors, children = (
        AgeGroupFactory(slug="seniors"),
        AgeGroupFactory(slug="children", name_da="Børn", name_en="Children"),
    )

    gymnastics = ActivityFactory(
        title_da="Seniorgymnastik i hallen",
        interests=[exercise],
        age_groups=[seniors],
        participation=Activity.Participation.SIGN_UP,
        price=40,
        price_note="Kaffe inkluderet",
        step_free_access=True,
        hearing_loop=True,
        accessibility_note="Elevatoren er ved bagindgangen.",
    )
    weekly(gymnastics, weekdays=(2, 4), weeks=3, capacity=12)
    first = gymnastics.sessions.order_by("starts_at").first()
    for person in UserFactory.create_batch(3):
        booking_services.request_booking(slot=first.booking_slot, user=person)
    services.cancel_session(
        session=gymnastics.sessions.order_by("starts_at")[2], reason="Hallen er lukket", by=staff
    )

    folk_dance = ActivityFactory(
        title_da="Folkedans for børn og bedsteforældre",
        interests=[dance, exercise],
        age_groups=[seniors, children],
        street="",
        town=town("esbjerg"),
    )
    one_off(folk_dance, days=5, start=time(16), end=time(17, 30))
    one_off(folk_dance, days=12, start=time(16), end=time(17, 30))

    walking = ActivityFactory(title_da="Gåtur ved havnen", interests=[exercise])
    weekly(walking, weekdays=(6,), weeks=4)
    services.delete_schedule(schedule=walking.schedules.get(), by=staff)
    one_off(walking, days=8)

    stopped = ActivityFactory(title_da="Stoppet zumba", interests=[dance])
    one_off(stopped)
    hidden = ActivityFactory(title_da="Skjult yoga", interests=[exercise])
    one_off(hidden)
    publishing.publish()
    services._delete_activity_now(stopped.pk)
    hidden.is_published = False
    hidden.save()

    knitting = ActivityFactory(title_da="Strikkecafé")  # not a physical activity
    one_off(knitting)
    publishing.publish()


def test_the_openactive_validators_find_no_failures_and_no_errors(live_server):
    ensure_installed()
    demo_like_data()
    feeds = [
        live_server.url + reverse("openactive:session_series_feed"),
        live_server.url + reverse("openactive:scheduled_sessions_feed"),
    ]
    result = subprocess.run(
        [
            "node",
            str(TOOL / "validate-feeds.js"),
            live_server.url + reverse("openactive:dataset"),
            *feeds,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.stdout, result.stderr
    report = json.loads(result.stdout)
    for part in [report["dataset"], *report["feeds"]]:
        for problem in part["problems"]:
            where = f"{problem.get('path') or ''} ({problem['where']})"
            print(f"[{problem['severity']}] {problem['message']} at {where}")
    for error in report["errors"]:
        print(error)
    print(json.dumps(report["counts"]))
    walked = {feed["url"]: (feed["items"], feed["deleted"]) for feed in report["feeds"]}
    print(walked)
    assert report["counts"]["failure"] == 0
    assert report["counts"]["errors"] == 0
    # The walk met every kind of item: updated and deleted in both feeds.
    for items, deleted in walked.values():
        assert items > deleted > 0
    assert result.returncode == 0
