"""iCalendar feeds (RFC 5545) built with the icalendar library: an activity's sessions, an
organisation's sessions, and a person's sign-ups.

Each event's UID is its booking slot's, so a session keeps its identity across feeds and
updates (a new time, a cancellation) replace the event in calendar apps instead of adding
one. Times carry the Europe/Copenhagen time zone, with its VTIMEZONE definition."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from samskab.booking.models import Booking
from samskab.booking.owners import describe_slot

PRODUCT_ID = "-//Samskab//Activities//DA"
STATUS = Booking.Status


def _local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(timezone.get_default_timezone_name()))


def _uid(slot_id: int, host: str) -> str:
    return f"samskab-slot-{slot_id}@{host}"


def new_calendar(*, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_default_timezone_name())
    return calendar


def _event(*, uid, starts_at, ends_at, summary, location, url, status, now, description=""):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", _local(starts_at))
    event.add("dtend", _local(ends_at))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    if description:
        event.add("description", description)
    event.add("status", status)
    return event


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
    return _event(
        uid=_uid(slot.pk, host) if slot is not None else f"samskab-session-{session.pk}@{host}",
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
    return _event(
        uid=_uid(slot.pk, host),
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        summary=summary,
        location=described.place,
        url=url,
        status=status,
        now=now,
        description=description,
    )


def calendar_response(calendar: Calendar, *, filename: str, private: bool = False):
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        # The address is the secret: keep it out of shared caches and search engines.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    else:
        response["Cache-Control"] = "public, max-age=900"
    return response
