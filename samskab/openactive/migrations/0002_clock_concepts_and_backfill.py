"""The feeds' clock; the reference list's interests that are physical activities, with
their concepts in the OpenActive activity list; and a note of every activity and coming
session, so the periodic task publishes what existed before the feeds did."""

from django.db import migrations
from django.utils import timezone

# Interests of the reference list (activities migration 0002) and the OpenActive activity
# each stands for. The others (music, crafts, food, games, culture, conversation, digital
# help, books, nature, well-being) are not physical activities, or not one activity.
CONCEPTS = {
    "exercise": "https://openactive.io/activity-list#984068a7-5b7b-4989-bb33-f96953d8960c",
    "dance": "https://openactive.io/activity-list#6ca15167-51da-4d91-a1ae-8a45dc47b0ea",
    "gardening": "https://openactive.io/activity-list#5b880e93-4a16-4c37-86ac-ba2ffba68358",
}


def forwards(apps, schema_editor):
    FeedClock = apps.get_model("openactive", "FeedClock")
    InterestConcept = apps.get_model("openactive", "InterestConcept")
    Interest = apps.get_model("reference", "Interest")
    Change = apps.get_model("openactive", "Change")
    Activity = apps.get_model("activities", "Activity")
    ActivitySession = apps.get_model("activities", "ActivitySession")

    FeedClock.objects.get_or_create(pk=1)
    for slug, concept_id in CONCEPTS.items():
        interest = Interest.objects.filter(slug=slug).first()
        if interest is not None:
            InterestConcept.objects.get_or_create(
                interest=interest, defaults={"concept_id": concept_id}
            )
    notes = [
        Change(kind="SessionSeries", item_id=pk)
        for pk in Activity.objects.values_list("pk", flat=True)
    ] + [
        Change(kind="ScheduledSession", item_id=pk)
        for pk in ActivitySession.objects.filter(ends_at__gt=timezone.now()).values_list(
            "pk", flat=True
        )
    ]
    Change.objects.bulk_create(notes, batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [
        ("openactive", "0001_initial"),
        ("activities", "0003_reference_lists_moved"),
        ("reference", "0003_town_residents"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
