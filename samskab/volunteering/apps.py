from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "samskab.volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        from samskab.accounts.personal_data import (
            register_account_deletion_hook,
            register_personal_data_section,
        )
        from samskab.core.background import register_periodic_task
        from samskab.organisations.manage_tabs import register_manage_tab
        from samskab.organisations.sections import register_organisation_section
        from samskab.volunteering.personal_data import collect_personal_data, forget_personal_data
        from samskab.volunteering.sections import volunteer_with_us_section

        register_manage_tab(
            _("Volunteering"),
            "volunteering:manage_list",
            order=40,
            active_for=MANAGE_VIEW_NAMES,
        )
        register_organisation_section(
            "volunteering/includes/organisation_section.html",
            volunteer_with_us_section,
            order=20,
        )
        register_personal_data_section("volunteering", collect_personal_data)
        register_account_deletion_hook(forget_personal_data)

        from samskab.volunteering import services
        from samskab.volunteering.models import Shift
        from samskab.volunteering.work import register_volunteer_work

        register_volunteer_work(Shift)

        register_periodic_task(
            "volunteering.close_finished_work",
            services.close_finished_work,
            "A day after a shift or need ends, record no-shows and credit attended hours.",
        )
        register_periodic_task(
            "volunteering.send_thank_yous",
            services.send_due_thank_yous,
            "Thank volunteers once the shift or need they attended has ended.",
        )


MANAGE_VIEW_NAMES = (
    "volunteering:manage_create",
    "volunteering:manage_opportunity",
    "volunteering:manage_edit",
    "volunteering:manage_delete",
    "volunteering:opportunity_roster",
    "volunteering:opportunity_message",
    "volunteering:shift_create",
    "volunteering:shift_roster",
    "volunteering:shift_edit",
    "volunteering:shift_cancel",
    "volunteering:shift_message",
    "volunteering:shift_qr",
    "volunteering:hours_review",
    "volunteering:summary",
)
