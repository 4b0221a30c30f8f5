from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MitIDConfig(AppConfig):
    name = "samskab.mitid"
    label = "mitid"
    verbose_name = _("MitID")
