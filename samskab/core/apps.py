from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samskab.core"
    verbose_name = _("Site")

    def ready(self):
        from samskab.core import extensions

        # Every app's contributions.py, read once all models are loaded (core/extensions.py).
        extensions.discover()
