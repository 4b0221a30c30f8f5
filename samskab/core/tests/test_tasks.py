from dataclasses import replace
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django_q.models import OrmQ, Schedule

from samskab.core import extensions, tasks
from samskab.core.extensions import PeriodicTask


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
    return _TasksOfTheTest()


def test_every_feature_registers_its_tasks():
    names = {task.name for task in tasks.periodic_tasks()}
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


def test_unknown_task_names_are_refused(only_test_tasks):
    with pytest.raises(CommandError, match="Unknown task"):
        call_command("run_tasks", "--only", "nope", stdout=StringIO())


def test_two_different_tasks_cannot_share_a_name(only_test_tasks):
    only_test_tasks.register_periodic_task("a.one", lambda: 1, "one")
    with pytest.raises(Exception, match="already named"):
        only_test_tasks.register_periodic_task("a.one", lambda: 2, "other")


@pytest.mark.django_db
def test_the_worker_schedules_every_declared_task_once(only_test_tasks):
    only_test_tasks.register_periodic_task("a.often", lambda: 1, "often")
    only_test_tasks.register_periodic_task("b.daily", lambda: 1, "daily", every=timedelta(days=1))
    Schedule.objects.create(name="gone.task", func=tasks.RUN_PERIODIC, args="('gone.task',)")
    Schedule.objects.create(name="a.often", func=tasks.RUN_PERIODIC, args="('a.often',)")

    assert tasks.sync_schedules() == {"a.often": 1, "b.daily": 24 * 60}
    tasks.sync_schedules()

    schedules = Schedule.objects.filter(func=tasks.RUN_PERIODIC).order_by("name")
    assert [(s.name, s.args, s.schedule_type, s.minutes, s.repeats) for s in schedules] == [
        ("a.often", "('a.often',)", Schedule.MINUTES, 1, -1),
        ("b.daily", "('b.daily',)", Schedule.MINUTES, 24 * 60, -1),
    ]
    assert tasks.run_periodic("b.daily") == 1
    with pytest.raises(LookupError):
        tasks.run_periodic("gone.task")


def add_one(counter_key):
    from django.core.cache import cache

    cache.set(counter_key, (cache.get(counter_key) or 0) + 1)


@pytest.mark.django_db
def test_in_the_test_settings_a_task_runs_when_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    from django.core.cache import cache

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        tasks.enqueue(add_one, "ran")
        assert cache.get("ran") is None
    assert cache.get("ran") == 1


@pytest.mark.django_db
def test_a_task_is_stored_in_the_transaction_that_enqueues_it(monkeypatch):
    monkeypatch.setattr("django_q.conf.Conf.SYNC", False)
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.enqueue(add_one, "rolled back")
        raise RuntimeError("the change fails")
    assert not OrmQ.objects.exists()

    with transaction.atomic():
        tasks.enqueue(add_one, "kept")
    (queued,) = OrmQ.objects.all()
    assert queued.func() == "samskab.core.tests.test_tasks.add_one"
    assert queued.task["args"] == ("kept",)
    assert tasks.backlog()["waiting"] == 1


def test_a_task_must_be_importable_by_its_name():
    with pytest.raises(ValueError, match="cannot be a task"):
        tasks.dotted_path(lambda: None)
