import threading
from dataclasses import replace
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samskab.core import background, extensions
from samskab.core.extensions import PeriodicTask
from samskab.core.management.commands import run_tasks


class _TasksOfTheTest:
    """Declares tasks as an app of the test's own would, in place of every app's."""

    def register_periodic_task(self, name, function, description, *, every=None):
        declared = extensions.contributions_of("tests")
        task = PeriodicTask(name, function, description, every=every)
        extensions._declared["tests"] = replace(
            declared, periodic_tasks=(*declared.periodic_tasks, task)
        )
        extensions._check()


@pytest.fixture
def only_test_tasks(monkeypatch):
    monkeypatch.setattr(extensions, "_declared", {})
    monkeypatch.setattr(background, "_last_run", {})
    return _TasksOfTheTest()


def test_every_feature_registers_its_tasks():
    names = {task.name for task in background.periodic_tasks()}
    assert {
        "booking.expire_offers",
        "booking.expire_unconfirmed_sign_ups",
        "booking.send_reminders",
        "volunteering.close_finished_work",
        "volunteering.send_thank_yous",
    } <= names
    out = StringIO()
    call_command("run_tasks", "--list", stdout=out)
    assert "booking.send_reminders: Send each due reminder exactly once." in out.getvalue()


def test_a_round_runs_every_task_and_reports_what_they_did(only_test_tasks):
    only_test_tasks.register_periodic_task("a.one", lambda: 2, "one")
    only_test_tasks.register_periodic_task("b.two", lambda: 0, "two")
    out = StringIO()
    call_command("run_tasks", stdout=out)
    assert out.getvalue().strip() == "a.one: 2; b.two: 0"


def test_a_failing_task_does_not_stop_the_others_but_fails_a_single_round(only_test_tasks):
    ran = []

    def broken():
        raise RuntimeError("database restarting")

    only_test_tasks.register_periodic_task("a.broken", broken, "broken")
    only_test_tasks.register_periodic_task("b.works", lambda: ran.append(1) or 1, "works")
    with pytest.raises(CommandError, match=r"a\.broken"):
        call_command("run_tasks", stdout=StringIO())
    assert ran == [1]


def test_the_loop_keeps_going_after_a_failed_round_and_stops_when_asked(
    only_test_tasks, monkeypatch
):
    rounds = []

    def sometimes_broken():
        rounds.append(1)
        if len(rounds) == 1:
            raise RuntimeError("database restarting")
        return 1

    class StopAfterThreeRounds(threading.Event):
        def wait(self, timeout=None):
            return len(rounds) >= 3

    only_test_tasks.register_periodic_task("a.sometimes", sometimes_broken, "sometimes")
    monkeypatch.setattr(run_tasks.threading, "Event", StopAfterThreeRounds)
    monkeypatch.setattr(run_tasks.signal, "signal", lambda *args: None)
    # The test's own connection is inside a transaction and must stay open.
    monkeypatch.setattr(run_tasks, "close_old_connections", lambda: None)
    call_command("run_tasks", "--loop", "--interval", "1", stdout=StringIO())
    assert len(rounds) == 3


def test_unknown_task_names_are_refused(only_test_tasks):
    with pytest.raises(CommandError, match="Unknown task"):
        call_command("run_tasks", "--only", "nope", stdout=StringIO())


def test_two_different_tasks_cannot_share_a_name(only_test_tasks):
    only_test_tasks.register_periodic_task("a.one", lambda: 1, "one")
    with pytest.raises(Exception, match="already named"):
        only_test_tasks.register_periodic_task("a.one", lambda: 2, "other")


def test_a_daily_task_runs_in_the_first_round_and_then_once_a_day(only_test_tasks, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(background.time, "monotonic", lambda: clock[0])
    only_test_tasks.register_periodic_task("a.daily", lambda: 1, "daily", every=timedelta(days=1))
    only_test_tasks.register_periodic_task("b.always", lambda: 1, "always")
    assert background.run_round() == {"a.daily": 1, "b.always": 1}
    clock[0] += 3600
    assert background.run_round() == {"b.always": 1}
    clock[0] += 24 * 3600
    assert background.run_round() == {"a.daily": 1, "b.always": 1}
    assert background.run_round(only={"a.daily"}) == {"a.daily": 1}
