"""schema.org Event data for the activity page, one Event per coming session, so search
engines and assistants can tell people what is on, when and where (in the page with
``core.jsonld.ld_json_script``)."""

from django.utils import timezone

from samskab.booking import selectors as booking_selectors
from samskab.core.jsonld import SCHEMA


def _place(activity) -> dict:
    address = {
        "@type": "PostalAddress",
        "addressLocality": activity.town.name,
        "addressCountry": "DK",
    }
    if activity.street:
        address["streetAddress"] = activity.street
    if activity.postcode:
        address["postalCode"] = activity.postcode
    return {
        "@type": "Place",
        "name": activity.place_name,
        "address": address,
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": activity.latitude,
            "longitude": activity.longitude,
        },
    }


def _offer(activity, session, url) -> dict:
    offer = {
        "@type": "Offer",
        "price": f"{activity.price:.2f}",
        "priceCurrency": "DKK",
        "url": url,
    }
    slot = session.booking_slot
    if activity.requires_sign_up and slot is not None:
        places = booking_selectors.places_left(slot)
        offer["availability"] = f"{SCHEMA}/SoldOut" if places == 0 else f"{SCHEMA}/InStock"
    return offer


def activity_events(activity, sessions, *, url: str, organisation_url: str) -> list[dict]:
    """One schema.org Event per session; ``url`` and ``organisation_url`` are absolute."""
    languages = [language.code for language in activity.languages.all()]
    audience = [group.name for group in activity.age_groups.all()]
    events = []
    for session in sessions:
        event = {
            "@context": SCHEMA,
            "@type": "Event",
            "name": activity.title,
            "description": activity.description,
            "url": url,
            "startDate": timezone.localtime(session.starts_at).isoformat(),
            "endDate": timezone.localtime(session.ends_at).isoformat(),
            "eventStatus": f"{SCHEMA}/EventCancelled"
            if session.is_cancelled
            else f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
            "location": _place(activity),
            "organizer": {
                "@type": "Organization",
                "name": activity.organisation.name,
                "url": organisation_url,
            },
            "isAccessibleForFree": activity.is_free,
            "offers": _offer(activity, session, url),
        }
        if languages:
            event["inLanguage"] = languages
        if audience:
            event["audience"] = {"@type": "PeopleAudience", "audienceType": ", ".join(audience)}
        slot = session.booking_slot
        if activity.requires_sign_up and slot is not None and slot.capacity is not None:
            event["maximumAttendeeCapacity"] = slot.capacity
            event["remainingAttendeeCapacity"] = booking_selectors.places_left(slot)
        events.append(event)
    return events
