"""The "Upcoming activities" section of an organisation's public page."""

from samskab.activities import cards, selectors


def upcoming_activities_section(request, organisation):
    refs = selectors.upcoming_card_refs(organisation)
    if not refs:
        return None
    activity_cards = cards.kept_cards(
        refs,
        load=lambda missing: selectors.card_activities(missing).values(),
        heading_level=3,
    )
    return {"cards": [card for card in activity_cards if card]}
