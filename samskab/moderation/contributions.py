"""What moderation adds to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import Contributions, NotificationKind, PersonalData
from samskab.moderation.personal_data import collect_personal_data, forget_personal_data

contributions = Contributions(
    notification_kinds=(
        NotificationKind("moderation.hidden", _("The municipality hides your post"), direct=True),
        NotificationKind(
            "moderation.published", _("The municipality publishes your post"), direct=True
        ),
    ),
    personal_data=PersonalData(
        "moderation",
        collect=collect_personal_data,
        forget=forget_personal_data,
        models=("moderation.Report", "moderation.Review"),
    ),
    staff_manages=True,
)
