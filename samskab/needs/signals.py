"""A need follows its booking slot. The engine does not know about needs (it never imports
the apps that own slots), so the need listens to the engine's saves: every booking that is
made or cancelled and every change of places, times or cancellation of a need's slot calls
``services.follow_slot`` inside the engine's transaction, with the slot locked. And a
volunteer who saves their profile with alerts on is alerted about the open needs that fit."""

from django.db.models.signals import post_save

from samskab.booking.models import Booking, Slot
from samskab.volunteering.signals import profile_saved

# Slot saves that can change what the need shows (the engine also saves the slot to count
# arrivals, which changes nothing here).
_FOLLOWED_SLOT_FIELDS = {"capacity", "starts_at", "ends_at", "cancelled_at"}


def _need_slot(slot) -> bool:
    from samskab.needs.selectors import need_type

    return slot.content_type_id == need_type().pk


def booking_saved(sender, instance: Booking, created=False, raw=False, **kwargs):
    if raw:
        return
    slot = instance.slot
    if _need_slot(slot):
        from samskab.needs.services import follow_slot

        follow_slot(slot=slot)


def slot_saved(sender, instance: Slot, created=False, raw=False, update_fields=None, **kwargs):
    if raw or created:
        return
    if update_fields is not None and not (set(update_fields) & _FOLLOWED_SLOT_FIELDS):
        return
    if _need_slot(instance):
        from samskab.needs.services import follow_slot

        follow_slot(slot=instance)


def volunteer_profile_saved(sender, profile, **kwargs):
    """A volunteer who opts in (or changes skills, towns or free time) hears about the open
    needs that fit them now, not only about needs posted from now on."""
    if profile.ad_hoc_alerts:
        from samskab.core import tasks
        from samskab.needs.services import alert_about_open_needs_of

        tasks.enqueue(alert_about_open_needs_of, profile.user_id)


def connect():
    post_save.connect(booking_saved, sender=Booking, dispatch_uid="needs_follow_booking")
    post_save.connect(slot_saved, sender=Slot, dispatch_uid="needs_follow_slot")
    profile_saved.connect(volunteer_profile_saved, dispatch_uid="needs_alert_new_volunteer")
