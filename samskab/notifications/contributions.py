"""What notifications add to the platform (see samskab/core/extensions.py)."""

from samskab.core.extensions import Contributions, PeriodicTask, PersonalData
from samskab.notifications import personal_data, services

contributions = Contributions(
    periodic_tasks=(
        PeriodicTask(
            "notifications.send_digests",
            services.send_due_digests,
            "Send everyone whose daily or weekly digest is due the news on what they follow.",
        ),
    ),
    personal_data=PersonalData(
        "notifications",
        collect=personal_data.collect,
        models=(
            "notifications.Follow",
            "notifications.Notification",
            "notifications.NotificationSettings",
        ),
    ),
)
