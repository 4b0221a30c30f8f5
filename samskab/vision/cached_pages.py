"""The vision's pages (the front page, a focus area, an initiative) are kept whole for
visitors who are not logged in (``samskab.core.page_cache``, ``PUBLIC_PAGE_CACHE_SECONDS``)
and forgotten whenever anything they show may have changed: the vision itself, and what the
sections other apps contribute show. Each section declares the apps it shows
(``VisionSection.shows``; the contributing app always counts) and, for busy rows whose
changes forget only their tags, the scope its app forgets whenever what it shows of them
changes (``VisionSection.varies_on``: this week's activities are forgotten with the
catalogue's results; their places left are filled in when served)."""

from functools import cache
from itertools import chain

from samskab.core import extensions, page_cache

PAGES = page_cache.Scope("vision:page", setting=page_cache.PUBLIC_PAGE_SECONDS)
SHOWS = ("vision",)


def vision_page_shows() -> tuple[str, ...]:
    sections = extensions.declared("vision_sections")
    return tuple(
        dict.fromkeys(chain(SHOWS, chain.from_iterable((label, *s.shows) for label, s in sections)))
    )


@cache
def varies_on() -> tuple[page_cache.Scope, ...]:
    """Asked on every request for a vision page; the sections are declared at start-up."""
    sections = extensions.declared("vision_sections")
    return tuple(dict.fromkeys(chain.from_iterable(s.varies_on for _, s in sections)))
