from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildSafetyConfig(AppConfig):
    name = "samskab.childsafety"
    verbose_name = _("Child protection (børneattest)")
