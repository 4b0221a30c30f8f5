from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "samskab.needs"
    verbose_name = _("Needs")

    def ready(self):
        from samskab.accounts.personal_data import (
            register_account_deletion_hook,
            register_personal_data_section,
        )
        from samskab.needs import signals
        from samskab.needs.personal_data import collect_personal_data, forget_personal_data
        from samskab.organisations.manage_tabs import register_manage_tab

        signals.connect()
        from samskab.needs.models import Need
        from samskab.volunteering.work import register_volunteer_work

        register_volunteer_work(Need)
        from samskab.core.background import register_periodic_task
        from samskab.needs import services

        register_periodic_task(
            "needs.close_past_needs",
            services.close_past_needs,
            "Close needs whose time has come and drop their unsent alerts.",
        )
        register_periodic_task(
            "needs.send_due_alerts",
            services.send_due_alerts,
            "Send need alerts whose volunteers' quiet hours have ended.",
        )
        register_periodic_task(
            "needs.send_filled_notices",
            services.send_filled_notices,
            "Tell those who were alerted that a need has been filled.",
        )
        register_manage_tab(_("Needs"), "needs:manage_list", order=45, active_for=MANAGE_VIEW_NAMES)
        register_personal_data_section("needs", collect_personal_data)
        register_account_deletion_hook(forget_personal_data)


MANAGE_VIEW_NAMES = (
    "needs:create",
    "needs:manage_detail",
    "needs:close",
    "needs:cancel",
    "needs:qr",
    "needs:close_attendance",
)
