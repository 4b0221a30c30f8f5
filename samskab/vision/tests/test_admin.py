import pytest
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from samskab.vision.models import Initiative, Milestone, ResultStory
from tests.factories import (
    AmbitionFactory,
    FocusAreaFactory,
    InitiativeFactory,
    InitiativeStatusFactory,
    ResultStoryFactory,
    UserFactory,
    make_municipal_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_municipal_staff())
    return client


@pytest.fixture
def statuses():
    return {
        "started": InitiativeStatusFactory(slug="started", default_progress=25),
        "done": InitiativeStatusFactory(slug="done", default_progress=100),
    }


@pytest.fixture
def tree(statuses):
    """A parent at 50 % with two leaves at 0 % and 100 %."""
    area = FocusAreaFactory()
    parent = InitiativeFactory(focus_area=area, status=statuses["started"], progress=50)
    low = InitiativeFactory(focus_area=area, parent=parent, status=statuses["started"], progress=0)
    high = InitiativeFactory(focus_area=area, parent=parent, status=statuses["done"], progress=100)
    return parent, low, high


def change_url(obj):
    return reverse(f"admin:vision_{obj._meta.model_name}_change", args=[obj.pk])


def initiative_form_data(initiative, **overrides):
    data = {
        "focus_area": initiative.focus_area_id,
        "parent": initiative.parent_id or "",
        "title_da": initiative.title_da,
        "title_en": initiative.title_en or "",
        "slug": initiative.slug,
        "description_da": initiative.description_da or "",
        "description_en": initiative.description_en or "",
        "status": initiative.status_id,
        "progress": initiative.progress,
        "weight": initiative.weight or "",
        "start_date": "",
        "end_date": "",
        "department_da": initiative.department_da or "",
        "department_en": initiative.department_en or "",
        "order": initiative.order,
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
        "result_stories-TOTAL_FORMS": "0",
        "result_stories-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


# --- Staff can work with every part of the vision ------------------------------------


@pytest.mark.parametrize(
    "model_name",
    ["vision", "ambition", "focusarea", "initiative", "initiativestatus", "resultstory"],
)
def test_staff_can_open_list_and_add_pages(staff_client, tree, model_name):
    ResultStoryFactory(focus_area=tree[0].focus_area, initiative=tree[0])
    AmbitionFactory(vision=tree[0].focus_area.vision)
    assert staff_client.get(reverse(f"admin:vision_{model_name}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"admin:vision_{model_name}_add")).status_code == 200


def test_focus_area_list_shows_overall_progress(staff_client, tree):
    response = staff_client.get(reverse("admin:vision_focusarea_changelist"))
    assert "50 % gennemført" in response.content.decode()


def test_progress_is_read_only_for_a_parent_and_editable_for_a_leaf(staff_client, tree):
    parent, low, _high = tree
    parent_page = staff_client.get(change_url(parent)).content.decode()
    leaf_page = staff_client.get(change_url(low)).content.decode()
    assert 'name="progress"' not in parent_page
    assert 'name="progress"' in leaf_page


def test_view_on_site_leads_to_the_public_page(staff_client, tree):
    parent = tree[0]
    content_type = ContentType.objects.get_for_model(Initiative)
    url = reverse("admin:view_on_site", args=[content_type.pk, parent.pk])
    assert url in staff_client.get(change_url(parent)).content.decode()
    response = staff_client.get(url)
    assert response.status_code == 302
    assert response.url.endswith(parent.get_absolute_url())

    area_type = ContentType.objects.get_for_model(parent.focus_area)
    response = staff_client.get(
        reverse("admin:view_on_site", args=[area_type.pk, parent.focus_area.pk])
    )
    assert response.url.endswith(parent.focus_area.get_absolute_url())


# --- Admin edits roll up through the services ----------------------------------------


def test_changing_a_childs_status_in_the_admin_recomputes_the_parent(staff_client, tree, statuses):
    parent, low, _high = tree

    response = staff_client.post(
        change_url(low), initiative_form_data(low, status=statuses["done"].pk)
    )

    assert response.status_code == 302
    low.refresh_from_db()
    parent.refresh_from_db()
    assert low.progress == 100
    assert parent.progress == 100


def test_explicit_progress_in_the_admin_wins_over_the_status(staff_client, tree, statuses):
    parent, low, _high = tree

    staff_client.post(
        change_url(low), initiative_form_data(low, status=statuses["done"].pk, progress=60)
    )

    low.refresh_from_db()
    parent.refresh_from_db()
    assert low.progress == 60
    assert parent.progress == 80


def test_adding_a_sub_initiative_in_the_admin_recomputes_the_parent(staff_client, tree, statuses):
    parent, _low, _high = tree
    template = Initiative(
        focus_area=parent.focus_area,
        parent=parent,
        title_da="Nyt delinitiativ",
        slug="nyt-delinitiativ",
        status=statuses["started"],
        progress=0,
        weight=2,
    )
    data = initiative_form_data(
        template,
        **{
            "milestones-TOTAL_FORMS": "1",
            "milestones-0-date": "2025-03-01",
            "milestones-0-title_da": "Første møde",
            "milestones-0-reached": "on",
            "result_stories-TOTAL_FORMS": "1",
            "result_stories-0-year": "2024",
            "result_stories-0-headline_da": "Et resultat",
            "result_stories-0-order": "0",
        },
    )

    response = staff_client.post(reverse("admin:vision_initiative_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    new = Initiative.objects.get(slug="nyt-delinitiativ")
    assert new.progress == 25  # the status's default
    parent.refresh_from_db()
    assert parent.progress == 38  # (0 + 100 + 25·2) / 4 = 37.5
    assert Milestone.objects.get(initiative=new).reached is True
    story = ResultStory.objects.get(initiative=new)
    assert story.focus_area == parent.focus_area


def test_child_in_another_focus_area_is_refused_with_a_message(staff_client, tree):
    parent, low, _high = tree
    other_area = FocusAreaFactory()

    response = staff_client.post(
        change_url(low), initiative_form_data(low, focus_area=other_area.pk)
    )

    assert response.status_code == 200
    assert "Det overordnede initiativ skal høre til samme fokusområde." in response.content.decode()
    low.refresh_from_db()
    assert low.focus_area == parent.focus_area


def test_deleting_a_child_in_the_admin_recomputes_the_parent(staff_client, tree):
    parent, low, _high = tree
    url = reverse("admin:vision_initiative_delete", args=[low.pk])

    response = staff_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    parent.refresh_from_db()
    assert parent.progress == 100


def test_bulk_delete_in_the_admin_recomputes_the_parent(staff_client, tree):
    parent, low, _high = tree

    response = staff_client.post(
        reverse("admin:vision_initiative_changelist"),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [low.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Initiative.objects.filter(pk=low.pk).exists()
    parent.refresh_from_db()
    assert parent.progress == 100


# --- Bulk status change ---------------------------------------------------------------


def test_bulk_change_status_asks_for_the_status_first(staff_client, tree):
    _parent, low, high = tree

    response = staff_client.post(
        reverse("admin:vision_initiative_changelist"),
        {"action": "change_status", helpers.ACTION_CHECKBOX_NAME: [low.pk, high.pk]},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="status"' in html
    assert f'value="{low.pk}"' in html and f'value="{high.pk}"' in html
    assert "Disse initiativer får den status, du vælger:" in html
    assert "style=" not in html.split("<body", 1)[1].split("</form>")[0].split("<form", 1)[1]


def test_bulk_change_status_sets_progress_and_recomputes_parents(staff_client, tree, statuses):
    parent, low, high = tree

    response = staff_client.post(
        reverse("admin:vision_initiative_changelist"),
        {
            "action": "change_status",
            helpers.ACTION_CHECKBOX_NAME: [low.pk, high.pk],
            "status": statuses["started"].pk,
            "apply": "1",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "2 initiativer har nu status" in response.content.decode()
    low.refresh_from_db()
    high.refresh_from_db()
    parent.refresh_from_db()
    assert (low.status, high.status) == (statuses["started"], statuses["started"])
    assert (low.progress, high.progress) == (25, 25)
    assert parent.progress == 25


def test_bulk_change_status_without_a_status_shows_the_form_again(staff_client, tree):
    _parent, low, _high = tree

    response = staff_client.post(
        reverse("admin:vision_initiative_changelist"),
        {"action": "change_status", helpers.ACTION_CHECKBOX_NAME: [low.pk], "apply": "1"},
    )

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


# --- Who may not ----------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login(client, tree):
    response = client.get(change_url(tree[0]), follow=True)
    final_url = response.redirect_chain[-1][0]
    assert final_url.startswith(reverse("account_login"))


def test_citizen_cannot_reach_the_admin(client, tree):
    client.force_login(UserFactory())

    assert client.get(reverse("admin:index"), follow=True).status_code == 403
    assert client.get(change_url(tree[0]), follow=True).status_code == 403


def test_citizen_cannot_edit_an_initiative(client, tree):
    _parent, low, _high = tree
    client.force_login(UserFactory())

    response = client.post(
        change_url(low), initiative_form_data(low, title_da="Hacket"), follow=True
    )

    assert response.status_code == 403
    low.refresh_from_db()
    assert low.title_da != "Hacket"


def test_staff_without_the_municipal_role_cannot_edit_the_vision(client, tree):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("admin:vision_initiative_changelist"))
    assert response.status_code == 403
