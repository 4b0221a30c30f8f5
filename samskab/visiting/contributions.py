"""What visiting friends add to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import Contributions, ManageTab, PersonalData
from samskab.visiting import signals
from samskab.visiting.personal_data import collect_personal_data, forget_personal_data
from samskab.visiting.sitemaps import sitemaps

MANAGE_VIEW_NAMES = ("visiting:manage_programme", "visiting:manage_request")

contributions = Contributions(
    ready=lambda app_config: signals.connect(),
    manage_tabs=(
        ManageTab(_("Visiting friends"), "visiting:manage", order=50, active_for=MANAGE_VIEW_NAMES),
    ),
    personal_data=PersonalData(
        "visiting_friends",
        collect=collect_personal_data,
        forget=forget_personal_data,
        models=("visiting.VisitRequest", "visiting.VisitMatch"),
    ),
    staff_manages=True,
    sitemaps=sitemaps,
)
