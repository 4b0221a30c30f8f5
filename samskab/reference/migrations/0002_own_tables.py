"""The reference lists get tables named after their own app, and the content types (and so
the staff's permissions and the admin's history) follow them."""

from django.db import migrations

MOVED = {"activities": ["town", "interest", "agegroup", "language"], "volunteering": ["skill"]}


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for old_app, models in MOVED.items():
        for model in models:
            if content_type.objects.filter(app_label="reference", model=model).exists():
                content_type.objects.filter(app_label=old_app, model=model).delete()
            else:
                content_type.objects.filter(app_label=old_app, model=model).update(
                    app_label="reference"
                )


def restore_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for old_app, models in MOVED.items():
        content_type.objects.filter(app_label="reference", model__in=models).update(
            app_label=old_app
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reference", "0001_initial"),
        ("activities", "0003_reference_lists_moved"),
        ("volunteering", "0003_reference_lists"),
    ]

    operations = [
        migrations.AlterModelTable(name="town", table=None),
        migrations.AlterModelTable(name="interest", table=None),
        migrations.AlterModelTable(name="agegroup", table=None),
        migrations.AlterModelTable(name="language", table=None),
        migrations.AlterModelTable(name="skill", table=None),
        migrations.RenameIndex(
            model_name="town",
            new_name="reference_town_postcode",
            old_name="activities_town_postcode",
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
