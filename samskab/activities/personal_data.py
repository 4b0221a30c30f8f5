"""What the activities app stores about a person, for "download my data".

Sign-ups are the booking engine's (it has its own section); activities are their
organisation's content. What is left is the person's calendar feed and which activities they
created. Nothing needs a deletion hook: the feed goes with the account (CASCADE) and created
activities stay with their organisation, without the creator (SET_NULL)."""

from samskab.activities.models import Activity, PersonalCalendarFeed


def collect_personal_data(user) -> dict:
    feed = PersonalCalendarFeed.objects.filter(user=user).first()
    created = (
        Activity.objects.filter(created_by=user)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    return {
        # The secret itself is left out: the download is a file people may pass on, and
        # the address works without logging in.
        "personal_calendar_feed": {
            "created_at": feed.created_at.isoformat(),
            "address_last_replaced_at": feed.reset_at.isoformat() if feed.reset_at else None,
        }
        if feed is not None
        else None,
        "activities_created": [
            {
                "title": activity.title,
                "organisation": activity.organisation.name,
                "created_at": activity.created_at.isoformat(),
            }
            for activity in created
        ],
    }
