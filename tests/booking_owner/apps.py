from django.apps import AppConfig


class BookingOwnerConfig(AppConfig):
    """Test-only: a stand-in slot owner for the booking engine's tests. Installed only by
    ``samskab.settings.test``, so production never has its table."""

    name = "tests.booking_owner"
    label = "booking_owner"
    default_auto_field = "django.db.models.BigAutoField"
