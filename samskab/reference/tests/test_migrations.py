"""The reference lists moved from activities and volunteering to their own app: the rows,
and every activity, opportunity, profile, need and visit request pointing at them, stay."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_MOVE = [
    ("activities", "0002_reference_lists"),
    ("volunteering", "0002_skills"),
    ("needs", "0001_initial"),
    ("visiting", "0001_initial"),
    ("organisations", "0001_initial"),
    ("vision", "0001_initial"),
    ("accounts", "0001_initial"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_moving_the_lists_keeps_every_row_and_every_link():
    old = _migrate(BEFORE_MOVE)
    town = old.get_model("activities", "Town").objects.create(
        slug="fanoe-test", name="Fanø test", postcode="6720", latitude=55.42, longitude=8.41
    )
    interest = old.get_model("activities", "Interest").objects.create(
        slug="kites", name="Drager", name_da="Drager", name_en="Kites"
    )
    skill = old.get_model("volunteering", "Skill").objects.create(
        slug="kite-flying", name="Dragebygning", name_da="Dragebygning"
    )
    user = old.get_model("accounts", "User").objects.create(email="kite@example.org")
    profile = old.get_model("volunteering", "VolunteerProfile").objects.create(user=user)
    profile.towns.add(town)
    profile.interests.add(interest)
    profile.skills.add(skill)
    language_count = old.get_model("activities", "Language").objects.count()

    new = _migrate(_latest())

    town_after = new.get_model("reference", "Town").objects.get(slug="fanoe-test")
    assert (town_after.pk, town_after.name, town_after.postcode) == (town.pk, "Fanø test", "6720")
    interest_after = new.get_model("reference", "Interest").objects.get(slug="kites")
    assert (interest_after.name_da, interest_after.name_en) == ("Drager", "Kites")
    assert new.get_model("reference", "Language").objects.count() == language_count
    profile_after = new.get_model("volunteering", "VolunteerProfile").objects.get(pk=profile.pk)
    assert list(profile_after.towns.values_list("slug", flat=True)) == ["fanoe-test"]
    assert list(profile_after.interests.values_list("slug", flat=True)) == ["kites"]
    assert list(profile_after.skills.values_list("slug", flat=True)) == ["kite-flying"]
    tables = connection.introspection.table_names()
    assert "reference_town" in tables
    assert "activities_town" not in tables
    assert "volunteering_skill" not in tables
