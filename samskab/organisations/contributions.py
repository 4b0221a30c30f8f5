"""What organisations add to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import CachedPage, Contributions, ManageTab, PersonalData
from samskab.organisations import cached_pages, datasets
from samskab.organisations.manage_tabs import MANAGE
from samskab.organisations.personal_data import collect_personal_data, forget_personal_data
from samskab.organisations.sitemaps import sitemaps

contributions = Contributions(
    manage_tabs=(
        ManageTab(_("Overview"), "organisations:manage_overview", order=0),
        ManageTab(_("Details"), "organisations:manage_edit", requires=MANAGE, order=10),
        ManageTab(
            _("Members"),
            "organisations:manage_members",
            requires=MANAGE,
            order=20,
            active_for=("organisations:member_remove",),
        ),
    ),
    personal_data=PersonalData(
        "organisations",
        collect=collect_personal_data,
        forget=forget_personal_data,
        models=(
            "organisations.Organisation",
            "organisations.Membership",
            "organisations.Invitation",
        ),
    ),
    cached_pages=(
        CachedPage(
            cached_pages.PAGES,
            shows=cached_pages.organisation_page_shows,
            url_name="organisations:detail",
        ),
    ),
    sitemaps=sitemaps,
    staff_manages=True,
    datasets=datasets.DATASETS,
)
