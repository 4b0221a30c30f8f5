"""A first list of skills that opportunities ask for and volunteers offer. Municipal staff can
edit and extend it in the administration; running this again (or on a database that has
them) only fills in what is missing."""

from django.db import migrations

# slug, Danish, English
SKILLS = [
    ("driving-licence", "Kørekort", "Driving licence"),
    ("cooking", "Madlavning", "Cooking"),
    ("practical-help", "Praktisk hjælp og bæring", "Practical help and lifting"),
    ("conversation", "Samtale og nærvær", "Conversation and company"),
    ("homework-help", "Lektiehjælp", "Homework help"),
    ("digital-help", "Hjælp med it og mobil", "Help with computers and phones"),
    ("first-aid", "Førstehjælp", "First aid"),
    ("gardening", "Havearbejde", "Gardening"),
    ("repairs", "Reparationer og værktøj", "Repairs and tools"),
    ("sports-coaching", "Træning og idræt", "Coaching and sport"),
    ("music", "Musik", "Music"),
    ("arts-and-crafts", "Kreativt arbejde", "Arts and crafts"),
    ("translation", "Oversættelse og tolkning", "Translation and interpreting"),
    ("events", "Arrangementer og afvikling", "Running events"),
    ("communication", "Kommunikation og sociale medier", "Communication and social media"),
    ("accounting", "Regnskab og administration", "Accounts and administration"),
]


def load_skills(apps, schema_editor):
    Skill = apps.get_model("volunteering", "Skill")
    for order, (slug, danish, english) in enumerate(SKILLS):
        Skill.objects.get_or_create(
            slug=slug,
            defaults={"name": danish, "name_da": danish, "name_en": english, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0001_initial")]

    operations = [migrations.RunPython(load_skills, migrations.RunPython.noop)]
