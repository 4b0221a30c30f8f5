from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "samskab.activities"
    verbose_name = _("Activities")

    def ready(self):
        from samskab.accounts.personal_data import register_personal_data_section
        from samskab.activities import signals
        from samskab.activities.personal_data import collect_personal_data
        from samskab.activities.sections import upcoming_activities_section
        from samskab.organisations.manage_tabs import register_manage_tab
        from samskab.organisations.sections import register_organisation_section

        register_manage_tab(
            _("Activities"),
            "activities:manage_list",
            order=30,
            active_for=MANAGE_VIEW_NAMES,
        )
        register_organisation_section(
            "activities/includes/organisation_section.html",
            upcoming_activities_section,
            order=10,
        )
        # The feed's secret goes with the account (CASCADE); activities a person created
        # belong to their organisation and keep existing without "created by" (SET_NULL).
        register_personal_data_section("calendar_and_activities", collect_personal_data)
        signals.connect(self)


MANAGE_VIEW_NAMES = (
    "activities:manage_create",
    "activities:manage_activity",
    "activities:manage_edit",
    "activities:schedule_create",
    "activities:schedule_edit",
    "activities:schedule_delete",
    "activities:session_create",
    "activities:session_edit",
    "activities:session_roster",
    "activities:session_cancel",
)
