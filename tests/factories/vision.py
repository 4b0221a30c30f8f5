import datetime

import factory
from factory.django import DjangoModelFactory

from samskab.vision.models import (
    Ambition,
    FocusArea,
    Initiative,
    InitiativeStatus,
    Milestone,
    ResultStory,
    Vision,
)


class VisionFactory(DjangoModelFactory):
    class Meta:
        model = Vision

    slug = factory.Sequence(lambda n: f"vision-{n}")
    title_da = factory.Sequence(lambda n: f"Vision nummer {n}")
    title_en = factory.Sequence(lambda n: f"Vision number {n}")
    tagline_da = "Energi til alle"
    tagline_en = "Energy for everyone"
    introduction_da = "En indledning på dansk."
    introduction_en = "An introduction in English."
    adopted_on = datetime.date(2019, 6, 1)


class AmbitionFactory(DjangoModelFactory):
    class Meta:
        model = Ambition

    vision = factory.SubFactory(VisionFactory)
    slug = factory.Sequence(lambda n: f"ambition-{n}")
    title_da = factory.Sequence(lambda n: f"Ambition {n} på dansk")
    title_en = factory.Sequence(lambda n: f"Ambition {n} in English")
    text_da = "Tekst om ambitionen."
    text_en = "Text about the ambition."
    order = factory.Sequence(lambda n: n)


class FocusAreaFactory(DjangoModelFactory):
    class Meta:
        model = FocusArea

    vision = factory.SubFactory(VisionFactory)
    slug = factory.Sequence(lambda n: f"fokusomraade-{n}")
    title_da = factory.Sequence(lambda n: f"Fokusområde {n}")
    title_en = factory.Sequence(lambda n: f"Focus area {n}")
    summary_da = "Et resumé på dansk."
    summary_en = "A summary in English."
    body_da = "Brødtekst på dansk."
    body_en = "Body text in English."
    order = factory.Sequence(lambda n: n)


class InitiativeStatusFactory(DjangoModelFactory):
    class Meta:
        model = InitiativeStatus

    slug = factory.Sequence(lambda n: f"status-{n}")
    name_da = factory.Sequence(lambda n: f"Status {n}")
    name_en = factory.Sequence(lambda n: f"Status {n} (en)")
    default_progress = 25
    order = factory.Sequence(lambda n: n)


class InitiativeFactory(DjangoModelFactory):
    """Saves directly (no roll-up); tests of the roll-up use services instead."""

    class Meta:
        model = Initiative

    focus_area = factory.SubFactory(FocusAreaFactory)
    slug = factory.Sequence(lambda n: f"initiativ-{n}")
    title_da = factory.Sequence(lambda n: f"Initiativ {n}")
    title_en = factory.Sequence(lambda n: f"Initiative {n}")
    description_da = "Beskrivelse på dansk."
    description_en = "Description in English."
    department_da = "Sundhed & Omsorg"
    department_en = "Health & Care"
    status = factory.SubFactory(InitiativeStatusFactory)
    progress = 25


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    initiative = factory.SubFactory(InitiativeFactory)
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    title_da = factory.Sequence(lambda n: f"Milepæl {n}")
    title_en = factory.Sequence(lambda n: f"Milestone {n}")
    reached = False


class ResultStoryFactory(DjangoModelFactory):
    class Meta:
        model = ResultStory

    focus_area = factory.SubFactory(FocusAreaFactory)
    year = 2024
    headline_da = factory.Sequence(lambda n: f"Resultat {n}")
    headline_en = factory.Sequence(lambda n: f"Result {n}")
    text_da = "Hvad vi nåede."
    text_en = "What we achieved."
