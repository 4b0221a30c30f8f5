"""Activity cards (``includes/activity_card.html``), each kept in the cache on its own.

The same card is on every catalogue page, search and filter that lists its activity, on
"this week" and on its organisation's page, for visitors and for people who are logged in
alike; a page of cards reads the kept ones with one cache round trip and renders only the
others (``core.page_cache.kept_fragments``). A card is keyed with its activity's tag, which
a change of the activity, its schedules, its sessions and their booking slots and bookings,
or its organisation forgets (their ``page_cache_tags()``); a change in the reference lists
(town, age group or language names) forgets every card (``SHOWS``), and a new release
forgets them all (``core.release``). Nothing else on a card changes with time: its session
is part of its key, and its times are dates, not "in two hours". Cards are kept for
``CARD_CACHE_SECONDS`` (0 turns them off; an hour with the shared Redis cache, where every
change is seen at once; five minutes with a cache per process, where a change in one
process cannot forget another's cards).
"""

from django.utils.safestring import SafeString

from samskab.activities import selectors
from samskab.activities.models import Activity
from samskab.core import page_cache

CARDS = page_cache.Scope("activities:card", setting="CARD_CACHE_SECONDS", default_seconds=300)
# The apps whose rows a card shows; their changes forget the cards (tags where they have them).
SHOWS = ("activities", "booking", "organisations", "reference")
TEMPLATE = "activities/includes/activity_card.html"


def connect(app_config) -> None:
    page_cache.forget_on_change(CARDS, *SHOWS)


def kept_cards(
    refs, *, load, heading_level: int = 3, places_filled_when_served: bool = False
) -> list[SafeString]:
    """The card of each of ``refs`` (anything with ``activity_id`` and ``starts_at``, as
    ``selectors.CardRef``), in order; "" for an activity that is gone. ``load(missing)`` reads the
    activities of the refs whose cards are not kept (in any order, each with
    ``next_session``, the session starting at the ref's ``starts_at``); they are rendered
    with their age groups and languages read in one query. ``places_filled_when_served``:
    the places left are markers the view fills in (``booking.places``), for a page kept in
    a cache that sign-ups do not forget."""
    loaded: dict[int, Activity] = {}

    def prepare(missing) -> None:
        loaded.update((activity.pk, activity) for activity in load(missing))
        selectors.attach_card_lists(
            [a for a in loaded.values() if "listed_age_groups" not in a.__dict__]
        )

    def parts(ref) -> tuple[str, ...]:
        return (
            str(heading_level),
            "markers" if places_filled_when_served else "text",
            str(ref.activity_id),
            "" if ref.starts_at is None else ref.starts_at.isoformat(),
        )

    return page_cache.rendered_fragments(
        CARDS,
        refs,
        template_name=TEMPLATE,
        context={
            "heading_level": heading_level,
            "places_filled_when_served": places_filled_when_served,
        },
        item_context=lambda ref: (
            {"activity": loaded[ref.activity_id]} if ref.activity_id in loaded else None
        ),
        parts=parts,
        tags=lambda ref: [page_cache.tag(Activity, ref.activity_id)],
        prepare=prepare,
    )


def attach_cards(activities, **options) -> None:
    """Set ``activity.card`` to the card of each of ``activities`` (already read, each with
    ``next_session``); ``options`` as ``kept_cards``."""
    activities = list(activities)
    refs = [
        selectors.CardRef(
            activity.pk, activity.next_session.starts_at if activity.next_session else None
        )
        for activity in activities
    ]
    by_pk = {activity.pk: activity for activity in activities}
    cards = kept_cards(
        refs, load=lambda missing: [by_pk[ref.activity_id] for ref in missing], **options
    )
    for activity, html in zip(activities, cards, strict=True):
        activity.card = html
