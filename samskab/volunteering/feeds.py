"""An opportunity's shifts as an iCalendar feed (RFC 5545, built with ``core.ical``), the
same events its page describes in JSON-LD. The UID is the shift's booking slot's, as in a
volunteer's own feed of sign-ups, so a calendar that has both shows the shift once."""

from django.utils.translation import gettext as _
from icalendar import Event

from samskab.core.ical import event, slot_uid


def shift_event(shift, *, absolute_url, host: str, now) -> Event:
    """A shift as an event; a cancelled one says so (STATUS:CANCELLED)."""
    opportunity = shift.opportunity
    slot = shift.booking_slot
    url = absolute_url(shift.get_absolute_url())
    description = "\n".join(
        part
        for part in (
            opportunity.organisation.name,
            _("Cancelled: %(reason)s") % {"reason": slot.cancellation_reason}
            if slot is not None and slot.is_cancelled and slot.cancellation_reason
            else "",
            url,
        )
        if part
    )
    return event(
        uid=slot_uid(slot.pk, host) if slot is not None else f"samskab-shift-{shift.pk}@{host}",
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        summary=opportunity.title,
        location=shift.place_line,
        url=url,
        status="CANCELLED" if shift.is_cancelled else "CONFIRMED",
        now=now,
        description=description,
    )
