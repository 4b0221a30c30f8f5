"""One app server killed (SIGKILL, with its workers) under load: nginx passes every
request on to the other, and takes the first back when it returns. No request fails."""

import re
import threading
import time

import pytest

from tests.stack.client import run_load
from tests.stack.traffic import browsing

pytestmark = pytest.mark.stack

CONNECTIONS = 16
KILL_AFTER = 5.0
BACK_AFTER = 12.0
SECONDS = 25.0


def test_an_app_server_killed_under_load_fails_no_request(stack, seeded, figures):
    step = browsing(stack.ports.proxy, seeded)
    events = {}

    def kill_and_bring_back():
        time.sleep(KILL_AFTER)
        events["killed"] = time.monotonic()
        stack.kill("app1")
        time.sleep(BACK_AFTER - KILL_AFTER)
        stack.start_app_server(1)
        events["back"] = time.monotonic()

    access_log = stack.logs / "nginx-access.log"
    lines_before = len(access_log.read_text().splitlines())
    fault = threading.Thread(target=kill_and_bring_back)
    started = time.monotonic()
    fault.start()
    try:
        load = run_load(step, connections=CONNECTIONS, seconds=SECONDS)
    finally:
        fault.join()
        if not stack.running("app1"):
            stack.start_app_server(1)

    after_kill = [item for item in load.sent if item.at >= events["killed"]]
    summary = load.summary()
    summary["requests_after_the_kill"] = len(after_kill)
    summary["killed_at_s"] = round(events["killed"] - started, 1)
    summary["back_at_s"] = round(events["back"] - started, 1)
    # nginx logs every app server it tried ("127.0.0.1:47311, 127.0.0.1:47312").
    lines = access_log.read_text().splitlines()[lines_before:]
    summary["passed_on_to_the_other_app_server"] = sum(
        1 for line in lines if re.search(r'"127\.0\.0\.1:\d+, ', line)
    )
    figures("app server killed under load (through nginx)", summary)
    failures = load.failures()
    assert not failures, [(item.status, item.label, item.error) for item in failures[:10]]
    assert len(after_kill) > 100
