"""Opportunity cards (``includes/opportunity_card.html``), each kept in the cache on its own
and shared by every page of the volunteering list (searches, filters, pages) and the
organisation's "Volunteer with us", for visitors and people who are logged in alike
(``core.page_cache.rendered_fragments``). A card varies on its next shift's start and the
number of coming shifts (read with the list) and is keyed with the opportunity's tags and
its organisation's (``Opportunity.page_tags``), which a change of the opportunity, its
shifts or its organisation forgets; a change in the reference lists, the skills or the
vision's focus areas forgets every card (``SHOWS``), as does a new release. Kept for
``CARD_CACHE_SECONDS``, as activity cards (``activities.cards``)."""

from django.utils.safestring import SafeString

from samskab.core import page_cache
from samskab.volunteering import selectors
from samskab.volunteering.models import Opportunity

CARDS = page_cache.Scope("volunteering:card", setting="CARD_CACHE_SECONDS", default_seconds=300)
SHOWS = ("volunteering", "booking", "organisations", "reference", "vision")
TEMPLATE = "volunteering/includes/opportunity_card.html"


def connect() -> None:
    page_cache.forget_on_change(CARDS, *SHOWS)


def attach_cards(opportunities) -> None:
    """Set ``opportunity.card`` to the card of each of ``opportunities`` (from
    ``selectors.public_opportunities``); the cards not kept read their focus areas and
    skills in one query."""
    opportunities = list(opportunities)

    def parts(opportunity: Opportunity) -> tuple[str, ...]:
        starts_at = opportunity.next_shift_starts_at
        return (
            str(opportunity.pk),
            "" if starts_at is None else starts_at.isoformat(),
            str(opportunity.upcoming_shift_count),
        )

    cards: list[SafeString] = page_cache.rendered_fragments(
        CARDS,
        opportunities,
        template_name=TEMPLATE,
        item_context=lambda opportunity: {"opportunity": opportunity},
        parts=parts,
        tags=lambda opportunity: Opportunity.page_tags(opportunity.pk, opportunity.organisation_id),
        prepare=selectors.attach_card_lists,
    )
    for opportunity, card in zip(opportunities, cards, strict=True):
        opportunity.card = card
