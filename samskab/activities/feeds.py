"""iCalendar feeds (RFC 5545, built with ``core.ical``): an activity's sessions, an
organisation's sessions, and a person's sign-ups."""

from django.utils.translation import gettext as _
from icalendar import Event

from samskab.booking.models import Booking
from samskab.booking.owners import describe_slot
from samskab.core.ical import calendar_response, event, feed_context, new_calendar, slot_uid

__all__ = ["booking_event", "calendar_response", "feed_context", "new_calendar", "session_event"]

STATUS = Booking.Status


def session_event(session, *, absolute_url, host: str, now) -> Event:
    """An activity session as an event; cancelled sessions say so (STATUS:CANCELLED)."""
    activity = session.activity
    slot = session.booking_slot
    url = absolute_url(activity.get_absolute_url())
    description = "\n".join(
        part
        for part in (
            activity.organisation.name,
            _("Cancelled: %(reason)s") % {"reason": slot.cancellation_reason}
            if slot is not None and slot.is_cancelled and slot.cancellation_reason
            else "",
            url,
        )
        if part
    )
    return event(
        uid=slot_uid(slot.pk, host) if slot is not None else f"samskab-session-{session.pk}@{host}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=activity.title,
        location=activity.place_line,
        url=url,
        status="CANCELLED" if session.is_cancelled else "CONFIRMED",
        now=now,
        description=description,
    )


def booking_event(booking, *, absolute_url, host: str, now) -> Event:
    """One of a person's sign-ups. Waiting and unconfirmed sign-ups are tentative, with
    their state in the title; a session the organiser cancelled is CANCELLED."""
    slot = booking.slot
    described = describe_slot(slot)
    prefixes = {
        STATUS.WAITLISTED: _("Waiting list"),
        STATUS.OFFERED: _("Place offered, please answer"),
        STATUS.PENDING: _("Not yet confirmed"),
    }
    summary = described.title
    if booking.status in prefixes:
        summary = f"{prefixes[booking.status]}: {summary}"
    if slot.is_cancelled or booking.status == STATUS.CANCELLED:
        status = "CANCELLED"
    elif booking.status == STATUS.CONFIRMED:
        status = "CONFIRMED"
    else:
        status = "TENTATIVE"
    url = absolute_url(described.url) if described.url else ""
    description = "\n".join(part for part in (described.organiser, url) if part)
    return event(
        uid=slot_uid(slot.pk, host),
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        summary=summary,
        location=described.place,
        url=url,
        status=status,
        now=now,
        description=description,
    )
