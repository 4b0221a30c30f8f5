"""Reading the vision for the public pages. Each function does a fixed number of queries,
however many initiatives, milestones or result stories there are."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch

from samskab.vision.models import (
    FocusArea,
    Initiative,
    Milestone,
    ResultStory,
    Vision,
)
from samskab.vision.progress import combined_progress


@dataclass
class YearOfResults:
    year: int
    stories: list[ResultStory]


@dataclass
class FrontPage:
    vision: Vision | None
    focus_areas: list[FocusArea] = field(default_factory=list)


@dataclass
class FocusAreaPage:
    focus_area: FocusArea
    progress: int | None
    initiatives: list[Initiative]
    results_by_year: list[YearOfResults]


@dataclass
class InitiativePage:
    initiative: Initiative
    ancestors: list[Initiative]
    children: list[Initiative]
    milestones: list[Milestone]
    result_stories: list[ResultStory]


def current_vision() -> Vision | None:
    """The most recently adopted vision, or None before any is entered."""
    return Vision.objects.order_by("-adopted_on", "-pk").first()


def front_page() -> FrontPage:
    """The current vision with its ambitions, and its focus areas each with
    ``overall_progress`` (None when it has no initiatives yet)."""
    vision = Vision.objects.order_by("-adopted_on", "-pk").prefetch_related("ambitions").first()
    if vision is None:
        return FrontPage(vision=None)
    focus_areas = list(vision.focus_areas.prefetch_related(main_initiatives_prefetch()))
    for focus_area in focus_areas:
        focus_area.overall_progress = overall_progress(focus_area.main_initiatives)
    return FrontPage(vision=vision, focus_areas=focus_areas)


def focus_area_page(*, slug: str) -> FocusAreaPage:
    """Raises FocusArea.DoesNotExist for an unknown slug."""
    focus_area = FocusArea.objects.get(slug=slug)
    sub_initiatives = Initiative.objects.select_related("status")
    initiatives = list(
        Initiative.objects.filter(focus_area=focus_area, parent__isnull=True)
        .select_related("status")
        .prefetch_related(Prefetch("children", queryset=sub_initiatives))
    )
    stories = (
        ResultStory.objects.filter(focus_area=focus_area)
        .select_related("initiative")
        .order_by("-year", "order", "pk")
    )
    return FocusAreaPage(
        focus_area=focus_area,
        progress=overall_progress(initiatives),
        initiatives=initiatives,
        results_by_year=_group_by_year(stories),
    )


def initiative_page(*, slug: str) -> InitiativePage:
    """Raises Initiative.DoesNotExist for an unknown slug."""
    initiative = Initiative.objects.select_related("focus_area", "status").get(slug=slug)
    # One query for the whole focus area's tree gives every ancestor, however deep.
    tree = {
        other.pk: other
        for other in Initiative.objects.filter(focus_area_id=initiative.focus_area_id).only(
            "pk", "parent_id", "slug", "title_da", "title_en"
        )
    }
    ancestors = []
    parent_id = initiative.parent_id
    while parent_id is not None and parent_id in tree and len(ancestors) < len(tree):
        ancestor = tree[parent_id]
        ancestors.insert(0, ancestor)
        parent_id = ancestor.parent_id
    # Results of the sub-initiatives (at any depth) are results of this initiative too.
    subtree_ids = _subtree_ids(initiative.pk, tree)
    result_stories = (
        ResultStory.objects.filter(initiative_id__in=subtree_ids)
        .select_related("initiative")
        .order_by("-year", "order", "pk")
    )
    return InitiativePage(
        initiative=initiative,
        ancestors=ancestors,
        children=list(initiative.children.select_related("status")),
        milestones=list(initiative.milestones.all()),
        result_stories=list(result_stories),
    )


def _subtree_ids(root_id: int, tree: dict[int, Initiative]) -> set[int]:
    children_of = {}
    for node in tree.values():
        children_of.setdefault(node.parent_id, []).append(node.pk)
    subtree = {root_id}
    pending = [root_id]
    while pending:
        for child_id in children_of.get(pending.pop(), []):
            if child_id not in subtree:
                subtree.add(child_id)
                pending.append(child_id)
    return subtree


def main_initiatives_prefetch() -> Prefetch:
    """Prefetch a focus area's main initiatives (progress and weight only) into
    ``main_initiatives``, for overall_progress()."""
    return Prefetch(
        "initiatives",
        queryset=Initiative.objects.filter(parent__isnull=True).only(
            "pk", "focus_area_id", "progress", "weight"
        ),
        to_attr="main_initiatives",
    )


def overall_progress(main_initiatives) -> int | None:
    """A focus area's progress: its main initiatives combined like sub-initiatives are
    (progress.combined_progress). None when it has no initiatives yet."""
    return combined_progress(
        (initiative.progress, initiative.weight) for initiative in main_initiatives
    )


def _group_by_year(stories) -> list[YearOfResults]:
    """Stories arrive newest year first (the model's ordering)."""
    return [
        YearOfResults(year=year, stories=list(group))
        for year, group in groupby(stories, key=lambda story: story.year)
    ]
