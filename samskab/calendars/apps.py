from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "samskab.calendars"
    verbose_name = _("Imported calendars")
