"""The lists activities are described and found by: the towns of Esbjerg Kommune, age
groups, languages spoken and a first set of interests. Municipal staff can edit and extend
them in the administration; running this again (or on a database that has them) only
fills in what is missing."""

from django.db import migrations

# slug, name, postcode, latitude, longitude (the town centre, approximately)
TOWNS = [
    ("esbjerg", "Esbjerg", "6700", 55.4670, 8.4520),
    ("saedding", "Sædding", "6710", 55.5050, 8.4010),
    ("hjerting", "Hjerting", "6710", 55.5260, 8.3680),
    ("tjaereborg", "Tjæreborg", "6731", 55.4640, 8.5790),
    ("bramming", "Bramming", "6740", 55.4640, 8.7000),
    ("darum", "Darum", "6740", 55.4280, 8.6560),
    ("vejrup", "Vejrup", "6740", 55.4920, 8.7780),
    ("goerding", "Gørding", "6690", 55.4850, 8.8100),
    ("gredstedbro", "Gredstedbro", "6771", 55.4010, 8.7440),
    ("ribe", "Ribe", "6760", 55.3285, 8.7620),
    ("vester-vedsted", "Vester Vedsted", "6760", 55.2960, 8.6720),
    ("hviding", "Hviding", "6760", 55.2510, 8.7550),
    ("mandoe", "Mandø", "6760", 55.2780, 8.5560),
]

# slug, Danish, English
AGE_GROUPS = [
    ("children", "Børn", "Children"),
    ("young-people", "Unge", "Young people"),
    ("adults", "Voksne", "Adults"),
    ("seniors", "Seniorer", "Seniors"),
    ("families", "Familier", "Families"),
]

# BCP 47 code, Danish, English, in the language itself
LANGUAGES = [
    ("da", "Dansk", "Danish", "dansk"),
    ("en", "Engelsk", "English", "English"),
    ("de", "Tysk", "German", "Deutsch"),
    ("uk", "Ukrainsk", "Ukrainian", "українська"),
    ("ar", "Arabisk", "Arabic", "العربية"),
    ("pl", "Polsk", "Polish", "polski"),
    ("ro", "Rumænsk", "Romanian", "română"),
    ("lt", "Litauisk", "Lithuanian", "lietuvių"),
    ("tr", "Tyrkisk", "Turkish", "Türkçe"),
    ("so", "Somali", "Somali", "Soomaali"),
    ("fa", "Persisk (farsi)", "Persian (Farsi)", "فارسی"),
    ("ti", "Tigrinya", "Tigrinya", "ትግርኛ"),
    ("es", "Spansk", "Spanish", "español"),
    ("fr", "Fransk", "French", "français"),
    ("sv", "Svensk", "Swedish", "svenska"),
    ("no", "Norsk", "Norwegian", "norsk"),
    ("dsl", "Dansk tegnsprog", "Danish Sign Language", "dansk tegnsprog"),
]

# slug, Danish, English
INTERESTS = [
    ("exercise", "Motion og bevægelse", "Exercise and movement"),
    ("nature", "Natur og friluftsliv", "Nature and the outdoors"),
    ("music", "Musik og sang", "Music and singing"),
    ("arts-and-crafts", "Kreative værksteder", "Arts and crafts"),
    ("needlework", "Håndarbejde", "Needlework"),
    ("food", "Mad og fællesspisning", "Food and shared meals"),
    ("games", "Spil og hygge", "Games and good company"),
    ("culture", "Kultur og historie", "Culture and history"),
    ("conversation", "Sprog og samtale", "Language and conversation"),
    ("digital-help", "Digital hjælp", "Digital help"),
    ("dance", "Dans", "Dance"),
    ("books", "Bøger og litteratur", "Books and reading"),
    ("gardening", "Have og grønt", "Gardening and green living"),
    ("well-being", "Sundhed og trivsel", "Health and well-being"),
]


def load_reference_lists(apps, schema_editor):
    Town = apps.get_model("activities", "Town")
    AgeGroup = apps.get_model("activities", "AgeGroup")
    Language = apps.get_model("activities", "Language")
    Interest = apps.get_model("activities", "Interest")

    for slug, name, postcode, latitude, longitude in TOWNS:
        if not Town.objects.filter(slug=slug).exists() and not Town.objects.filter(
            name=name
        ).exists():
            Town.objects.create(
                slug=slug, name=name, postcode=postcode, latitude=latitude, longitude=longitude
            )
    for order, (slug, danish, english) in enumerate(AGE_GROUPS):
        AgeGroup.objects.get_or_create(
            slug=slug,
            defaults={"name": danish, "name_da": danish, "name_en": english, "order": order},
        )
    for order, (code, danish, english, native) in enumerate(LANGUAGES):
        Language.objects.get_or_create(
            code=code,
            defaults={
                "name": danish,
                "name_da": danish,
                "name_en": english,
                "native_name": native,
                "order": order,
            },
        )
    for order, (slug, danish, english) in enumerate(INTERESTS):
        Interest.objects.get_or_create(
            slug=slug,
            defaults={"name": danish, "name_da": danish, "name_en": english, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(load_reference_lists, migrations.RunPython.noop)]
