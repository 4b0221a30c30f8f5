from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildSafetyConfig(AppConfig):
    name = "samskab.childsafety"
    verbose_name = _("Child protection (børneattest)")

    def ready(self):
        from samskab.accounts.personal_data import (
            register_account_deletion_hook,
            register_personal_data_section,
        )
        from samskab.childsafety import engagements, services, signals
        from samskab.childsafety.personal_data import (
            collect_personal_data,
            forget_personal_data,
        )
        from samskab.core.background import register_periodic_task
        from samskab.organisations.manage_tabs import register_manage_tab

        signals.connect()
        engagements.register_installed_sources()
        register_manage_tab(_("Børneattest"), "childsafety:manage", order=45)
        register_personal_data_section("boerneattest", collect_personal_data)
        register_account_deletion_hook(forget_personal_data)
        # Safety nets behind the booking signal, and the retention rule: once a day.
        daily = timedelta(days=1)
        register_periodic_task(
            "childsafety.check_rule",
            check_rule_for_everyone,
            "Re-check the børneattest rule for everyone, expire old approvals, resend notices.",
            every=daily,
        )
        register_periodic_task(
            "childsafety.clear_expired",
            services.clear_expired_attests,
            "Delete børneattest statuses past their retention time.",
            every=daily,
        )


def check_rule_for_everyone() -> int:
    from samskab.childsafety import services

    return services.check_all() + services.expire_approvals() + services.notify_pending()
