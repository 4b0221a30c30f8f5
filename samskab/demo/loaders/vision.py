"""Demo content: Esbjerg Kommune's Vision 2025 – Velfærd, its ambitions, five focus areas,
initiatives with sub-initiatives, milestones and result stories, in Danish and English,
from content/vision.toml.

Facts come from the municipality's public vision page and the product brief; the wording
is our own. The figures in the result stories are the ones the brief gives; which year a
story is filed under is illustrative where the sources do not say. Loading is idempotent:
every row is found by a stable key (slugs; a milestone by initiative and date; a story by
focus area, year and order) and updated in place, so running it again changes nothing.
"""

from decimal import Decimal

from django.db import transaction

from samskab.demo.content import read, translated
from samskab.demo.loaders import DemoLoader
from samskab.vision.models import (
    Ambition,
    FocusArea,
    Initiative,
    InitiativeStatus,
    Milestone,
    ResultStory,
    Vision,
)
from samskab.vision.services import recompute_all_progress


@transaction.atomic
def load_vision_demo() -> str:
    """Create or update the demo vision. Returns a one-line summary."""
    content = read("vision")
    statuses = {}
    for order, status in enumerate(content["statuses"]):
        statuses[status["slug"]], _ = InitiativeStatus.objects.update_or_create(
            slug=status["slug"],
            defaults={
                **translated(status, "name", "description"),
                "default_progress": status["default_progress"],
                "order": order,
            },
        )

    data = content["vision"]
    vision, _ = Vision.objects.update_or_create(
        slug=data["slug"],
        defaults={
            **translated(data, "title", "tagline", "introduction"),
            # Only the month is known and only the month is shown on the site.
            "adopted_on": data["adopted_on"],
        },
    )
    for order, ambition in enumerate(content["ambitions"]):
        Ambition.objects.update_or_create(
            vision=vision,
            slug=ambition["slug"],
            defaults={**translated(ambition, "title", "text"), "order": order},
        )

    for order, area in enumerate(content["focus_areas"]):
        focus_area, _ = FocusArea.objects.update_or_create(
            slug=area["slug"],
            defaults={
                "vision": vision,
                **translated(area, "title", "summary", "body"),
                "colour": area["colour"],
                "icon": area["icon"],
                "order": order,
            },
        )
        initiatives = {}
        for initiative_order, data in enumerate(area["initiatives"]):
            _load_initiative(
                data,
                focus_area=focus_area,
                parent=None,
                order=initiative_order,
                statuses=statuses,
                loaded=initiatives,
            )
        for story_order, story in enumerate(area["stories"]):
            ResultStory.objects.update_or_create(
                focus_area=focus_area,
                year=story["year"],
                order=story.get("order", story_order),
                defaults={
                    **translated(story, "headline", "text", "unit"),
                    "figure": Decimal(story["figure"]) if "figure" in story else None,
                    "initiative": initiatives.get(story.get("initiative")),
                },
            )

    recompute_all_progress()
    return (
        f"Vision: {Vision.objects.count()} vision(s), {FocusArea.objects.count()} focus areas, "
        f"{Initiative.objects.count()} initiatives, {Milestone.objects.count()} milestones, "
        f"{ResultStory.objects.count()} result stories."
    )


def _load_initiative(data, *, focus_area, parent, order, statuses, loaded) -> Initiative:
    status = statuses[data["status"]]
    defaults = {
        "focus_area": focus_area,
        "parent": parent,
        **translated(data, "title", "description", "department"),
        "status": status,
        "weight": data.get("weight"),
        "start_date": data.get("start_date"),
        "end_date": data.get("end_date"),
        "order": order,
    }
    children = data.get("children", [])
    if not children:
        # A parent's progress is computed afterwards; only leaves carry their own.
        defaults["progress"] = data.get("progress", status.default_progress)
    initiative, _ = Initiative.objects.update_or_create(slug=data["slug"], defaults=defaults)
    loaded[initiative.slug] = initiative

    for milestone in data.get("milestones", []):
        Milestone.objects.update_or_create(
            initiative=initiative,
            date=milestone["date"],
            defaults={
                **translated(milestone, "title", "description"),
                "reached": milestone["reached"],
            },
        )
    for child_order, child in enumerate(children):
        _load_initiative(
            child,
            focus_area=focus_area,
            parent=initiative,
            order=child_order,
            statuses=statuses,
            loaded=loaded,
        )
    return initiative


LOADER = DemoLoader("vision", "samskab.demo.loaders.vision.load_vision_demo")
