"""What imported calendars add to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.calendars import services
from samskab.core.extensions import Contributions, ManageTab, PeriodicTask

contributions = Contributions(
    periodic_tasks=(
        PeriodicTask(
            "calendars.fetch_due",
            services.enqueue_due_fetches,
            "Fetch the organisations' calendars that are due and update their sessions.",
        ),
    ),
    manage_tabs=(
        ManageTab(_("Calendars"), "calendars:manage", order=35, active_for=("calendars:remove",)),
    ),
    staff_manages=True,
)
