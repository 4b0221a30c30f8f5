"""What the booking engine adds to the platform (see samskab/core/extensions.py)."""

from samskab.booking import personal_data, places, services, signals
from samskab.core.extensions import Contributions, PageFiller, PeriodicTask, PersonalData

contributions = Contributions(
    ready=lambda app_config: signals.connect(),
    periodic_tasks=(
        PeriodicTask(
            "booking.expire_offers",
            services.expire_offers,
            "Expire offers not accepted in time and offer each place to the next person.",
        ),
        PeriodicTask(
            "booking.expire_unconfirmed_sign_ups",
            services.expire_unconfirmed_guest_bookings,
            "Expire visitors' sign-ups whose email was never confirmed.",
        ),
        PeriodicTask(
            "booking.send_reminders",
            services.send_due_reminders,
            "Send each due reminder exactly once.",
        ),
    ),
    personal_data=PersonalData(
        "bookings",
        collect=personal_data.collect,
        forget=personal_data.forget,
        models=("booking.Booking", "booking.Slot"),
    ),
    staff_manages=True,
    # Kept pages show the places left as markers, filled in whenever a page is served.
    page_fillers=(PageFiller(places.MARKER_START, places.fill_served),),
)
