"""The public page of an idea is kept for visitors who are not logged in
(``samskab.core.page_cache``, ``PUBLIC_PAGE_CACHE_SECONDS``) and forgotten whenever anything
it shows may have changed: the idea, its supports, answers and offers of help, its
comments and their moderation, the need it became, the vision and the places it names, and
the names of the people on it. Which apps those are is declared in ``contributions.py``;
every model of those apps counts, so a support, a comment or an answer to any idea forgets
every kept idea page (they are cheap to build again; finer tags are a later step)."""

from samskab.core import page_cache

PAGES = page_cache.Scope("ideas:idea_page", setting=page_cache.PUBLIC_PAGE_SECONDS)
SHOWS = ("ideas", "comments", "moderation", "needs", "vision", "reference", "accounts")
