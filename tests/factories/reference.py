"""Reference rows (towns, interests, languages, age groups) are fetched or created by their
slug or code, so tests work whether or not the data migrations' rows are there."""

import factory
from factory.django import DjangoModelFactory

from samskab.reference.models import AgeGroup, Interest, Language, Town


class TownFactory(DjangoModelFactory):
    class Meta:
        model = Town
        django_get_or_create = ("slug",)

    slug = "ribe"
    name = "Ribe"
    postcode = "6760"
    latitude = 55.3285
    longitude = 8.7620


class InterestFactory(DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"interesse-{n}")
    name_da = factory.Sequence(lambda n: f"Interesse {n}")
    name_en = factory.Sequence(lambda n: f"Interest {n}")


class AgeGroupFactory(DjangoModelFactory):
    class Meta:
        model = AgeGroup
        django_get_or_create = ("slug",)

    slug = "seniors"
    name_da = "Seniorer"
    name_en = "Seniors"


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "da"
    name_da = "Dansk"
    name_en = "Danish"
    native_name = "dansk"


# slug: (name, postcode, latitude, longitude), as in the reference list of towns.
TOWNS = {
    "ribe": ("Ribe", "6760", 55.3285, 8.7620),
    "esbjerg": ("Esbjerg", "6700", 55.4670, 8.4520),
    "saedding": ("Sædding", "6710", 55.5050, 8.4010),
    "bramming": ("Bramming", "6740", 55.4640, 8.7000),
    "vester-vedsted": ("Vester Vedsted", "6760", 55.2960, 8.6720),
    "gredstedbro": ("Gredstedbro", "6771", 55.4010, 8.7440),
    "hjerting": ("Hjerting", "6710", 55.5260, 8.3680),
}


def town(slug: str) -> Town:
    """One of the towns above, with its real position."""
    name, postcode, latitude, longitude = TOWNS[slug]
    return TownFactory(
        slug=slug, name=name, postcode=postcode, latitude=latitude, longitude=longitude
    )
