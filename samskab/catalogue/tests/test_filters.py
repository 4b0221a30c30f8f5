"""Every filter of the catalogue, as a visitor uses it: through the address."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from samskab.activities.models import Activity
from samskab.catalogue.tests.helpers import (
    BRAMMING,
    CATALOGUE,
    activity_with_session,
    session_on,
    titles,
)
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    FocusAreaFactory,
    InterestFactory,
    LanguageFactory,
    TownFactory,
)

pytestmark = pytest.mark.django_db


def test_without_filters_every_activity_with_a_coming_session_is_listed(client):
    activity_with_session(title_da="Strikkecafé")
    activity_with_session(title_da="Gåtur", days=5)
    ActivityFactory(title_da="Uden datoer")
    unpublished = activity_with_session(title_da="Kladde")
    Activity.objects.filter(pk=unpublished.pk).update(is_published=False)

    response = client.get(CATALOGUE)

    assert response.status_code == 200
    assert titles(response) == ["Strikkecafé", "Gåtur"]


def test_activities_of_organisations_awaiting_approval_are_not_listed(client):
    from tests.factories import OrganisationFactory

    activity_with_session(title_da="Godkendt")
    activity_with_session(title_da="Afventer", organisation=OrganisationFactory(status="pending"))

    assert titles(client.get(CATALOGUE)) == ["Godkendt"]


def test_search_finds_words_in_title_and_description(client):
    activity_with_session(title_da="Strikkecafé", description_da="Vi hækler og drikker te.")
    activity_with_session(title_da="Gåtur", description_da="Vi går langs åen.")

    assert titles(client.get(CATALOGUE, {"q": "strik"})) == ["Strikkecafé"]
    assert titles(client.get(CATALOGUE, {"q": "åen"})) == ["Gåtur"]
    assert titles(client.get(CATALOGUE, {"q": "hækler te"})) == ["Strikkecafé"]
    assert titles(client.get(CATALOGUE, {"q": "strik åen"})) == []


def test_search_finds_english_text_and_the_organisation_and_town(client):
    from tests.factories import OrganisationFactory

    activity_with_session(
        title_da="Sprogcafé",
        title_en="Language café",
        description_en="Practise Danish with volunteers.",
        organisation=OrganisationFactory(name="Esbjerg International Community"),
    )
    activity_with_session(title_da="Gåtur", title_en="Walk", description_en="We walk.")

    assert titles(client.get(CATALOGUE, {"q": "volunteers"})) == ["Sprogcafé"]
    assert titles(client.get(CATALOGUE, {"q": "international"})) == ["Sprogcafé"]
    assert len(titles(client.get(CATALOGUE, {"q": "ribe"}))) == 2


def test_search_ignores_case_also_for_danish_letters(client):
    activity_with_session(title_da="Æblemost og ølsmagning")

    assert titles(client.get(CATALOGUE, {"q": "ÆBLEMOST"})) == ["Æblemost og ølsmagning"]
    assert titles(client.get(CATALOGUE, {"q": "ØLSMAGNING"})) == ["Æblemost og ølsmagning"]


def test_search_syntax_is_not_interpreted(client):
    activity_with_session(title_da="Strikkecafé")

    for text in ["strik:*", "strik & !café", "' OR 1=1 --", "(strik", "strik|kaffe", "%_%"]:
        response = client.get(CATALOGUE, {"q": text})
        assert response.status_code == 200


@pytest.mark.postgres
def test_postgresql_search_uses_danish_and_english_stemming(client, db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Full-text search with stemming needs PostgreSQL.")
    activity_with_session(title_da="Kaffe og kage", description_da="Vi drikker kaffe.")
    activity_with_session(
        title_da="Gåture",
        description_da="Vi går ved havet.",
        title_en="Walks",
        description_en="Long walks by the sea.",
    )

    assert titles(client.get(CATALOGUE, {"q": "kaffen"})) == ["Kaffe og kage"]
    assert titles(client.get(CATALOGUE, {"q": "walking"})) == ["Gåture"]


def test_focus_area_filter(client):
    health, culture = FocusAreaFactory(slug="sundhed"), FocusAreaFactory(slug="kultur")
    activity_with_session(title_da="Gymnastik", focus_areas=[health])
    activity_with_session(title_da="Koncert", focus_areas=[culture])

    assert titles(client.get(CATALOGUE, {"area": "sundhed"})) == ["Gymnastik"]
    assert titles(client.get(CATALOGUE, {"area": ["sundhed", "kultur"]})) == [
        "Gymnastik",
        "Koncert",
    ]


def test_interest_filter(client):
    music = InterestFactory(slug="music")
    activity_with_session(title_da="Kor", interests=[music])
    activity_with_session(title_da="Skak", days=3)

    assert titles(client.get(CATALOGUE, {"interest": "music"})) == ["Kor"]


def test_town_filter(client):
    bramming = TownFactory(**BRAMMING)
    activity_with_session(title_da="I Ribe")
    activity_with_session(title_da="I Bramming", town=bramming)

    assert titles(client.get(CATALOGUE, {"town": "bramming"})) == ["I Bramming"]
    assert titles(client.get(CATALOGUE, {"town": "ribe"})) == ["I Ribe"]


def test_age_group_filter(client):
    seniors = AgeGroupFactory()
    children = AgeGroupFactory(slug="children", name_da="Børn", name_en="Children")
    activity_with_session(title_da="Stolegymnastik", age_groups=[seniors])
    activity_with_session(title_da="Legestue", age_groups=[children])

    assert titles(client.get(CATALOGUE, {"age": "children"})) == ["Legestue"]


def test_language_filter(client):
    danish = LanguageFactory()
    english = LanguageFactory(
        code="en", name_da="Engelsk", name_en="English", native_name="English"
    )
    activity_with_session(title_da="Sprogcafé", languages=[danish, english])
    activity_with_session(title_da="Højskolesang", languages=[danish])

    assert titles(client.get(CATALOGUE, {"language": "en"})) == ["Sprogcafé"]


def test_free_filter(client):
    activity_with_session(title_da="Gratis")
    activity_with_session(title_da="Koster", price=Decimal("25"))

    assert titles(client.get(CATALOGUE, {"free": "1"})) == ["Gratis"]
    assert titles(client.get(CATALOGUE, {"free": "0"})) == ["Gratis", "Koster"]


def test_come_alone_filter(client):
    activity_with_session(title_da="Velkommen alene", come_alone_welcome=True)
    activity_with_session(title_da="Hold")

    assert titles(client.get(CATALOGUE, {"alone": "on"})) == ["Velkommen alene"]


def test_accessibility_filter_needs_every_fact_chosen(client):
    activity_with_session(title_da="Begge", step_free_access=True, hearing_loop=True)
    activity_with_session(title_da="Kun niveaufri", step_free_access=True)
    activity_with_session(title_da="Ingen")

    response = client.get(CATALOGUE, {"access": "step_free_access"})
    assert titles(response) == ["Begge", "Kun niveaufri"]
    response = client.get(CATALOGUE, {"access": ["step_free_access", "hearing_loop"]})
    assert titles(response) == ["Begge"]


def test_date_range_filter_shows_the_first_session_within_it(client):
    today = timezone.localdate()
    soon = activity_with_session(title_da="Snart", days=1)
    session_on(soon, days=20)
    activity_with_session(title_da="Senere", days=10)

    in_ten_days = (today + timedelta(days=10)).isoformat()
    response = client.get(CATALOGUE, {"date_from": in_ten_days, "date_to": in_ten_days})
    assert titles(response) == ["Senere"]

    later = (today + timedelta(days=15)).isoformat()
    response = client.get(CATALOGUE, {"date_from": later})
    assert titles(response) == ["Snart"]


def test_weekday_filter(client):
    today = timezone.localdate()
    activity = activity_with_session(title_da="I morgen", days=1)
    tomorrow = (today + timedelta(days=1)).isoweekday()
    activity_with_session(title_da="Om to dage", days=2)

    assert titles(client.get(CATALOGUE, {"day": str(tomorrow)})) == [activity.title_da]


def test_time_of_day_filter(client):
    activity_with_session(title_da="Morgen", start=time(9), end=time(10))
    activity_with_session(title_da="Eftermiddag", start=time(14), end=time(15))
    activity_with_session(title_da="Aften", start=time(19), end=time(21))

    assert titles(client.get(CATALOGUE, {"time": "morning"})) == ["Morgen"]
    assert titles(client.get(CATALOGUE, {"time": "afternoon"})) == ["Eftermiddag"]
    assert titles(client.get(CATALOGUE, {"time": ["evening", "morning"]})) == ["Morgen", "Aften"]


def test_filters_combine(client):
    activity_with_session(title_da="Gratis alene i Ribe", come_alone_welcome=True)
    activity_with_session(title_da="Betalt alene i Ribe", come_alone_welcome=True, price=10)
    activity_with_session(title_da="Gratis i Ribe")
    activity_with_session(
        title_da="Gratis alene i Bramming", come_alone_welcome=True, town=TownFactory(**BRAMMING)
    )
    today = timezone.localdate()

    response = client.get(
        CATALOGUE,
        {
            "town": "ribe",
            "free": "1",
            "alone": "1",
            "date_from": today.isoformat(),
            "date_to": (today + timedelta(days=6)).isoformat(),
        },
    )

    assert titles(response) == ["Gratis alene i Ribe"]


def test_cancelled_and_past_sessions_do_not_count(client):
    from samskab.activities import services

    cancelled = activity_with_session(title_da="Aflyst")
    services.cancel_session(session=cancelled.sessions.get(), reason="Syg", by=None)
    past = ActivityFactory(title_da="Forbi")
    session = session_on(past, days=1)
    start = timezone.now() - timedelta(days=2)
    session.set_times(start, start + timedelta(hours=1))
    session.save()
    activity_with_session(title_da="Kommer")

    assert titles(client.get(CATALOGUE)) == ["Kommer"]
    assert titles(client.get(CATALOGUE, {"time": ["morning", "afternoon", "evening"]})) == [
        "Kommer"
    ]
