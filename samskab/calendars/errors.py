"""Why a calendar could not be imported, in words a coordinator can act on.

A failed fetch is stored as a code and its parameters (``CalendarSubscription.error_code``
and ``error_params``) and put into words when a page shows it, in the reader's language."""

from django.utils.translation import gettext as _

from samskab.core.errors import ServiceError


class CalendarError(ServiceError):
    """A calendar could not be fetched or read; ``code`` names why, ``params`` fill in
    the description (``describe``)."""

    def __init__(self, code: str, **params):
        self.params = params
        super().__init__(describe(code, params), code=code)


def describe(code: str, params: dict) -> str:
    messages = {
        "scheme": lambda: _("The address must start with https://, http:// or webcal://."),
        "blocked_address": lambda: (
            _(
                "The address leads to %(host)s, which is on a private or internal network. Samskab "
                "only fetches calendars that are published on the internet."
            )
            % {"host": params.get("host", "")}
        ),
        "name_not_found": lambda: (
            _(
                "The server %(host)s could not be found. Check that the address is spelled "
                "correctly."
            )
            % {"host": params.get("host", "")}
        ),
        "connection": lambda: (
            _("Samskab could not connect to %(host)s. The server may be down; we will try again.")
            % {"host": params.get("host", "")}
        ),
        "timeout": lambda: (
            _("The calendar server did not answer within %(seconds)s seconds. We will try again.")
            % {"seconds": params.get("seconds", "")}
        ),
        "too_large": lambda: (
            _(
                "The calendar is larger than %(megabytes)s MB, more than Samskab reads. Publish a "
                "calendar with only the activity's events."
            )
            % {"megabytes": params.get("megabytes", "")}
        ),
        "too_many_redirects": lambda: _(
            "The address sends Samskab on to other addresses too many times. Use the "
            "calendar's final address."
        ),
        "not_found": lambda: (
            _(
                "The calendar server says the calendar does not exist (HTTP %(status)s). Has it "
                "been deleted or made private? Copy its public address again."
            )
            % {"status": params.get("status", "")}
        ),
        "forbidden": lambda: (
            _(
                "The calendar server refuses to show the calendar (HTTP %(status)s). Make the "
                "calendar public, or copy its secret address in iCal format."
            )
            % {"status": params.get("status", "")}
        ),
        "server_error": lambda: (
            _("The calendar server had an error (HTTP %(status)s). We will try again.")
            % {"status": params.get("status", "")}
        ),
        "http_status": lambda: (
            _("The calendar server answered with an unexpected HTTP status %(status)s.")
            % {"status": params.get("status", "")}
        ),
        "not_calendar": lambda: _(
            "The address does not lead to a calendar in iCalendar format (.ics). Copy the "
            "address your calendar gives for subscribing or sharing in iCal format, not the "
            "address of its web page."
        ),
        "unreadable": lambda: (
            _("The calendar has an error Samskab cannot read past: %(detail)s")
            % {"detail": params.get("detail", "")}
        ),
        "too_many_events": lambda: (
            _(
                "The calendar has more than %(count)s events in the coming %(days)s days. Publish "
                "a calendar with only the activity's events."
            )
            % {"count": params.get("count", ""), "days": params.get("days", "")}
        ),
    }
    describe_code = messages.get(code)
    if describe_code is None:
        return _("The calendar could not be imported.")
    return describe_code()
