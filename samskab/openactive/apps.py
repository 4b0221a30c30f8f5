from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenactiveConfig(AppConfig):
    name = "samskab.openactive"
    verbose_name = _("OpenActive feeds")
