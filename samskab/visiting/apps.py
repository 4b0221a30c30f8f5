from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitingConfig(AppConfig):
    name = "samskab.visiting"
    verbose_name = _("Visiting friends")
