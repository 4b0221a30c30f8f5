"""What comments add to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.comments import signals
from samskab.comments.personal_data import collect_personal_data, forget_personal_data
from samskab.core.extensions import Contributions, NotificationKind, PersonalData

contributions = Contributions(
    ready=lambda app_config: signals.connect(),
    notification_kinds=(
        NotificationKind("comments.reply", _("Replies to your comments"), direct=True),
    ),
    personal_data=PersonalData(
        "comments",
        collect=collect_personal_data,
        forget=forget_personal_data,
        models=("comments.Comment",),
    ),
    staff_manages=True,
)
