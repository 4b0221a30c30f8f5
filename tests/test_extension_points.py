"""What the apps declare in their contributions.py (samskab/core/extensions.py) is complete:
forgetting a declaration fails here, not silently in production."""

import datetime
import json
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samskab.accounts import roles
from samskab.core import extensions, tasks

pytestmark = pytest.mark.django_db

# Django's own bookkeeping that a page may read without showing anything of it.
FRAMEWORK_APPS = {"contenttypes", "sessions"}


def user_model():
    return apps.get_model(settings.AUTH_USER_MODEL)


def relations_to_users(model):
    return [
        field
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and field.related_model is user_model()
        and field.model is model
    ]


def samskab_models_pointing_at_users():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("samskab.")
        and model is not user_model()
        and relations_to_users(model)
    ]


def test_every_contributions_module_is_discovered():
    from pathlib import Path

    with_module = {
        config.label
        for config in extensions.samskab_apps()
        if (Path(config.path) / "contributions.py").exists()
    }
    assert with_module == set(extensions._declared)
    assert {"booking", "organisations", "volunteering", "needs"} <= with_module


def test_every_model_that_points_at_a_person_is_covered_by_the_download_and_the_deletion():
    declared = dict(extensions.declared("personal_data"))
    missing = [
        model._meta.label
        for model in samskab_models_pointing_at_users()
        if model._meta.label not in getattr(declared.get(model._meta.app_label), "models", ())
    ]
    assert not missing, (
        "These models hold a person's data but their app's PersonalData(models=...) does not "
        f"name them (add them, and cover them in collect and forget): {missing}"
    )


def test_deleting_an_account_never_meets_a_relation_that_blocks_it():
    """A relation that neither cascades nor is set to null must be cleared by the app's
    ``forget`` hook before the user row goes."""
    declared = dict(extensions.declared("personal_data"))
    blocking = [
        f"{model._meta.label}.{field.name}"
        for model in samskab_models_pointing_at_users()
        for field in relations_to_users(model)
        if not field.many_to_many
        and field.remote_field.on_delete not in (models.CASCADE, models.SET_NULL)
        and declared[model._meta.app_label].forget is None
    ]
    assert not blocking


def test_every_declared_personal_data_model_exists_and_belongs_to_its_app():
    for label, data in extensions.declared("personal_data"):
        for model_label in data.models:
            model = apps.get_model(model_label)
            assert model._meta.app_label == label, model_label


def test_every_section_of_the_download_is_json_for_a_new_person():
    from samskab.accounts.personal_data import personal_data_sections

    person = user_model().objects.create_user(email="new@example.org", password="x" * 12)
    for name, collect in personal_data_sections().items():
        json.dumps(collect(person), cls=DjangoJSONEncoder)
        assert name


def test_the_lists_that_were_kept_by_hand_are_derived_from_the_declarations():
    assert {"vision", "organisations", "activities", "booking", "reference"} <= set(
        roles.municipal_staff_app_labels()
    )
    assert "accounts" not in roles.municipal_staff_app_labels()
    task_names = {task.name for task in tasks.periodic_tasks()}
    assert {"booking.send_reminders", "needs.send_due_alerts", "childsafety.check_rule"} <= (
        task_names
    )


# --- Cached pages --------------------------------------------------------------------------


def _activity_page():
    from tests.factories import ActivityFactory, one_off

    activity = ActivityFactory()
    one_off(activity, days=2)
    return activity.get_absolute_url()


def _organisation_page():
    from tests.factories import (
        ActivityFactory,
        OpportunityFactory,
        OrganisationFactory,
        make_shift,
        one_off,
    )

    organisation = OrganisationFactory()
    one_off(ActivityFactory(organisation=organisation), days=2)
    make_shift(opportunity=OpportunityFactory(organisation=organisation))
    return f"/foreninger/{organisation.slug}/"


def _opportunity_page():
    from tests.factories import OpportunityFactory, make_shift

    opportunity = OpportunityFactory()
    make_shift(opportunity=opportunity)
    return opportunity.get_absolute_url()


def _idea_page():
    from samskab.comments import services as comment_services
    from samskab.ideas import services as idea_services
    from tests.factories import UserFactory, make_municipal_staff
    from tests.factories.ideas import answer_status, propose_idea

    idea = propose_idea()
    idea_services.support(idea=idea, user=UserFactory())
    idea_services.answer(
        idea=idea, by=make_municipal_staff(), status=answer_status(), text="Vi ser på det."
    )
    comment_services.post_comment(target=idea, author=UserFactory(), text="Godt forslag.")
    return idea.get_absolute_url()


def _vision_with_everything():
    """A vision whose focus area and initiative have activities this week, figures, ideas
    with answers and a citizen proposal being carried out."""
    from samskab.proposals.models import Status
    from tests.factories import (
        ActivityFactory,
        FocusAreaFactory,
        InitiativeFactory,
        InitiativeLinkFactory,
        VisionFactory,
        one_off,
    )
    from tests.factories.proposals import write_proposal

    vision = VisionFactory()
    focus_area = FocusAreaFactory(vision=vision)
    initiative = InitiativeFactory(focus_area=focus_area)
    activity = ActivityFactory(participation="sign_up")
    activity.focus_areas.add(focus_area)
    one_off(activity, days=1)
    link = InitiativeLinkFactory(initiative=initiative, indicator__focus_area=focus_area)
    from tests.factories import record

    record(link.indicator, "year", datetime.date(2025, 1, 1), 10)
    idea_path = _idea_page()
    from samskab.ideas.models import Idea

    Idea.objects.update(initiative=initiative)
    Idea.objects.get().focus_areas.add(focus_area)
    assert idea_path
    write_proposal(status=Status.IN_PROGRESS, initiative=initiative)
    return focus_area, initiative


def _front_page():
    _vision_with_everything()
    return "/"


def _focus_area_page():
    focus_area, _initiative = _vision_with_everything()
    return focus_area.get_absolute_url()


def _initiative_page():
    _focus_area, initiative = _vision_with_everything()
    return initiative.get_absolute_url()


# One way to reach each cached page with everything it can show; a newly declared page
# needs a line here, so that its data sources are checked too.
PAGE_WITH_EVERYTHING = {
    "activities:detail": _activity_page,
    "organisations:detail": _organisation_page,
    "volunteering:opportunity": _opportunity_page,
    "ideas:detail": _idea_page,
    "vision:front_page": _front_page,
    "vision:focus_area": _focus_area_page,
    "vision:initiative": _initiative_page,
}

TABLE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def _app_of_table() -> dict[str, str]:
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        tables[model._meta.db_table] = model._meta.app_label
    return tables


@pytest.mark.parametrize(
    "page", [page for _, page in extensions.declared("cached_pages")], ids=lambda p: p.url_name
)
def test_a_cached_page_reads_only_from_the_apps_it_declares(page, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    assert page.url_name in PAGE_WITH_EVERYTHING, f"Add {page.url_name} to PAGE_WITH_EVERYTHING"
    path = PAGE_WITH_EVERYTHING[page.url_name]()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    assert response.status_code == 200
    app_of_table = _app_of_table()
    read = {
        app_of_table[table]
        for query in queries.captured_queries
        for table in TABLE.findall(query["sql"])
        if table in app_of_table
    }
    undeclared = read - set(page.data_sources()) - FRAMEWORK_APPS
    assert not undeclared, (
        f"{page.url_name} shows rows of {sorted(undeclared)} but its CachedPage does not "
        "declare them, so their changes would not forget the cached page"
    )
