"""What activities add to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.activities import cached_pages, cards, datasets, indicators
from samskab.activities.personal_data import collect_personal_data
from samskab.activities.sections import upcoming_activities_section
from samskab.activities.sitemaps import sitemaps
from samskab.core.extensions import (
    CachedPage,
    Contributions,
    ManageTab,
    OrganisationSection,
    PersonalData,
)

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

contributions = Contributions(
    manage_tabs=(
        ManageTab(
            _("Activities"), "activities:manage_list", order=30, active_for=MANAGE_VIEW_NAMES
        ),
    ),
    organisation_sections=(
        OrganisationSection(
            "activities/includes/organisation_section.html",
            upcoming_activities_section,
            order=10,
            shows=("booking", "reference"),
        ),
    ),
    # The feed's secret goes with the account (CASCADE); activities a person created belong
    # to their organisation and keep existing without "created by" (SET_NULL).
    personal_data=PersonalData(
        "calendar_and_activities",
        collect=collect_personal_data,
        models=("activities.PersonalCalendarFeed", "activities.Activity"),
    ),
    cached_pages=(
        CachedPage(cached_pages.PAGES, shows=cached_pages.SHOWS, url_name="activities:detail"),
    ),
    ready=cards.connect,
    staff_manages=True,
    indicators=indicators.INDICATORS,
    datasets=datasets.DATASETS,
    sitemaps=sitemaps,
)
