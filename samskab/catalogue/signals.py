"""Keep what the catalogue derives from other apps' rows up to date when they change:

- an activity's catalogue entry: its words when the activity, its interests, its town or its
  organisation change; its next session when a session or a session's booking slot changes
  (created, moved, cancelled, deleted);
- the cached lists the filters offer, when a town, interest, age group, language or focus
  area changes;
- the cached result regions, when anything they show changes (activities, sessions, slots,
  organisations, the activities' lists); not bookings: the places left are filled in when
  the page is served (``booking.places``).

Bulk loads (``generate_data``) bypass signals and refresh entries themselves; entries that
are missing anyway are written after every ``migrate``.
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from samskab.activities.models import Activity, ActivitySession
from samskab.booking.models import Slot
from samskab.catalogue import cache, services
from samskab.organisations.models import Organisation
from samskab.reference.models import AgeGroup, Interest, Language, Town
from samskab.vision.models import FocusArea

_UID = "samskab.catalogue."
_state = threading.local()


@contextmanager
def paused():
    """Skip the handlers below in this thread, for bulk loads that refresh the catalogue's
    rows once at the end (``services.refresh_entries``, ``cache.forget_*``)."""
    previous = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def _active() -> bool:
    return not getattr(_state, "paused", False)


# Saving a slot with only these fields changed (a sign-up counting its arrival) leaves the
# session's times and state alone.
_SLOT_FIELDS_THAT_MOVE_SESSIONS = {"starts_at", "ends_at", "cancelled_at"}
# What the result regions show of a slot (the places left are filled in when served).
_SLOT_FIELDS_SHOWN = _SLOT_FIELDS_THAT_MOVE_SESSIONS | {"cancellation_reason"}


def _activity_saved(sender, instance, raw=False, **kwargs):
    if not _active():
        return
    if not raw:
        services.refresh_entries(activity_ids=[instance.pk])


def _interests_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not _active():
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        services.refresh_entries(activity_ids=[instance.pk])
    elif pk_set:
        services.refresh_entries(activity_ids=pk_set)


def _activities_of(**lookup) -> list[int]:
    return list(Activity.objects.filter(**lookup).values_list("pk", flat=True))


def _organisation_saved(sender, instance, raw=False, created=False, **kwargs):
    if not _active():
        return
    if not raw and not created:
        services.refresh_entries(activity_ids=_activities_of(organisation=instance))


def _town_saved(sender, instance, raw=False, created=False, **kwargs):
    if not _active():
        return
    if not raw and not created:
        services.refresh_entries(activity_ids=_activities_of(town=instance))


def _interest_saved(sender, instance, raw=False, created=False, **kwargs):
    if not _active():
        return
    if not raw and not created:
        services.refresh_entries(activity_ids=_activities_of(interests=instance))


def _session_changed(sender, instance, raw=False, **kwargs):
    if not _active():
        return
    if not raw:
        services.refresh_next_sessions(activity_ids=[instance.activity_id])


def _slot_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if not _active():
        return
    if raw:
        return
    if update_fields is not None and not (set(update_fields) & _SLOT_FIELDS_THAT_MOVE_SESSIONS):
        return
    from django.contrib.contenttypes.models import ContentType

    if instance.content_type_id != ContentType.objects.get_for_model(ActivitySession).pk:
        return
    activity_ids = ActivitySession.objects.filter(pk=instance.object_id).values_list(
        "activity_id", flat=True
    )
    services.refresh_next_sessions(activity_ids=list(activity_ids))


def _reference_list_changed(sender, **kwargs):
    if not _active():
        return
    cache.forget_reference_lists()


def _results_changed(sender, **kwargs):
    if not _active():
        return
    cache.forget_results()


def _slot_changed(sender, update_fields=None, **kwargs):
    if update_fields is not None and not (set(update_fields) & _SLOT_FIELDS_SHOWN):
        return  # a sign-up's arrival, a new capacity: only the places left, filled when served
    _results_changed(sender, **kwargs)


def _after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    from samskab.catalogue.models import NextSession, SearchDocument

    tables = set(connections[using].introspection.table_names())
    wanted = {Activity._meta.db_table, SearchDocument._meta.db_table, NextSession._meta.db_table}
    if wanted <= tables:
        services.refresh_missing_entries()


def connect(app_config):
    post_migrate.connect(_after_migrate, sender=app_config, dispatch_uid=_UID + "migrate")
    post_save.connect(_activity_saved, sender=Activity, dispatch_uid=_UID + "activity")
    m2m_changed.connect(
        _interests_changed, sender=Activity.interests.through, dispatch_uid=_UID + "interests"
    )
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid=_UID + "org")
    post_save.connect(_town_saved, sender=Town, dispatch_uid=_UID + "town")
    post_save.connect(_interest_saved, sender=Interest, dispatch_uid=_UID + "interest")
    post_save.connect(_session_changed, sender=ActivitySession, dispatch_uid=_UID + "session")
    post_delete.connect(
        _session_changed, sender=ActivitySession, dispatch_uid=_UID + "session-deleted"
    )
    post_save.connect(_slot_saved, sender=Slot, dispatch_uid=_UID + "slot")
    for model in (Town, Interest, AgeGroup, Language, FocusArea):
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                _reference_list_changed,
                sender=model,
                dispatch_uid=f"{_UID}reference.{model._meta.label}.{name}",
            )
    # Bookings are not among them: the regions show their places left filled in when served.
    for model in (Activity, ActivitySession, Slot, Organisation, Town):
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                _slot_changed if model is Slot else _results_changed,
                sender=model,
                dispatch_uid=f"{_UID}results.{model._meta.label}.{name}",
            )
    for relation in (
        Activity.focus_areas.through,
        Activity.interests.through,
        Activity.age_groups.through,
        Activity.languages.through,
    ):
        m2m_changed.connect(
            _results_changed, sender=relation, dispatch_uid=f"{_UID}results.{relation._meta.label}"
        )
