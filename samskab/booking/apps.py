from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "samskab.booking"
    verbose_name = _("Booking")

    def ready(self):
        from samskab.accounts.personal_data import (
            register_account_deletion_hook,
            register_personal_data_section,
        )
        from samskab.booking import personal_data, services, signals
        from samskab.core.background import register_periodic_task

        signals.connect()
        register_personal_data_section("bookings", personal_data.collect)
        register_account_deletion_hook(personal_data.forget)
        register_periodic_task(
            "booking.expire_offers",
            services.expire_offers,
            "Expire offers not accepted in time and offer each place to the next person.",
        )
        register_periodic_task(
            "booking.expire_unconfirmed_sign_ups",
            services.expire_unconfirmed_guest_bookings,
            "Expire visitors' sign-ups whose email was never confirmed.",
        )
        register_periodic_task(
            "booking.send_reminders",
            services.send_due_reminders,
            "Send each due reminder exactly once.",
        )
