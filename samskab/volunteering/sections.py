"""The "Volunteer with us" section of an organisation's public page."""

from samskab.volunteering import selectors


def volunteer_with_us_section(request, organisation):
    """Published opportunities of the organisation, soonest shift first; nothing when it
    has none. Three queries: the opportunities, their focus areas and their skills."""
    if not organisation.is_public:
        return None
    opportunities = selectors.published_opportunities_of(organisation)
    return {"opportunities": opportunities} if opportunities else None
