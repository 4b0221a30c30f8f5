from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionConfig(AppConfig):
    name = "samskab.vision"
    verbose_name = _("The vision")
