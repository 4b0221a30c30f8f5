"""The "Upcoming activities" section of an organisation's public page."""

from samskab.activities import cards, selectors


def upcoming_activities_section(request, organisation):
    activities = selectors.upcoming_activities_of(organisation)
    if not activities:
        return None
    by_id = {activity.pk: activity for activity in activities}
    refs = [selectors.CardRef(a.pk, a.next_session_starts_at) for a in activities]
    activity_cards = cards.kept_cards(
        refs,
        load=lambda missing: selectors.card_activities(missing, loaded=by_id).values(),
        heading_level=3,
    )
    return {"cards": [card for card in activity_cards if card]}
