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
        from samskab.booking import personal_data, signals

        signals.connect()
        register_personal_data_section("bookings", personal_data.collect)
        register_account_deletion_hook(personal_data.forget)
