"""A background worker killed (SIGKILL, with its processes) in the middle of a job: the
queue hands the job to another worker once ``TASK_RETRY`` seconds have passed since it was
taken, and the job is done exactly once. The stack's tests shorten TASK_RETRY
(conftest.py)."""

import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from tests.stack.client import wait_for
from tests.stack.conftest import TASK_RETRY, tasks_waiting
from tests.stack.jobs import journal

pytestmark = pytest.mark.stack

JOB_SECONDS = 5.0


def test_a_job_whose_worker_is_killed_is_done_exactly_once(stack, figures):
    marker = uuid.uuid4().hex
    entries = redis.Redis.from_url(stack.env()["REDIS_URL"])

    def log() -> list[str]:
        return [entry.decode() for entry in entries.lrange(journal(marker), 0, -1)]

    # The job is taken at once when nothing waits before it (load_demo and the sign-up
    # tests leave emails to send).
    wait_for(
        lambda: tasks_waiting(stack) == 0,
        timeout=300,
        what="the queue to be empty",
    )
    enqueued = time.monotonic()
    subprocess.run(
        [sys.executable, str(Path(__file__).with_name("jobs.py")), marker, str(JOB_SECONDS)],
        env=stack.env(),
        check=True,
    )
    started = wait_for(log, timeout=30, what="a worker to start the job")
    _word, _pid, group = started[0].split()
    worker = next(name for name, pid in stack.pids.items() if pid == int(group))
    assert worker.startswith("worker")

    stack.kill(worker)
    killed = time.monotonic()
    stack.start_worker(int(worker.removeprefix("worker")))
    wait_for(
        lambda: any(entry.startswith("done") for entry in log()),
        timeout=TASK_RETRY + JOB_SECONDS + 30,
        what="the job to be done after its worker was killed",
    )
    done = time.monotonic()
    # Long enough for a second delivery, if there were one, to start.
    time.sleep(5)

    entries_now = log()
    # Only this test enqueues the job (its arguments are stored pickled).
    successes = stack.psql(
        "SELECT count(*) FROM django_q_task WHERE func = 'tests.stack.jobs.slow_job' AND success"
    ).strip()
    figures(
        "worker killed mid-job",
        {
            "task_retry_s": TASK_RETRY,
            "killed_after_s": round(killed - enqueued, 1),
            "done_after_kill_s": round(done - killed, 1),
            "journal": [entry.split()[0] for entry in entries_now],
        },
    )
    assert [entry.split()[0] for entry in entries_now] == ["started", "started", "done"]
    assert successes == "1"
