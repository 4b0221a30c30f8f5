"""Read the demo's data files: ``samskab/demo/content/<name>.toml``.

A translated text is written in Danish under its name and in English under the name with
``_en`` (``title = "…"``, ``title_en = "…"``); a missing English text is empty. TOML gives
dates (``2019-06-01``) and local times (``10:00:00``) as ``datetime`` objects; amounts that
must be exact are strings, for ``Decimal``.
"""

import tomllib
from functools import cache
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@cache
def read(name: str) -> dict:
    """The parsed data file ``content/<name>.toml`` (read once per process; do not change
    the result)."""
    with (CONTENT_DIR / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def pair(row: dict, name: str) -> tuple[str, str]:
    """(Danish, English) of a translated text."""
    return row.get(name, ""), row.get(f"{name}_en", "")


def translated(row: dict, *names: str) -> dict:
    """{"title": "da", "title_en": "en"} → {"title_da": "da", "title_en": "en"} for the
    given names: the model fields of modeltranslation."""
    values = {}
    for name in names:
        values[f"{name}_da"], values[f"{name}_en"] = pair(row, name)
    return values
