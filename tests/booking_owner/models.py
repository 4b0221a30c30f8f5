"""A slot owner that exists only in the tests, standing in for an activity session or a
volunteer shift. Its app is installed only by ``samskab.settings.test``; its table comes
from its own migration, so production never has it."""

from django.conf import settings
from django.db import models

from samskab.booking.models import SlotOwnerMixin


class ExampleSession(SlotOwnerMixin, models.Model):
    title_da = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=200, blank=True)
    organiser = models.CharField(max_length=200, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    is_published = models.BooleanField(default=True)

    def __str__(self):
        return self.title_da

    def get_absolute_url(self):
        return f"/example-sessions/{self.pk}/"

    @classmethod
    def booking_owner_queryset(cls):
        return cls._default_manager.select_related("coordinator")

    def booking_title(self):
        from django.utils.translation import get_language

        if get_language() == "en" and self.title_en:
            return self.title_en
        return self.title_da

    def booking_place(self):
        return self.place

    def booking_organiser(self):
        if self.coordinator is not None:
            return f"{self.organiser} ({self.coordinator.get_full_name()})"
        return self.organiser

    def booking_sign_up_open(self):
        return self.is_published

    def booking_can_manage(self, user):
        return self.coordinator_id is not None and self.coordinator_id == user.pk
