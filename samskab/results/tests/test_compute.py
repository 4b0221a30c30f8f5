"""The background worker's rounds: figures stored per period, final periods left alone, a
new method version computed beside the old, recompute from scratch equal to the rounds,
and initiatives whose progress comes from an indicator."""

import random
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from samskab.core import tasks
from samskab.core.extensions import Fact
from samskab.core.extensions import Indicator as Declared
from samskab.results import services
from samskab.results.models import Indicator, InitiativeLink, MethodVersion, Observation
from samskab.vision import services as vision_services
from tests.factories import InitiativeFactory, only_indicators

pytestmark = pytest.mark.django_db

ZONE = ZoneInfo("Europe/Copenhagen")


class Source:
    """Facts an app would read from its tables: only those that happened before ``until``
    exist yet."""

    def __init__(self, facts=()):
        self.facts = list(facts)

    def __call__(self, since, until):
        return [
            fact for fact in self.facts if (since is None or fact.at >= since) and fact.at < until
        ]


def declared(source, *, measure="count", version=1, changes=(), breakdowns=("town",)):
    return Declared(
        slug="test-sign-ups",
        title="Sign-ups",
        definition="Every sign-up.",
        unit="sign-ups",
        measure=measure,
        facts=source,
        breakdowns=breakdowns,
        version=version,
        changes=changes,
    )


def local(*parts):
    return datetime(*parts, tzinfo=ZONE)


def snapshot():
    return sorted(
        Observation.objects.values_list(
            "method_version",
            "period",
            "starts_on",
            "dimension",
            "group",
            "value",
            "base",
            "suppressed",
            "frozen",
        )
    )


def people(count, at, town="esbjerg"):
    return [Fact(at, key=f"user:{at.isoformat()}:{n}", town=town) for n in range(count)]


def test_a_round_stores_every_period_with_its_breakdown():
    source = Source(
        people(6, local(2026, 2, 3, 10))
        + people(2, local(2026, 2, 4, 10), "ribe")
        + people(5, local(2026, 3, 1, 10))
    )
    with only_indicators(declared(source)):
        assert services.compute_all(now=local(2026, 3, 2, 12)) == 1
    indicator = Indicator.objects.get(key="test-sign-ups")
    assert indicator.computed_at == local(2026, 3, 2, 12)
    february = Observation.objects.filter(period="month", starts_on=datetime(2026, 2, 1).date())
    assert {(o.group, o.value, o.suppressed) for o in february} == {
        ("", Decimal(8), False),
        ("esbjerg", Decimal(6), True),  # hidden with Ribe: 8 - 6 would give Ribe's 2 away
        ("ribe", Decimal(2), True),
    }
    assert Observation.objects.get(period="quarter", group="").value == 13
    assert not Observation.objects.filter(period="month", starts_on__lt="2026-02-01").exists()


def test_periods_become_final_a_week_after_they_end():
    source = Source(people(6, local(2026, 1, 20, 10)))
    with only_indicators(declared(source)):
        services.compute_all(now=local(2026, 2, 7, 12))
        january = Observation.objects.get(period="month", starts_on="2026-01-01", group="")
        assert not january.frozen
        services.compute_all(now=local(2026, 2, 8, 12))
        january.refresh_from_db()
        assert january.frozen
        # A sign-up registered late for January no longer moves January's final figure …
        source.facts += people(3, local(2026, 1, 25, 10))
        services.compute_all(now=local(2026, 2, 9, 12))
        january.refresh_from_db()
        assert january.value == 6
        # … but counts in the quarter and the year, which are still open.
        assert Observation.objects.get(period="quarter", group="").value == 9
        # A recompute from scratch counts it everywhere.
        services.compute_all(now=local(2026, 2, 9, 12), from_scratch=True)
        assert Observation.objects.get(period="month", starts_on="2026-01-01", group="").value == 9


def test_recomputing_from_scratch_gives_the_figures_of_the_rounds():
    rng = random.Random(11)
    start = local(2024, 11, 1)
    facts = [
        Fact(
            start + timedelta(minutes=rng.randint(0, 60 * 24 * 540)),
            key=f"user:{rng.randint(1, 40)}",
            town=rng.choice(["esbjerg", "ribe", "bramming", ""]),
            amount=Decimal(rng.randint(1, 8)) / 2,
        )
        for _ in range(600)
    ]
    source = Source(facts)
    for measure in ("count", "distinct", "sum"):
        Observation.objects.all().delete()
        Indicator.objects.all().delete()
        with only_indicators(declared(source, measure=measure)):
            # A round every four days (and at 23:59 on a New Year's Eve) for a year and a half.
            now = start
            while now < start + timedelta(days=540):
                services.compute_all(now=now)
                now += timedelta(days=4, hours=5)
            services.compute_all(now=local(2025, 12, 31, 23, 59))
            services.compute_all(now=now)
            rounds = snapshot()
            services.compute_all(now=now, from_scratch=True)
            assert snapshot() == rounds, measure


def test_a_new_method_version_computes_afresh_beside_the_old_figures():
    source = Source(people(7, local(2026, 1, 10, 10)))
    with only_indicators(declared(source)):
        services.compute_all(now=local(2026, 3, 1))
    corrected = declared(
        source, measure="distinct", version=2, changes=("Each person is counted once.",)
    )
    with only_indicators(corrected):
        services.compute_all(now=local(2026, 3, 2))
        indicator = Indicator.objects.get(key="test-sign-ups")
        assert indicator.method_version == 2
        assert indicator.change_in(2) == "Each person is counted once."
    assert list(MethodVersion.objects.values_list("version", "since")) == [
        (1, local(2026, 3, 1)),
        (2, local(2026, 3, 2)),
    ]
    assert set(Observation.objects.values_list("method_version", flat=True).distinct()) == {1, 2}
    # Version 1's final January stays as it was computed.
    assert Observation.objects.get(
        method_version=1, period="month", starts_on="2026-01-01", group=""
    ).frozen


def test_an_indicator_whose_app_is_gone_is_left_alone():
    source = Source(people(5, local(2026, 1, 10, 10)))
    with only_indicators(declared(source)):
        services.compute_all(now=local(2026, 2, 1))
    before = snapshot()
    with only_indicators():
        assert services.compute_all(now=local(2026, 2, 2)) == 0
    assert snapshot() == before


def test_the_command_recomputes_everything(capsys):
    source = Source(people(5, local(2026, 1, 10, 10)))
    with only_indicators(declared(source)):
        call_command("compute_results", "--from-scratch")
    assert "Computed 1 indicators." in capsys.readouterr().out
    assert Observation.objects.filter(period="year", group="", value=5).exists()


def link(initiative, **fields):
    indicator = Indicator.objects.get(key="test-sign-ups")
    defaults = {"baseline": Decimal(0), "target": Decimal(20), "drives_progress": True}
    return InitiativeLink.objects.create(
        indicator=indicator, initiative=initiative, **(defaults | fields)
    )


def test_an_initiative_moves_with_its_indicator_and_rolls_up():
    parent = InitiativeFactory(progress=0)
    leaf = InitiativeFactory(parent=parent, focus_area=parent.focus_area, progress=0)
    source = Source(people(5, local(2026, 1, 10, 10)))
    with only_indicators(declared(source)):
        services.compute_all(now=local(2026, 1, 11))
        link(leaf)
        source.facts += people(6, local(2026, 1, 12, 10))
        services.compute_all(now=local(2026, 1, 13))
    leaf.refresh_from_db()
    parent.refresh_from_db()
    assert leaf.progress == 55  # 11 of the way from 0 to 20
    assert parent.progress == 55


def test_a_suppressed_figure_moves_no_initiative():
    leaf = InitiativeFactory(progress=10)
    source = Source(people(3, local(2026, 1, 10, 10)))
    with only_indicators(declared(source)):
        services.compute_all(now=local(2026, 1, 11))
        link(leaf)
        services.compute_all(now=local(2026, 1, 12))
    leaf.refresh_from_db()
    # 3 of 20 would say 15 %, and so give the small count away.
    assert leaf.progress == 10


def test_progress_stays_within_0_and_100():
    link_row = InitiativeLink(baseline=Decimal(100), target=Decimal(50))
    assert link_row.progress_for(Decimal(120)) == 0
    assert link_row.progress_for(Decimal(75)) == 50
    assert link_row.progress_for(Decimal(10)) == 100


def test_progress_cannot_come_from_an_indicator_for_an_initiative_with_parts():
    from django.core.exceptions import ValidationError

    parent = InitiativeFactory()
    InitiativeFactory(parent=parent, focus_area=parent.focus_area)
    indicator = Indicator.objects.create(slug="survey", title="Survey")
    row = InitiativeLink(
        indicator=indicator,
        initiative=parent,
        baseline=Decimal(0),
        target=Decimal(1),
        drives_progress=True,
    )
    with pytest.raises(ValidationError):
        row.full_clean()


def test_a_manual_figure_is_final_and_hidden_when_few_answered():
    indicator = Indicator.objects.create(slug="survey", title="Feel lonely", unit="%")
    figure = services.record_figure(
        observation=Observation(
            indicator=indicator,
            period="year",
            starts_on=datetime(2025, 6, 1).date(),
            value=Decimal("7.5"),
            base=4,
        )
    )
    assert (str(figure.starts_on), figure.frozen, figure.suppressed) == ("2025-01-01", True, True)
    built_in = Indicator.objects.create(slug="x", key="x")
    with pytest.raises(ValueError):
        services.record_figure(
            observation=Observation(indicator=built_in, period="year", starts_on=figure.starts_on)
        )


def test_the_initiative_update_roll_up_is_the_visions():
    # The results app moves progress only through the vision's own service.
    assert services.vision_services is vision_services


def test_the_background_round_computes_each_indicator_in_a_task_of_its_own(run_on_commit):
    source = Source(people(5, local(2026, 1, 10, 10)))
    with only_indicators(declared(source)), run_on_commit():
        assert tasks.run_periodic("results.compute") == 1
    assert Observation.objects.filter(period="year", group="", value=5).exists()
