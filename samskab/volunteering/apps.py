from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "samskab.volunteering"
    verbose_name = _("Volunteering")
