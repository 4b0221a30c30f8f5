"""What needs add to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import Contributions, ManageTab, PeriodicTask, PersonalData
from samskab.needs import datasets, indicators, services, signals
from samskab.needs.personal_data import collect_personal_data, forget_personal_data
from samskab.needs.sitemaps import sitemaps

MANAGE_VIEW_NAMES = (
    "needs:create",
    "needs:manage_detail",
    "needs:close",
    "needs:cancel",
    "needs:qr",
    "needs:close_attendance",
)

contributions = Contributions(
    ready=lambda app_config: signals.connect(),
    periodic_tasks=(
        PeriodicTask(
            "needs.close_past_needs",
            services.close_past_needs,
            "Close needs whose time has come and drop their unsent alerts.",
        ),
        PeriodicTask(
            "needs.send_due_alerts",
            services.send_due_alerts,
            "Send need alerts whose volunteers' quiet hours have ended.",
        ),
        PeriodicTask(
            "needs.send_filled_notices",
            services.send_filled_notices,
            "Tell those who were alerted that a need has been filled.",
        ),
    ),
    manage_tabs=(
        ManageTab(_("Needs"), "needs:manage_list", order=45, active_for=MANAGE_VIEW_NAMES),
    ),
    personal_data=PersonalData(
        "needs",
        collect=collect_personal_data,
        forget=forget_personal_data,
        models=("needs.Need", "needs.NeedAlert"),
    ),
    volunteer_work=("needs.Need",),
    # An accepted need's booking counts for the børneattest rule when children are involved.
    volunteer_engagements=("slot__needs_need",),
    staff_manages=True,
    indicators=indicators.INDICATORS,
    datasets=datasets.DATASETS,
    sitemaps=sitemaps,
)
