"""The reference lists as the data migrations made them, for tests whose database was
emptied by a transactional test that ran before them (loading them again is idempotent)."""

from importlib import import_module

from django.apps import apps

# The lists were first made by these apps' data migrations, which name the models by the
# app that held them then; today they are the reference app's.
SEEDING_MIGRATIONS = (
    ("samskab.activities.migrations.0002_reference_lists", "load_reference_lists"),
    ("samskab.volunteering.migrations.0002_skills", "load_skills"),
)


class _TodaysModels:
    def get_model(self, app_label, model_name):
        return apps.get_model("reference", model_name)


def ensure_reference_lists():
    for module, function in SEEDING_MIGRATIONS:
        getattr(import_module(module), function)(_TodaysModels(), None)
