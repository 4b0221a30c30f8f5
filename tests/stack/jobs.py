"""A slow background job for the worker fault test, and the way to enqueue it.

    python tests/stack/jobs.py MARKER SECONDS     (with the stack's environment)

enqueues ``slow_job(MARKER, SECONDS)`` on the task queue, as the site enqueues its work
(``samskab.core.tasks.enqueue``). The stack's workers import it by its dotted path (they run
from the project's root). The job writes to Redis when it starts (with its process and
process group, so the test knows which worker to kill) and when it is done: the test reads
those lists to see that the job was done exactly once."""

import os
import sys
import time
from pathlib import Path


def journal(marker: str) -> str:
    return f"stack-test:job:{marker}"


def slow_job(marker: str, seconds: float) -> None:
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.rpush(journal(marker), f"started {os.getpid()} {os.getpgid(0)}")
    time.sleep(seconds)
    client.rpush(journal(marker), f"done {os.getpid()}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
    import django

    django.setup()
    from django.db import transaction

    from samskab.core.tasks import enqueue
    from tests.stack import jobs  # by its importable name, not __main__

    with transaction.atomic():
        enqueue(jobs.slow_job, sys.argv[1], float(sys.argv[2]))
