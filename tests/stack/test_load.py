"""Load through nginx at 32 connections for 60 s (STACK_LOAD_SECONDS,
STACK_LOAD_CONNECTIONS): every request answered, none with an error."""

import pytest

from tests.stack.client import run_load
from tests.stack.traffic import LOAD_CONNECTIONS, LOAD_SECONDS, browsing

pytestmark = pytest.mark.stack


def test_the_stack_answers_every_request_under_load(stack, seeded, figures):
    load = run_load(
        browsing(stack.ports.proxy, seeded), connections=LOAD_CONNECTIONS, seconds=LOAD_SECONDS
    )

    figures(
        f"{LOAD_CONNECTIONS} connections for {LOAD_SECONDS:.0f} s (through nginx)", load.summary()
    )
    failures = load.failures()
    assert not failures, [(item.status, item.label, item.error) for item in failures[:10]]
    assert load.sent
