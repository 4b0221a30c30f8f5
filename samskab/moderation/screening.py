"""What makes a new post wait for a person before it is published: links, and the words
on the municipality's list (``MODERATION_HELD_WORDS``). Plain functions of the text, so
they are cheap to run at every submit and easy to test."""

import re

from django.conf import settings

# Any web address: with a scheme, starting with "www.", or a bare domain on a common
# top-level domain ("billig-medicin.com/tilbud"). Abbreviations with dots ("f.eks.",
# "bl.a.") do not match.
_LINK = re.compile(
    r"(?:\bhttps?://|\bwww\.|"
    r"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\."
    r"(?:dk|com|net|org|eu|info|biz|io|co|se|no|de|uk|ru|cn|xyz|top|online|site|shop|app)"
    r"\b(?![.-]?\w))",
    re.IGNORECASE,
)


def contains_link(text: str) -> bool:
    return _LINK.search(text or "") is not None


def held_words() -> list[str]:
    return [word.strip() for word in getattr(settings, "MODERATION_HELD_WORDS", ()) if word]


def held_words_in(text: str) -> list[str]:
    """The listed words (or phrases) that ``text`` contains as whole words, whatever the
    case. A listed word ending in "*" also matches the words that begin with it."""
    found = []
    for word in held_words():
        stem = word.rstrip("*")
        if not stem:
            continue
        ending = r"\w*" if word.endswith("*") else ""
        if re.search(rf"(?<!\w){re.escape(stem)}{ending}(?!\w)", text or "", re.IGNORECASE):
            found.append(word)
    return found
