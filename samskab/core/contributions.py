"""What core adds to the platform (see samskab/core/extensions.py): the outbox's delivery."""

from datetime import timedelta

from samskab.core import emails
from samskab.core.extensions import Contributions, PeriodicTask

contributions = Contributions(
    periodic_tasks=(
        PeriodicTask(
            "core.deliver_due_emails",
            emails.deliver_outgoing_emails,
            "Deliver every email of the outbox that is due (again).",
        ),
        PeriodicTask(
            "core.purge_given_up_emails",
            emails.purge_given_up_emails,
            "Delete emails given up on long ago: they hold addresses.",
            every=timedelta(days=1),
        ),
    ),
    # Failed and waiting emails are the staff's to see and send again.
    staff_manages=True,
)
