"""Changes to initiatives, keeping every parent's progress in step with its sub-initiatives.

Rules (the combination itself is in progress.py):

- A leaf initiative (no sub-initiatives) has its own progress: set explicitly, or taken from
  its status's default progress whenever the status is set or changed.
- An initiative with sub-initiatives has a computed progress: the weighted average of its
  children's progress, where a child without a weight counts as 1. Its status stays what
  staff chose; setting the status does not override the computed progress.
- After any change to an initiative (created, edited, re-weighted, moved to another parent,
  deleted) its former and its new ancestors are recomputed, all the way to the top.
- An initiative that loses its last sub-initiative is a leaf again and follows its status.
- Moving an initiative to another focus area moves its sub-initiatives and their result
  stories along, so a tree never spans two focus areas.

Parents are locked (SELECT ... FOR UPDATE) while they are recomputed, so two staff members
editing sibling initiatives at once cannot leave the parent with a stale figure.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction

from samskab.vision.models import Initiative, InitiativeStatus, ResultStory
from samskab.vision.progress import combined_progress


@transaction.atomic
def initiative_create(
    *,
    focus_area,
    status: InitiativeStatus,
    slug: str,
    title_da: str,
    parent: Initiative | None = None,
    progress: int | None = None,
    **fields,
) -> Initiative:
    """Create an initiative. Without an explicit progress a leaf starts at its status's
    default progress."""
    _check_field_names(fields)
    initiative = Initiative(
        focus_area=focus_area,
        status=status,
        slug=slug,
        title_da=title_da,
        parent=parent,
        **fields,
    )
    if progress is not None:
        initiative.progress = progress
    return initiative_save(initiative=initiative, progress_is_explicit=progress is not None)


@transaction.atomic
def initiative_update(*, initiative: Initiative, **fields) -> Initiative:
    """Change fields of an initiative (e.g. ``title_en=``, ``parent=``, ``weight=``,
    ``status=``, ``progress=``) and roll the change up."""
    _check_field_names(fields)
    for name, value in fields.items():
        setattr(initiative, name, value)
    return initiative_save(initiative=initiative, progress_is_explicit="progress" in fields)


@transaction.atomic
def initiative_save(*, initiative: Initiative, progress_is_explicit: bool = False) -> Initiative:
    """Validate and store an initiative that was built or edited in memory (e.g. by an
    admin form), then apply the roll-up rules. ``progress_is_explicit`` says the caller set
    the progress on purpose, so a changed status must not replace it."""
    previous = (
        Initiative.objects.filter(pk=initiative.pk)
        .values("parent_id", "focus_area_id", "status_id")
        .first()
        if initiative.pk is not None
        else None
    )
    status_changed = previous is None or previous["status_id"] != initiative.status_id
    if status_changed and not progress_is_explicit:
        initiative.progress = initiative.status.default_progress

    initiative.full_clean()
    initiative.save()

    if previous is not None and previous["focus_area_id"] != initiative.focus_area_id:
        _move_subtree_to_focus_area(initiative)

    recompute_progress_upwards(initiative=initiative)
    if previous is not None and previous["parent_id"] not in (None, initiative.parent_id):
        _recompute_former_parent(previous["parent_id"])
    return initiative


@transaction.atomic
def initiative_set_status(*, initiative: Initiative, status: InitiativeStatus) -> Initiative:
    """Give an initiative a status. A leaf's progress becomes the status's default; a
    parent keeps its computed progress."""
    initiative.status = status
    update_fields = ["status"]
    if not Initiative.objects.filter(parent_id=initiative.pk).exists():
        initiative.progress = status.default_progress
        update_fields.append("progress")
    initiative.save(update_fields=update_fields)
    recompute_progress_upwards(initiative=initiative)
    return initiative


@transaction.atomic
def initiatives_set_status(*, initiatives: Iterable[Initiative], status: InitiativeStatus) -> int:
    """Give several initiatives the same status (the admin's bulk action). Returns how
    many were changed."""
    count = 0
    for initiative in initiatives:
        initiative_set_status(initiative=initiative, status=status)
        count += 1
    return count


@transaction.atomic
def initiative_delete(*, initiative: Initiative) -> None:
    """Delete an initiative with its sub-initiatives and milestones; its parent is
    recomputed. Result stories stay on the focus area without the initiative."""
    parent_id = initiative.parent_id
    initiative.delete()
    if parent_id is not None:
        _recompute_former_parent(parent_id)


@transaction.atomic
def initiatives_delete(*, initiatives: Iterable[Initiative]) -> None:
    """Delete several initiatives at once (the admin's bulk delete)."""
    initiatives = list(initiatives)
    deleted_ids = {initiative.pk for initiative in initiatives}
    parent_ids = {
        initiative.parent_id
        for initiative in initiatives
        if initiative.parent_id is not None and initiative.parent_id not in deleted_ids
    }
    Initiative.objects.filter(pk__in=deleted_ids).delete()
    # A parent may itself have gone with a deleted ancestor.
    for parent_id in Initiative.objects.filter(pk__in=parent_ids).values_list("pk", flat=True):
        _recompute_former_parent(parent_id)


@transaction.atomic
def recompute_progress_upwards(*, initiative: Initiative) -> None:
    """Recompute the progress of this initiative (if it has sub-initiatives) and then of
    each ancestor up to the main initiative."""
    node_id = initiative.pk
    visited = set()
    while node_id is not None and node_id not in visited:
        visited.add(node_id)
        node = (
            Initiative.objects.select_for_update().values("parent_id", "progress").get(pk=node_id)
        )
        children = Initiative.objects.filter(parent_id=node_id).values_list("progress", "weight")
        new_progress = combined_progress(children)
        if new_progress is not None and new_progress != node["progress"]:
            Initiative.objects.filter(pk=node_id).update(progress=new_progress)
            if node_id == initiative.pk:
                initiative.progress = new_progress
        node_id = node["parent_id"]


@transaction.atomic
def recompute_all_progress() -> int:
    """Recompute every parent's progress from the leaves up, in memory and with one bulk
    update (used after loading data in bulk). Returns how many initiatives changed."""
    rows = {
        row["pk"]: row
        for row in Initiative.objects.select_for_update().values(
            "pk", "parent_id", "progress", "weight"
        )
    }
    children_of = defaultdict(list)
    for row in rows.values():
        if row["parent_id"] is not None:
            children_of[row["parent_id"]].append(row["pk"])

    computed = {}

    def progress_of(pk, path=()):
        if pk in computed:
            return computed[pk]
        child_ids = [child for child in children_of.get(pk, []) if child not in path]
        if not child_ids:
            computed[pk] = rows[pk]["progress"]
        else:
            pairs = [
                (progress_of(child, (*path, pk)), rows[child]["weight"]) for child in child_ids
            ]
            computed[pk] = combined_progress(pairs)
        return computed[pk]

    changed = []
    for pk, row in rows.items():
        if progress_of(pk) != row["progress"]:
            changed.append(Initiative(pk=pk, progress=computed[pk]))
    Initiative.objects.bulk_update(changed, ["progress"])
    return len(changed)


def _recompute_former_parent(parent_id: int) -> None:
    parent = Initiative.objects.select_for_update().select_related("status").get(pk=parent_id)
    if not Initiative.objects.filter(parent_id=parent_id).exists():
        # With no sub-initiatives left it is a leaf again and follows its status.
        Initiative.objects.filter(pk=parent_id).update(progress=parent.status.default_progress)
    recompute_progress_upwards(initiative=parent)


def _move_subtree_to_focus_area(initiative: Initiative) -> None:
    subtree_ids = [initiative.pk]
    level = [initiative.pk]
    while level:
        level = list(
            Initiative.objects.filter(parent_id__in=level)
            .exclude(pk__in=subtree_ids)
            .values_list("pk", flat=True)
        )
        subtree_ids.extend(level)
    Initiative.objects.filter(pk__in=subtree_ids).update(focus_area_id=initiative.focus_area_id)
    ResultStory.objects.filter(initiative_id__in=subtree_ids).update(
        focus_area_id=initiative.focus_area_id
    )


def _check_field_names(fields: dict) -> None:
    for name in fields:
        try:
            Initiative._meta.get_field(name.removesuffix("_id"))
        except FieldDoesNotExist as error:
            raise TypeError(f"Initiative has no field {name!r}") from error
