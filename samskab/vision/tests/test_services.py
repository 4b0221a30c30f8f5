import pytest
from django.core.exceptions import ValidationError

from samskab.vision import services
from samskab.vision.models import Initiative, ResultStory
from samskab.vision.progress import combined_progress
from tests.factories import (
    FocusAreaFactory,
    InitiativeStatusFactory,
    ResultStoryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def focus_area():
    return FocusAreaFactory()


@pytest.fixture
def started():
    return InitiativeStatusFactory(slug="started", name_da="Igangsat", default_progress=25)


@pytest.fixture
def done():
    return InitiativeStatusFactory(slug="done", name_da="Gennemført", default_progress=100)


_counter = iter(range(10_000))


def create(focus_area, status, *, parent=None, progress=None, weight=None):
    number = next(_counter)
    return services.initiative_create(
        focus_area=focus_area,
        status=status,
        slug=f"initiativ-{number}",
        title_da=f"Initiativ {number}",
        parent=parent,
        progress=progress,
        weight=weight,
    )


def progress_of(initiative):
    return Initiative.objects.get(pk=initiative.pk).progress


# --- The calculation ------------------------------------------------------------------


def test_combined_progress_of_nothing_is_none():
    assert combined_progress([]) is None


def test_combined_progress_is_plain_average_without_weights():
    assert combined_progress([(20, None), (40, None), (90, None)]) == 50


def test_combined_progress_is_weighted_average_with_weights():
    assert combined_progress([(100, 3), (0, 1)]) == 75


def test_combined_progress_counts_missing_weights_as_one():
    assert combined_progress([(100, 2), (0, None), (50, None)]) == 63  # 250 / 4 = 62.5


def test_combined_progress_rounds_half_up():
    assert combined_progress([(0, None), (1, None)]) == 1


# --- Leaves ---------------------------------------------------------------------------


def test_new_leaf_takes_its_status_default_progress(focus_area, started):
    initiative = create(focus_area, started)
    assert progress_of(initiative) == 25


def test_new_leaf_keeps_an_explicit_progress(focus_area, started):
    initiative = create(focus_area, started, progress=40)
    assert progress_of(initiative) == 40


def test_changing_status_sets_the_new_default_progress(focus_area, started, done):
    initiative = create(focus_area, started, progress=40)
    services.initiative_update(initiative=initiative, status=done)
    assert progress_of(initiative) == 100


def test_status_and_progress_changed_together_keep_the_explicit_progress(focus_area, started, done):
    initiative = create(focus_area, started)
    services.initiative_update(initiative=initiative, status=done, progress=90)
    assert progress_of(initiative) == 90


def test_editing_other_fields_keeps_the_progress(focus_area, started):
    initiative = create(focus_area, started, progress=40)
    services.initiative_update(initiative=initiative, title_en="New title")
    assert progress_of(initiative) == 40


def test_update_rejects_unknown_field(focus_area, started):
    initiative = create(focus_area, started)
    with pytest.raises(TypeError):
        services.initiative_update(initiative=initiative, colour="red")


# --- Roll-up --------------------------------------------------------------------------


def test_parent_is_plain_average_of_unweighted_children(focus_area, started):
    parent = create(focus_area, started)
    create(focus_area, started, parent=parent, progress=20)
    create(focus_area, started, parent=parent, progress=60)
    assert progress_of(parent) == 40


def test_parent_is_weighted_average_of_weighted_children(focus_area, started):
    parent = create(focus_area, started)
    create(focus_area, started, parent=parent, progress=100, weight=3)
    create(focus_area, started, parent=parent, progress=0, weight=1)
    assert progress_of(parent) == 75


def test_mixed_weights_count_unweighted_children_as_one(focus_area, started):
    parent = create(focus_area, started)
    create(focus_area, started, parent=parent, progress=100, weight=3)
    create(focus_area, started, parent=parent, progress=0)
    assert progress_of(parent) == 75


def test_changing_a_childs_weight_recomputes_the_parent(focus_area, started):
    parent = create(focus_area, started)
    heavy = create(focus_area, started, parent=parent, progress=100)
    create(focus_area, started, parent=parent, progress=0)
    assert progress_of(parent) == 50
    services.initiative_update(initiative=heavy, weight=4)
    assert progress_of(parent) == 80


def test_deep_tree_rolls_up_to_the_top(focus_area, started, done):
    top = create(focus_area, started)
    middle = create(focus_area, started, parent=top)
    sibling = create(focus_area, started, parent=top, progress=0)
    leaf = create(focus_area, started, parent=middle, progress=0)
    create(focus_area, started, parent=middle, progress=0)
    assert progress_of(top) == 0

    services.initiative_set_status(initiative=leaf, status=done)

    assert progress_of(leaf) == 100
    assert progress_of(middle) == 50
    assert progress_of(top) == 25
    assert progress_of(sibling) == 0


def test_setting_status_on_a_parent_keeps_its_computed_progress(focus_area, started, done):
    parent = create(focus_area, started)
    create(focus_area, started, parent=parent, progress=10)
    services.initiative_set_status(initiative=parent, status=done)
    parent.refresh_from_db()
    assert parent.status == done
    assert parent.progress == 10


def test_explicit_progress_on_a_parent_is_overridden_by_its_children(focus_area, started):
    parent = create(focus_area, started)
    create(focus_area, started, parent=parent, progress=10)
    services.initiative_update(initiative=parent, progress=90)
    assert progress_of(parent) == 10


def test_deleting_a_child_recomputes_the_parent(focus_area, started):
    parent = create(focus_area, started)
    create(focus_area, started, parent=parent, progress=100)
    doomed = create(focus_area, started, parent=parent, progress=0)
    assert progress_of(parent) == 50
    services.initiative_delete(initiative=doomed)
    assert progress_of(parent) == 100


def test_deleting_the_last_child_makes_the_parent_follow_its_status(focus_area, started):
    parent = create(focus_area, started)
    only_child = create(focus_area, started, parent=parent, progress=90)
    assert progress_of(parent) == 90
    services.initiative_delete(initiative=only_child)
    assert progress_of(parent) == started.default_progress


def test_deleting_a_parent_deletes_its_subtree_and_recomputes_above(focus_area, started):
    top = create(focus_area, started)
    create(focus_area, started, parent=top, progress=100)
    middle = create(focus_area, started, parent=top)
    create(focus_area, started, parent=middle, progress=0)
    assert progress_of(top) == 50
    services.initiative_delete(initiative=middle)
    assert Initiative.objects.filter(parent=top).count() == 1
    assert progress_of(top) == 100


def test_bulk_delete_recomputes_surviving_parents(focus_area, started):
    top = create(focus_area, started)
    keep = create(focus_area, started, parent=top, progress=80)
    middle = create(focus_area, started, parent=top)
    grandchild = create(focus_area, started, parent=middle, progress=0)
    services.initiatives_delete(
        initiatives=Initiative.objects.filter(pk__in=[middle.pk, grandchild.pk])
    )
    assert list(Initiative.objects.filter(parent=top)) == [keep]
    assert progress_of(top) == 80


def test_moving_a_child_recomputes_old_and_new_parent(focus_area, started):
    old_parent = create(focus_area, started)
    new_parent = create(focus_area, started)
    create(focus_area, started, parent=old_parent, progress=0)
    mover = create(focus_area, started, parent=old_parent, progress=100)
    create(focus_area, started, parent=new_parent, progress=0)
    assert (progress_of(old_parent), progress_of(new_parent)) == (50, 0)

    services.initiative_update(initiative=mover, parent=new_parent)

    assert progress_of(old_parent) == 0
    assert progress_of(new_parent) == 50


def test_moving_the_only_child_away_turns_the_old_parent_into_a_leaf(focus_area, started):
    old_parent = create(focus_area, started)
    mover = create(focus_area, started, parent=old_parent, progress=80)
    services.initiative_update(initiative=mover, parent=None)
    assert progress_of(old_parent) == started.default_progress
    assert progress_of(mover) == 80


def test_bulk_status_change_recomputes_each_parent(focus_area, started, done):
    parent = create(focus_area, started)
    first = create(focus_area, started, parent=parent)
    second = create(focus_area, started, parent=parent)
    create(focus_area, started, parent=parent, progress=0)
    count = services.initiatives_set_status(initiatives=[first, second], status=done)
    assert count == 2
    assert progress_of(parent) == 67  # (100 + 100 + 0) / 3


def test_child_must_be_in_the_parents_focus_area(focus_area, started):
    parent = create(focus_area, started)
    with pytest.raises(ValidationError) as error:
        create(FocusAreaFactory(), started, parent=parent)
    assert "parent" in error.value.message_dict


def test_initiative_cannot_become_its_own_descendant(focus_area, started):
    top = create(focus_area, started)
    child = create(focus_area, started, parent=top)
    with pytest.raises(ValidationError):
        services.initiative_update(initiative=top, parent=child)
    with pytest.raises(ValidationError):
        services.initiative_update(initiative=Initiative.objects.get(pk=top.pk), parent=top)


def test_moving_to_another_focus_area_takes_subtree_and_stories_along(focus_area, started):
    other_area = FocusAreaFactory()
    top = create(focus_area, started)
    child = create(focus_area, started, parent=top)
    grandchild = create(focus_area, started, parent=child)
    story = ResultStoryFactory(focus_area=focus_area, initiative=grandchild)

    services.initiative_update(initiative=top, focus_area=other_area)

    for initiative in (top, child, grandchild):
        assert Initiative.objects.get(pk=initiative.pk).focus_area == other_area
    assert ResultStory.objects.get(pk=story.pk).focus_area == other_area


def test_recompute_all_progress_fixes_parents_saved_without_the_service(focus_area, started):
    top = create(focus_area, started)
    middle = create(focus_area, started, parent=top)
    leaf = create(focus_area, started, parent=middle, progress=10)
    Initiative.objects.filter(pk=leaf.pk).update(progress=90)

    changed = services.recompute_all_progress()

    assert changed == 2
    assert (progress_of(middle), progress_of(top)) == (90, 90)
    assert services.recompute_all_progress() == 0
