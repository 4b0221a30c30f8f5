"""The "Upcoming activities" section of an organisation's public page."""

from samskab.activities import cards, selectors


def upcoming_activities_section(request, organisation):
    activities = selectors.upcoming_activities_of(organisation)
    if not activities:
        return None
    cards.attach_cards(activities, heading_level=3)
    return {"activities": activities}
