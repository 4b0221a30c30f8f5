"""The base of every app's errors: a rule stopped what the person asked for.

A ``ServiceError`` carries a translated ``message`` written for the person who clicked, so
views can show it as it is; ``field`` names the form field it belongs to (None: the form as
a whole, or a message on the page); ``code`` is a short name for code and tests; ``level``
says how to show it as a message ("info" when nothing went wrong for the person).
Each app's errors extend it (``BookingError``, ``NeedError``, …), usually with a subclass
per rule that sets ``message`` and ``code``. Views put one onto a form or into the
messages with ``samskab.core.views.add_service_error``.
"""

from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    code = "error"
    level = "warning"
    message = _("That could not be done.")

    def __init__(self, message=None, *, field: str | None = None, code: str | None = None):
        self.message = message or self.message
        self.field = field
        if code is not None:
            self.code = code
        super().__init__(str(self.message))
