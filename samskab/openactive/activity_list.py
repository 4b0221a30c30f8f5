"""The OpenActive activity list: the identifiers and preferred labels of physical
activities that OpenActive data uses in ``activity``. ``activity_list.json`` is a copy of
the official list (CC BY 4.0, OpenActive), trimmed to identifier and label; the data model
validator (tools/openactive) checks the feeds against the same file."""

import json
from functools import cache
from pathlib import Path

LIST_FILE = Path(__file__).with_name("activity_list.json")
SCHEME = "https://openactive.io/activity-list"


@cache
def _concepts() -> dict[str, str]:
    data = json.loads(LIST_FILE.read_text(encoding="utf-8"))
    return {concept["id"]: concept["prefLabel"] for concept in data["concept"]}


def label(concept_id: str) -> str | None:
    """The preferred label of a concept of the list, or None when it is not in the list."""
    return _concepts().get(concept_id)


def choices() -> list[tuple[str, str]]:
    """Every activity of the list, by label, for a form."""
    return sorted(((cid, name) for cid, name in _concepts().items()), key=lambda c: c[1].lower())


def concept(concept_id: str) -> dict:
    """The concept as OpenActive data embeds it."""
    return {
        "@type": "Concept",
        "@id": concept_id,
        "prefLabel": label(concept_id),
        "inScheme": SCHEME,
    }
