"""Every Danish catalogue in the project is complete: no fuzzy entries and no empty
translations, plural forms included. Danish first means no English leaking into /."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PROJECT_DIR = Path(__file__).resolve().parents[1]
DANISH_CATALOGUES = sorted((PROJECT_DIR / "samskab").glob("**/locale/da/LC_MESSAGES/django.po"))


def catalogue_id(path: Path) -> str:
    return path.relative_to(PROJECT_DIR).as_posix()


def read_catalogue(path: Path):
    with path.open("rb") as po_file:
        return read_po(po_file, locale="da", abort_invalid=True)


def test_there_are_danish_catalogues():
    assert DANISH_CATALOGUES, "no samskab/**/locale/da/LC_MESSAGES/django.po found"


@pytest.mark.parametrize("path", DANISH_CATALOGUES, ids=catalogue_id)
def test_danish_catalogue_has_no_fuzzy_entries(path):
    catalogue = read_catalogue(path)

    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    header_note = (
        ["(the header: remove '#, fuzzy' above msgid \"\" or the catalogue is not compiled)"]
        if catalogue.fuzzy
        else []
    )
    problems = header_note + [repr(msgid) for msgid in fuzzy]
    assert not problems, (
        f"{catalogue_id(path)} has fuzzy entries; check the translation and remove the "
        "'#, fuzzy' flag:\n  " + "\n  ".join(problems)
    )


@pytest.mark.parametrize("path", DANISH_CATALOGUES, ids=catalogue_id)
def test_danish_catalogue_translates_every_message(path):
    catalogue = read_catalogue(path)
    plural_count = catalogue.num_plurals

    untranslated = []
    for message in catalogue:
        if not message.id:
            continue
        if message.pluralizable:
            strings = list(message.string) if isinstance(message.string, (list, tuple)) else []
            if len(strings) < plural_count or not all(s.strip() for s in strings):
                untranslated.append(f"{message.id[0]!r} (plural: {message.id[1]!r})")
        elif not (message.string or "").strip():
            untranslated.append(repr(message.id))

    assert not untranslated, (
        f"{catalogue_id(path)} has {len(untranslated)} message(s) without a Danish "
        "translation:\n  " + "\n  ".join(untranslated)
    )
