"""What volunteering adds to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import (
    CachedPage,
    Contributions,
    ManageTab,
    OrganisationSection,
    PeriodicTask,
    PersonalData,
)
from samskab.volunteering import (
    cached_pages,
    cards,
    datasets,
    filters,
    indicators,
    services,
    upcoming,
    work,
)
from samskab.volunteering.personal_data import collect_personal_data, forget_personal_data
from samskab.volunteering.sections import volunteer_with_us_section
from samskab.volunteering.sitemaps import sitemaps

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


def _ready(app_config) -> None:
    # The protocol of every declared kind of volunteer work is checked at start-up.
    work.check_volunteer_work_models()
    upcoming.connect(app_config)
    cards.connect()
    filters.connect()


contributions = Contributions(
    ready=_ready,
    periodic_tasks=(
        PeriodicTask(
            "volunteering.close_finished_work",
            services.close_finished_work,
            "A day after a shift or need ends, record no-shows and credit attended hours.",
        ),
        PeriodicTask(
            "volunteering.send_thank_yous",
            services.send_due_thank_yous,
            "Thank volunteers once the shift or need they attended has ended.",
        ),
    ),
    manage_tabs=(
        ManageTab(
            _("Volunteering"),
            "volunteering:manage_list",
            order=40,
            active_for=MANAGE_VIEW_NAMES,
        ),
    ),
    organisation_sections=(
        OrganisationSection(
            "volunteering/includes/organisation_section.html",
            volunteer_with_us_section,
            order=20,
            shows=("booking", "reference"),
        ),
    ),
    cached_pages=(
        CachedPage(
            cached_pages.PAGES, shows=cached_pages.SHOWS, url_name="volunteering:opportunity"
        ),
    ),
    personal_data=PersonalData(
        "volunteering",
        collect=collect_personal_data,
        forget=forget_personal_data,
        models=(
            "volunteering.VolunteerProfile",
            "volunteering.HoursEntry",
            "volunteering.Opportunity",
            "volunteering.Shift",
            "volunteering.VolunteerMessage",
        ),
    ),
    volunteer_work=("volunteering.Shift",),
    # A shift's bookings count for the børneattest rule through its opportunity.
    volunteer_engagements=("slot__volunteering_shift__opportunity",),
    sitemaps=sitemaps,
    staff_manages=True,
    indicators=indicators.INDICATORS,
    datasets=datasets.DATASETS,
)
