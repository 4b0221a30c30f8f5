"""What of the ideas is kept in the cache (``samskab.core.page_cache``), and what forgets it.

- **The idea's page**, whole for visitors who are not logged in (``PAGES``,
  ``PUBLIC_PAGE_CACHE_SECONDS``), keyed with the idea's tag: a change of the idea, its
  supports, answers, offers of help or earlier versions (their ``page_cache_tags()``)
  forgets that idea's page only. Its comments and their moderation, the need it became,
  the vision, the places and the names of the people on it forget every idea page
  (``SHOWS``: those apps' rows have no tags).
- **Idea cards** (``cards.py``), one per idea, shared by every search, filter and page of
  the list, for everyone; keyed with the idea's tag and its counts.
- **What lists of ideas show** besides the cards (the idea list's filter form and the
  promise, the vision pages' sections): ``LISTS``, forgotten on any change of an idea or a
  row shown with one (``signals.py``), since which ideas a list holds, and in which order,
  can change with any of them.
"""

from samskab.core import page_cache

PAGES = page_cache.Scope("ideas:idea_page", setting=page_cache.PUBLIC_PAGE_SECONDS)
SHOWS = ("ideas", "comments", "moderation", "needs", "vision", "reference", "accounts")
LISTS = page_cache.Scope("ideas:lists", setting=page_cache.PUBLIC_PAGE_SECONDS)


def page_tags(pk: int, slug: str | None = None) -> list[str]:
    """The tags of the idea's page, from its address."""
    from samskab.ideas.models import Idea

    return [page_cache.tag(Idea, pk)]
