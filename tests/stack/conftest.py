"""The production stack (deploy/stack.py) for the fault tests, started once for them all
and stopped, with its temporary directory deleted, whatever happens. Every test module here
is marked ``stack`` (``pytestmark``): ``make test`` leaves them out, ``make stack-test`` runs them.

STACK_KEEP=1 keeps the directory (logs, database) for a look after a failure.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deploy.stack import ROOT, Stack
from tests.stack.client import wait_for

HERE = Path(__file__).resolve().parent
# Logged-in citizens the tests share out (each sign-up load uses its own).
PEOPLE = 64
# A job whose worker died is handed to another after TASK_RETRY seconds (300 in production);
# shorter here so the worker test does not wait minutes. TASK_TIMEOUT must stay below it.
TASK_TIMEOUT = 10
TASK_RETRY = 12

_figures_key = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def stack():
    # A CI job that is cancelled sends SIGTERM: stop the stack on the way out.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    instance = Stack(
        keep=bool(os.environ.get("STACK_KEEP")),
        extra_env={"TASK_TIMEOUT": str(TASK_TIMEOUT), "TASK_RETRY": str(TASK_RETRY)},
    )
    try:
        instance.start()
        yield instance
    finally:
        instance.stop()
        signal.signal(signal.SIGTERM, previous)
        if instance.keep:
            print(f"\nThe stack's directory is kept: {instance.directory}")


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def tasks_waiting(stack: Stack) -> int:
    """Tasks in the queue that no worker has taken."""
    return int(stack.psql("SELECT count(*) FROM django_q_ormq WHERE lock <= now()"))


@pytest.fixture(scope="session")
def seeded(stack, request):
    """People already logged in, open sign-up slots, and an activity page with places.

    Waits until the workers have taken every task load_demo left them (its sign-ups'
    emails), so the figures measure the site, not the demo's start-up."""
    queued = int(stack.psql("SELECT count(*) FROM django_q_ormq"))
    started = time.monotonic()
    wait_for(
        lambda: tasks_waiting(stack) == 0,
        timeout=400,
        what="the workers to take every task load_demo left",
    )
    request.config.stash.setdefault(_figures_key, {})["queue after load_demo"] = {
        "tasks_waiting_when_the_stack_was_up": queued,
        "all_taken_after_s": round(time.monotonic() - started, 1),
    }
    result = subprocess.run(
        [sys.executable, str(HERE / "seed.py"), str(PEOPLE)],
        cwd=ROOT,
        env=stack.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.fixture
def figures(request):
    """What a test measured, printed at the end of the run (pytest_terminal_summary)."""
    collected = request.config.stash.setdefault(_figures_key, {})

    def record(name: str, values: dict) -> None:
        collected[name] = values

    return record


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    collected = config.stash.get(_figures_key, {})
    if not collected:
        return
    terminalreporter.section("stack figures")
    for name, values in collected.items():
        terminalreporter.write_line(f"{name}: {json.dumps(values)}")
    output = os.environ.get("STACK_FIGURES")
    if output:
        Path(output).write_text(json.dumps(collected, indent=2) + "\n")
