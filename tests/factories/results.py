"""Indicators and their figures: manual ones entered through the service as staff enter
them, built-in ones declared from a list of facts and computed as the worker computes."""

import contextlib
import datetime
from dataclasses import replace
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from samskab.core import extensions
from samskab.core.extensions import Contributions, Fact
from samskab.results import services
from samskab.results.models import Indicator, InitiativeLink, Observation

# The app label test indicators are declared under.
TEST_APP = "results_test"


class IndicatorFactory(DjangoModelFactory):
    """A figure the municipality measures elsewhere (a manual indicator)."""

    class Meta:
        model = Indicator

    slug = factory.Sequence(lambda n: f"maalt-tal-{n}")
    title_da = factory.Sequence(lambda n: f"Målt tal {n}")
    title_en = factory.Sequence(lambda n: f"Measured figure {n}")
    definition_da = "Andelen der svarer ja i borgerpanelet."
    definition_en = "The share answering yes in the citizen panel."
    unit_da = "borgere"
    unit_en = "citizens"
    data_source_da = "Borgerpanelet"
    data_source_en = "The citizen panel"
    chart_period = "year"
    is_published = True


class InitiativeLinkFactory(DjangoModelFactory):
    class Meta:
        model = InitiativeLink

    indicator = factory.SubFactory(IndicatorFactory)
    initiative = factory.SubFactory("tests.factories.vision.InitiativeFactory")


def record(indicator, period, starts_on, value, *, base=None) -> Observation:
    """A manual indicator's figure, entered as staff enter it."""
    return services.record_figure(
        observation=Observation(
            indicator=indicator,
            period=period,
            starts_on=starts_on,
            value=Decimal(str(value)),
            base=base,
        )
    )


def local_moment(year, month, day=15, hour=12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def facts_in(facts: list[Fact]):
    """A ``facts(since, until)`` function over a fixed list, as an app's would query."""

    def facts_between(since, until):
        return [fact for fact in facts if (since is None or fact.at >= since) and fact.at < until]

    return facts_between


def declared_indicator(slug, facts, *, measure="count", breakdowns=(), **fields):
    """An ``extensions.Indicator`` counting ``facts`` (a list of Fact)."""
    fields.setdefault("title", f"Indicator {slug}")
    fields.setdefault("definition", f"What {slug} counts.")
    fields.setdefault("unit", "people")
    return extensions.Indicator(
        slug=slug,
        measure=measure,
        facts=facts_in(facts),
        breakdowns=breakdowns,
        **fields,
    )


@contextlib.contextmanager
def only_indicators(*indicators):
    """While the block runs, ``indicators`` are the only ones declared: the apps' own are
    set aside, so a test sees exactly what it declared."""
    saved = dict(extensions._declared)
    extensions._declared.update(
        {label: replace(declared, indicators=()) for label, declared in saved.items()}
    )
    extensions._declared[TEST_APP] = Contributions(indicators=tuple(indicators))
    try:
        yield
    finally:
        extensions._declared.clear()
        extensions._declared.update(saved)


def compute_declared(*indicators, now=None, **row_fields) -> list[Indicator]:
    """Declare ``indicators`` (alone), compute them at ``now`` as the worker does, and give
    their rows ``row_fields`` (focus_area, chart_period…). Returns the rows. The
    declarations stay only while ``only_indicators`` is active; use it around the test
    when pages must read the indicators' titles."""
    with only_indicators(*indicators):
        services.compute_all(now=now or timezone.now())
    rows = list(Indicator.objects.filter(key__in=[item.slug for item in indicators]))
    if row_fields:
        Indicator.objects.filter(pk__in=[row.pk for row in rows]).update(**row_fields)
        for row in rows:
            row.refresh_from_db()
    return rows
