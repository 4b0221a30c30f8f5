import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from samskab.booking.tests.owner_model import ExampleSession


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test-only slot owner has no migration: (re)create its table and content type
    once per run (migrate only knows the models in migrations; with --reuse-db an old table
    may be left from a previous version of the model)."""
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


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://samskab.example"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the emails queued with transaction.on_commit, as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
