"""Text helpers every app shares."""

import difflib
import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q
from django.utils.text import slugify

# A search uses at most this many words of at most this many letters: longer input cannot
# make a query expensive.
SEARCH_MAX_WORDS = 8
SEARCH_MAX_WORD_LENGTH = 40

# Danish letters spelled the way Danes write them without æ, ø and å (slugify would
# otherwise drop them: "Ølgod" would become "lgod").
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def is_whole_number(text: str) -> bool:
    """Only the digits 0-9: ``str.isdigit()`` also accepts "³" and "①", which ``int()``
    refuses."""
    return text.isascii() and text.isdigit()


def slugify_da(text: str, max_length: int | None = None, *, strip: bool = True) -> str:
    """A URL slug for a Danish text: "Fællesspisning i Ølgod" → "faellesspisning-i-oelgod".

    ``max_length`` cuts the slug to that many characters; the cut can end on a "-", which
    ``strip`` removes (``strip=False`` keeps it, as slugs saved before did for some models).
    """
    slug = slugify(text.translate(DANISH_LETTERS))
    if max_length is not None:
        slug = slug[:max_length]
    return slug.strip("-") if strip else slug


def search_words(text: str) -> list[str]:
    """The words of a search in lower case, letters and digits only, so nothing typed can be
    read as search syntax."""
    words = re.findall(r"[^\W_]+", (text or "").casefold())
    return [word[:SEARCH_MAX_WORD_LENGTH] for word in words[:SEARCH_MAX_WORDS]]


def search_condition(words: list[str], *, vector: str, text: str) -> Q:
    """Rows that contain every one of ``words``: on PostgreSQL through the text search
    vector field ``vector`` (each word as the beginning of a word, "strik" finds
    "strikkeklub", stemmed as Danish or as English: "kaffen" finds "kaffe", "walks" finds
    "walk"); elsewhere through ``text``, the same words in lower case."""
    if connection.vendor == "postgresql":
        raw = " & ".join(f"{word}:*" for word in words)
        query = SearchQuery(raw, search_type="raw", config="danish") | SearchQuery(
            raw, search_type="raw", config="english"
        )
        return Q(**{vector: query})
    condition = Q()
    for word in words:
        condition &= Q(**{f"{text}__contains": word})
    return condition


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """What changed between two texts, word by word, as ``(kind, text)`` pieces in order:
    kind is "same", "removed" or "added" (a word keeps the space after it), for showing a
    correction with ``<del>`` and ``<ins>``."""
    old, new = re.findall(r"\S+\s*", before or ""), re.findall(r"\S+\s*", after or "")
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("same", "".join(old[old_from:old_to])))
            continue
        if old_to > old_from:
            pieces.append(("removed", "".join(old[old_from:old_to])))
        if new_to > new_from:
            pieces.append(("added", "".join(new[new_from:new_to])))
    return pieces
