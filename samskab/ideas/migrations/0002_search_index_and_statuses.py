"""The full-text index (PostgreSQL only: SQLite has no tsvector, so it is not declared in
the model's Meta) and the six statuses an idea can have, which staff may rename and add to
in the administration."""

from django.db import migrations

GIN_INDEX = "ideas_search_vector_gin"

STATUSES = [
    ("modtaget", "Modtaget", "Received", "received"),
    ("overvejes", "Overvejes", "Under consideration", "considering"),
    ("accepteret", "Accepteret", "Accepted", "accepted"),
    ("accepteret-hvis-borgere-hjaelper", "Accepteret, hvis borgere hjælper", "Accepted if citizens help", "accepted_if_help"),
    ("ikke-muligt", "Ikke muligt", "Not possible", "not_possible"),
    ("gennemfoert", "Gennemført", "Implemented", "implemented"),
]


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON ideas_idea USING gin (search_vector)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


def create_statuses(apps, schema_editor):
    AnswerStatus = apps.get_model("ideas", "AnswerStatus")
    for order, (slug, danish, english, meaning) in enumerate(STATUSES):
        AnswerStatus.objects.get_or_create(
            slug=slug,
            defaults={
                "name": danish,
                "name_da": danish,
                "name_en": english,
                "meaning": meaning,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [
        migrations.RunPython(create_gin_index, drop_gin_index),
        migrations.RunPython(create_statuses, migrations.RunPython.noop),
    ]
