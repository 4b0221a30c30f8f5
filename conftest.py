import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

# Imported for the whole suite, because once imported the model is in the app registry and
# every test that deletes a user makes Django look for its rows.
from samskab.booking.tests.owner_model import ExampleSession


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters (allauth) live in the cache; tests must not share them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The booking tests' stand-in slot owner has no migration: (re)create its table and
    content type once per run (migrate only knows the models in migrations; with --reuse-db
    an old table may be left from a previous version of the model)."""
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            if ExampleSession._meta.db_table in connection.introspection.table_names():
                editor.delete_model(ExampleSession)
            editor.create_model(ExampleSession)
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_model(ExampleSession)
    yield
    # A reused test database must not keep a table that migrate does not know about:
    # its foreign keys would stop other apps' tests from flushing the database.
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.delete_model(ExampleSession)


@pytest.fixture
def declare(monkeypatch):
    """``declare(label, **fields)`` adds contributions (``samskab/core/extensions.py``) as an
    app named ``label`` would declare them; they are gone after the test."""
    from dataclasses import replace

    from samskab.core import extensions

    monkeypatch.setattr(extensions, "_declared", dict(extensions._declared))

    def declare(label, **fields):
        current = extensions.contributions_of(label)
        merged = {
            name: (*getattr(current, name), *value) if isinstance(value, tuple) else value
            for name, value in fields.items()
        }
        before = dict(extensions._declared)
        extensions._declared[label] = replace(current, **merged)
        try:
            extensions._check()
        except Exception:
            extensions._declared = before
            raise

    return declare
