"""iCalendar (RFC 5545) feeds, built with the icalendar library: the calendar, one event,
and the response. The apps that publish feeds (activities' sessions, volunteering's shifts)
describe their own events with these.

An event's UID is its booking slot's when it has one, so a session or a shift keeps its
identity across feeds and updates (a new time, a cancellation) replace the event in
calendar apps instead of adding one. Times carry the Europe/Copenhagen time zone, with its
VTIMEZONE definition."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//Samskab//Activities//DA"


def local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(timezone.get_default_timezone_name()))


def slot_uid(slot_id: int, host: str) -> str:
    return f"samskab-slot-{slot_id}@{host}"


def feed_context(request) -> dict:
    """What events need from the request: absolute addresses, the host for UIDs, now."""
    return {
        "absolute_url": request.build_absolute_uri,
        "host": request.get_host().split(":")[0],
        "now": timezone.now(),
    }


def new_calendar(*, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_default_timezone_name())
    return calendar


def event(*, uid, starts_at, ends_at, summary, location, url, status, now, description=""):
    """One VEVENT; ``status`` is CONFIRMED, TENTATIVE or CANCELLED."""
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", now.astimezone(ZoneInfo("UTC")))
    item.add("dtstart", local(starts_at))
    item.add("dtend", local(ends_at))
    item.add("summary", summary)
    if location:
        item.add("location", location)
    if url:
        item.add("url", url)
    if description:
        item.add("description", description)
    item.add("status", status)
    return item


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
