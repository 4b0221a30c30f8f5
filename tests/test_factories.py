"""The test kit has one factory per model, in one place (tests.factories)."""

import inspect
from collections import Counter
from pathlib import Path

from factory.django import DjangoModelFactory

import tests.factories

ROOT = Path(__file__).resolve().parent.parent


def test_every_model_has_at_most_one_factory():
    factories = [
        value
        for value in vars(tests.factories).values()
        if inspect.isclass(value) and issubclass(value, DjangoModelFactory)
    ]
    models = Counter(factory._meta.model for factory in factories)
    assert factories
    assert [model for model, count in models.items() if count > 1] == []


def test_factories_are_defined_only_in_tests_factories():
    elsewhere = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("samskab/**/tests/**/*.py")
        if "DjangoModelFactory" in path.read_text(encoding="utf-8") or path.name == "factories.py"
    ]
    assert elsewhere == []
