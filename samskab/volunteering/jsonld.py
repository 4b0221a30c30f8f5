"""schema.org data for the opportunity page, so search engines and assistants can tell
people what help is wanted, when and where.

schema.org has no type for a volunteer opportunity as such. An ongoing role is described as
a ``JobPosting`` with ``employmentType`` "VOLUNTEER" (the convention job search uses for
unpaid roles); each coming shift as an ``Event`` the volunteer can attend. No contact person
is ever included: the page is public. In the page with ``core.jsonld.ld_json_script``."""

from django.utils import timezone

from samskab.booking import selectors as booking_selectors
from samskab.core.jsonld import SCHEMA


def _place(opportunity) -> dict | None:
    if opportunity.town_id is None:
        return None
    address = {
        "@type": "PostalAddress",
        "addressLocality": opportunity.town.name,
        "addressCountry": "DK",
    }
    if opportunity.street:
        address["streetAddress"] = opportunity.street
    if opportunity.postcode:
        address["postalCode"] = opportunity.postcode
    place = {"@type": "Place", "address": address}
    if opportunity.place_name:
        place["name"] = opportunity.place_name
    position = opportunity.position
    if position is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": position[0],
            "longitude": position[1],
        }
    return place


def _organiser(opportunity, organisation_url: str) -> dict:
    return {"@type": "Organization", "name": opportunity.organisation.name, "url": organisation_url}


def _job_posting(opportunity, *, url: str, organisation_url: str) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "JobPosting",
        "title": opportunity.title,
        "description": opportunity.description,
        "url": url,
        "datePosted": timezone.localtime(opportunity.created_at).date().isoformat(),
        "employmentType": "VOLUNTEER",
        "hiringOrganization": _organiser(opportunity, organisation_url),
    }
    place = _place(opportunity)
    if place is not None:
        data["jobLocation"] = place
    if opportunity.from_home:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "DK"}
    skills = [skill.name for skill in opportunity.skills.all()]
    if skills:
        data["skills"] = ", ".join(skills)
    return data


def _event(opportunity, shift, *, url: str, organisation_url: str, languages) -> dict:
    slot = shift.booking_slot
    cancelled = slot is not None and slot.is_cancelled
    event = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": opportunity.title,
        "description": opportunity.description,
        "url": f"{url}#shift-{shift.pk}",
        "startDate": timezone.localtime(shift.starts_at).isoformat(),
        "endDate": timezone.localtime(shift.ends_at).isoformat(),
        "eventStatus": f"{SCHEMA}/EventCancelled" if cancelled else f"{SCHEMA}/EventScheduled",
        "organizer": _organiser(opportunity, organisation_url),
        "isAccessibleForFree": True,
    }
    place = _place(opportunity)
    if shift.place:
        event["location"] = {"@type": "Place", "name": shift.place}
        event["eventAttendanceMode"] = f"{SCHEMA}/OfflineEventAttendanceMode"
    elif place is not None:
        event["location"] = place
        event["eventAttendanceMode"] = f"{SCHEMA}/OfflineEventAttendanceMode"
    else:
        event["location"] = {"@type": "VirtualLocation", "url": url}
        event["eventAttendanceMode"] = f"{SCHEMA}/OnlineEventAttendanceMode"
    if languages:
        event["inLanguage"] = languages
    if slot is not None and slot.capacity is not None:
        event["maximumAttendeeCapacity"] = slot.capacity
        event["remainingAttendeeCapacity"] = booking_selectors.places_left(slot)
    return event


def opportunity_data(opportunity, shifts, *, url: str, organisation_url: str) -> list[dict]:
    """A ``JobPosting`` for an ongoing role, and an ``Event`` per coming shift; ``url`` and
    ``organisation_url`` are absolute."""
    languages = [language.code for language in opportunity.languages.all()]
    data = []
    if not opportunity.is_ad_hoc:
        data.append(_job_posting(opportunity, url=url, organisation_url=organisation_url))
    data.extend(
        _event(opportunity, shift, url=url, organisation_url=organisation_url, languages=languages)
        for shift in shifts
    )
    return data
