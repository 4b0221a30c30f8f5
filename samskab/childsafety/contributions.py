"""What the børneattest rule adds to the platform (see samskab/core/extensions.py)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from samskab.childsafety import services, signals
from samskab.childsafety.personal_data import collect_personal_data, forget_personal_data
from samskab.core.extensions import (
    Contributions,
    ManageTab,
    PeriodicTask,
    PersonalData,
)


def check_rule_for_everyone() -> int:
    return services.check_all() + services.expire_approvals() + services.notify_pending()


# Safety nets behind the booking signal, and the retention rule: once a day.
DAILY = timedelta(days=1)

contributions = Contributions(
    ready=lambda app_config: signals.connect(),
    periodic_tasks=(
        PeriodicTask(
            "childsafety.check_rule",
            check_rule_for_everyone,
            "Re-check the børneattest rule for everyone, expire old approvals, resend notices.",
            every=DAILY,
        ),
        PeriodicTask(
            "childsafety.clear_expired",
            services.clear_expired_attests,
            "Delete børneattest statuses past their retention time.",
            every=DAILY,
        ),
    ),
    manage_tabs=(ManageTab(_("Børneattest"), "childsafety:manage", order=45),),
    personal_data=PersonalData(
        "boerneattest",
        collect=collect_personal_data,
        forget=forget_personal_data,
        models=("childsafety.AttestStatus",),
    ),
    staff_manages=True,
)
