from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "samskab.organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from samskab.accounts.personal_data import (
            register_account_deletion_hook,
            register_personal_data_section,
        )
        from samskab.organisations import (
            manage_tabs,  # noqa: F401  (registers the built-in tabs)
            signals,
        )
        from samskab.organisations.personal_data import (
            collect_personal_data,
            forget_personal_data,
        )

        register_personal_data_section("organisations", collect_personal_data)
        register_account_deletion_hook(forget_personal_data)
        signals.connect(self)
