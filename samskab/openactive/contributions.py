"""What the OpenActive feeds add to the platform (see samskab/core/extensions.py)."""

from datetime import timedelta

from samskab.core.extensions import Contributions, PeriodicTask
from samskab.openactive import changes, publishing


def ready(app_config) -> None:
    changes.connect()


contributions = Contributions(
    ready=ready,
    periodic_tasks=(
        PeriodicTask(
            "openactive.publish",
            publishing.publish_due,
            "Publish to the OpenActive feeds what changed and what time changed (sessions "
            "that ended leave the feeds).",
        ),
        PeriodicTask(
            "openactive.purge",
            publishing.purge_deleted,
            "Remove deleted items from the OpenActive feeds once they are older than the "
            "retention period.",
            every=timedelta(hours=1),
        ),
    ),
    staff_manages=True,
)
