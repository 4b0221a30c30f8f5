"""The "Volunteer with us" section of an organisation's public page."""

from samskab.volunteering import cards, selectors


def volunteer_with_us_section(request, organisation):
    """Published opportunities of the organisation, soonest shift first; nothing when it
    has none. One query for the opportunities, and one for the focus areas and skills of
    the cards not kept (``cards``)."""
    if not organisation.is_public:
        return None
    opportunities = selectors.published_opportunities_of(organisation)
    cards.attach_cards(opportunities)
    return {"opportunities": opportunities} if opportunities else None
