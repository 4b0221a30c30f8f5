"""Text helpers every app shares."""

from django.utils.text import slugify

# Danish letters spelled the way Danes write them without æ, ø and å (slugify would
# otherwise drop them: "Ølgod" would become "lgod").
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def slugify_da(text: str, max_length: int | None = None, *, strip: bool = True) -> str:
    """A URL slug for a Danish text: "Fællesspisning i Ølgod" → "faellesspisning-i-oelgod".

    ``max_length`` cuts the slug to that many characters; the cut can end on a "-", which
    ``strip`` removes (``strip=False`` keeps it, as slugs saved before did for some models).
    """
    slug = slugify(text.translate(DANISH_LETTERS))
    if max_length is not None:
        slug = slug[:max_length]
    return slug.strip("-") if strip else slug
