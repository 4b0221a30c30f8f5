"""PostgreSQL restarted (``pg_ctl stop -m fast``, a few seconds down, started again) while
citizens sign up through nginx: every request in the outage gets the friendly 503 page,
never the 500 page; every sign-up the citizen saw acknowledged (its redirect) is in the
database afterwards, and its confirmation email arrives; the site and the workers recover
by themselves."""

import threading
import time
from collections import Counter

import pytest

from tests.stack.client import Visitor, run_load, wait_for
from tests.stack.traffic import signing_up

pytestmark = pytest.mark.stack

CONNECTIONS = 8
BEFORE = 4.0  # seconds of sign-ups before the database goes down
DOWN = 3.0  # seconds it stays down
AFTER = 6.0  # seconds of sign-ups after it is back (at least)
ACTIVE_STATUSES = "('pending', 'confirmed', 'waitlisted', 'offered')"


def test_sign_ups_survive_a_database_restart(stack, seeded, figures):
    people = seeded["people"][16:]
    proxy = stack.ports.proxy
    step = signing_up(proxy, people, seeded["slots"], CONNECTIONS)
    stop = threading.Event()
    events = {}

    def restart():
        time.sleep(BEFORE)
        events["down"], events["up"] = stack.restart_postgres(
            down_seconds=DOWN, while_down=lambda: events.update(page=Visitor(proxy).get("/en/"))
        )
        time.sleep(AFTER)
        stop.set()

    fault = threading.Thread(target=restart)
    fault.start()
    try:
        load = run_load(
            step, connections=CONNECTIONS, seconds=BEFORE + DOWN + AFTER + 60, stop=stop
        )
    finally:
        stop.set()
        fault.join()

    statuses = load.statuses()
    acknowledged = {item.label for item in load.sent if item.status == 302}
    in_outage = [item for item in load.sent if events["down"] <= item.at < events["up"]]
    recovered = [item for item in load.sent if item.at >= events["up"] and item.status == 302]
    recovery_seconds = (
        recovered[0].at + recovered[0].seconds - events["up"] if recovered else float("inf")
    )
    person_ids = ",".join(str(person["id"]) for person in people)
    stored = set(
        stack.psql(
            "SELECT user_id || ':' || slot_id FROM booking_booking "  # noqa: S608 (our ids)
            f"WHERE user_id IN ({person_ids}) AND status IN {ACTIVE_STATUSES}"
        ).split()
    )
    # Every acknowledged sign-up's confirmation, sent by the workers from the outbox.
    emails = {person["id"]: person["email"] for person in people}
    expected = Counter(emails[int(label.split(":")[0])] for label in acknowledged)

    def confirmations_missing() -> int:
        received = Counter(message["To"] for message in stack.emails())
        return sum(max(0, count - received[email]) for email, count in expected.items())

    waited = time.monotonic()
    wait_for(
        lambda: confirmations_missing() == 0,
        timeout=240,
        what="a confirmation email for every acknowledged sign-up",
    )
    emails_seconds = time.monotonic() - waited
    figures(
        "PostgreSQL restarted under sign-ups (through nginx)",
        {
            **load.summary(accepted=(302, 503)),
            "outage_s": round(events["up"] - events["down"], 1),
            "requests_sent_in_outage": len(in_outage),
            "acknowledged_sign_ups": len(acknowledged),
            "acknowledged_and_stored": len(acknowledged & stored),
            "recovery_s_from_database_up_to_first_acknowledged_sign_up": round(recovery_seconds, 2),
            "confirmation_emails_all_delivered_s_after_the_load": round(emails_seconds, 1),
        },
    )

    assert events["page"].status == 503
    assert "<h1>Samskab is not available right now</h1>" in events["page"].text
    assert set(statuses) <= {302, 503}, statuses
    assert statuses[503] > 0, "no request met the outage"
    assert acknowledged - stored == set()
    assert recovery_seconds < 5
