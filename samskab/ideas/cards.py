"""Idea cards (``includes/idea_card.html``), each kept in the cache on its own and shared by
every search, filter and page of the idea list and the vision's pages, for visitors and
people who are logged in alike (``core.page_cache.rendered_fragments``). A card is keyed
with its idea's tag, which a change of the idea (its title, status, focus areas, place,
moderation) forgets, and with its numbers of supporters and comments as the list read them
(those are counters kept on the idea itself). A change of an answer status, a town or a
focus area forgets every card (``SHOWS``: rows without tags), as does a new release. Kept
for ``CARD_CACHE_SECONDS``, as activity and opportunity cards."""

from django.db.models import prefetch_related_objects
from django.utils.safestring import SafeString

from samskab.core import page_cache

CARDS = page_cache.Scope("ideas:card", setting="CARD_CACHE_SECONDS", default_seconds=300)
SHOWS = ("ideas", "reference", "vision")
TEMPLATE = "ideas/includes/idea_card.html"


def attach_cards(ideas) -> None:
    """Set ``idea.card`` to the card of each of ``ideas`` (read with their status and town,
    ``selectors.ideas``); the cards not kept read their focus areas in one query."""
    ideas = list(ideas)
    cards: list[SafeString] = page_cache.rendered_fragments(
        CARDS,
        ideas,
        template_name=TEMPLATE,
        item_context=lambda idea: {"idea": idea},
        parts=lambda idea: (str(idea.pk), str(idea.supports_count), str(idea.comments_count)),
        tags=lambda idea: idea.page_cache_tags(),
        prepare=lambda missing: prefetch_related_objects(missing, "focus_areas"),
    )
    for idea, card in zip(ideas, cards, strict=True):
        idea.card = card
