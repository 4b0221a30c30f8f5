import pytest

from samskab.activities.models import Activity
from samskab.openactive.models import InterestConcept
from samskab.openactive.tests.helpers import GROUP_EXERCISE
from tests.factories import ActivityFactory, InterestFactory


@pytest.fixture
def exercise(db):
    """The interest "exercise", a physical activity in OpenActive's list."""
    interest = InterestFactory(slug="exercise", name_da="Motion", name_en="Exercise")
    InterestConcept.objects.get_or_create(
        interest=interest, defaults={"concept_id": GROUP_EXERCISE}
    )
    return interest


@pytest.fixture
def gym(exercise):
    """A sign-up activity of exercise ("Seniorgymnastik") with 40 DKK a time."""
    return ActivityFactory(
        title_da="Seniorgymnastik",
        title_en="Gymnastics for seniors",
        interests=[exercise],
        participation=Activity.Participation.SIGN_UP,
        price=40,
        price_note="Kaffe inkluderet",
        step_free_access=True,
        hearing_loop=True,
    )
