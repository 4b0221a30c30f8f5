from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitingConfig(AppConfig):
    name = "samskab.visiting"
    verbose_name = _("Visiting friends")

    def ready(self):
        from samskab.accounts.personal_data import (
            register_account_deletion_hook,
            register_personal_data_section,
        )
        from samskab.organisations.manage_tabs import register_manage_tab
        from samskab.visiting import signals
        from samskab.visiting.personal_data import collect_personal_data, forget_personal_data

        signals.connect()
        register_manage_tab(
            _("Visiting friends"),
            "visiting:manage",
            order=50,
            active_for=MANAGE_VIEW_NAMES,
        )
        register_personal_data_section("visiting_friends", collect_personal_data)
        register_account_deletion_hook(forget_personal_data)


MANAGE_VIEW_NAMES = ("visiting:manage_programme", "visiting:manage_request")
