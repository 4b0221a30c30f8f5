"""Noting what the feeds must render again, from the signals of the apps below.

Activities, the booking engine, organisations and reference lists know nothing of
OpenActive: this module listens to their models' signals and writes a ``Change`` row for
each item whose published form may differ, in the transaction of the change, so the note
commits (or rolls back) with it. After the commit the publisher renders the noted items
(``publishing.publish_after_commit``); the periodic task ``openactive.publish`` catches up
with anything a crash left behind.

Queryset ``update()`` and bulk inserts send no signals: code that changes feed content that
way (the benchmark data generator) runs ``manage.py openactive_rebuild`` afterwards. The
booking engine's own ``update()`` calls change only reminders and unconfirmed visitors'
sign-ups, neither of which holds a place.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from samskab.openactive.models import Change, Kind


def note(kind: str, item_ids) -> None:
    """Have the publisher render these items of ``kind`` again after the commit."""
    item_ids = sorted({int(pk) for pk in item_ids if pk is not None})
    if not item_ids:
        return
    Change.objects.bulk_create([Change(kind=kind, item_id=pk) for pk in item_ids])
    _publish_when_committed()


def _publish_when_committed() -> None:
    from samskab.openactive import publishing

    connection = transaction.get_connection()
    # One publish per transaction however many rows it notes. A callback registered in a
    # savepoint that was rolled back is gone from the list, and is registered again.
    if connection.in_atomic_block and any(
        entry[1] is publishing.publish_after_commit for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(publishing.publish_after_commit, robust=True)


def note_activities(activity_ids, *, with_sessions: bool = True) -> None:
    """The activities' series, and the sessions still to come or under way, whose state
    follows the activity's (published, approved organisation, a physical activity)."""
    from samskab.activities.models import ActivitySession

    activity_ids = list(activity_ids)
    note(Kind.SESSION_SERIES, activity_ids)
    if with_sessions and activity_ids:
        sessions = ActivitySession.objects.filter(
            activity_id__in=activity_ids, ends_at__gt=timezone.now()
        ).values_list("pk", flat=True)
        note(Kind.SCHEDULED_SESSION, sessions)


# --- handlers ---------------------------------------------------------------------------


def activity_saved(sender, instance, **kwargs):
    note_activities([instance.pk])


def activity_deleted(sender, instance, **kwargs):
    # Its sessions are deleted with it and note themselves.
    note(Kind.SESSION_SERIES, [instance.pk])


def activity_relation_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Interests (which OpenActive activities) and age groups (the age range)."""
    if action in ("post_add", "post_remove"):
        note_activities(pk_set if reverse else [instance.pk])
    elif action == "pre_clear":
        # Cleared from the interest's side: the activities it is about to leave.
        note_activities(
            sender.objects.filter(**{instance._meta.model_name: instance}).values_list(
                "activity_id", flat=True
            )
            if reverse
            else [instance.pk]
        )


def schedule_changed(sender, instance, **kwargs):
    note(Kind.SESSION_SERIES, [instance.activity_id])


def session_changed(sender, instance, **kwargs):
    # The series lists single dates and is in the feed while anything is to come.
    note(Kind.SESSION_SERIES, [instance.activity_id])
    note(Kind.SCHEDULED_SESSION, [instance.pk])


def _session_content_type_id():
    from django.contrib.contenttypes.models import ContentType

    from samskab.activities.models import ActivitySession

    return ContentType.objects.get_for_model(ActivitySession).pk


def slot_changed(sender, instance, **kwargs):
    if instance.content_type_id == _session_content_type_id():
        note(Kind.SCHEDULED_SESSION, [instance.object_id])


def booking_changed(sender, instance, **kwargs):
    # Places left change with who holds one.
    from samskab.booking.models import Slot

    note(
        Kind.SCHEDULED_SESSION,
        Slot.objects.filter(
            pk=instance.slot_id, content_type_id=_session_content_type_id()
        ).values_list("object_id", flat=True),
    )


def organisation_changed(sender, instance, **kwargs):
    from samskab.activities.models import Activity

    note_activities(Activity.objects.filter(organisation=instance).values_list("pk", flat=True))


def town_changed(sender, instance, **kwargs):
    from samskab.activities.models import Activity

    note_activities(
        Activity.objects.filter(town=instance).values_list("pk", flat=True), with_sessions=False
    )


def concept_changed(sender, instance, **kwargs):
    from samskab.activities.models import Activity

    note_activities(
        Activity.objects.filter(interests__pk=instance.interest_id).values_list("pk", flat=True)
    )


def connect() -> None:
    from samskab.activities.models import Activity, ActivitySchedule, ActivitySession
    from samskab.booking.models import Booking, Slot
    from samskab.openactive.models import InterestConcept
    from samskab.organisations.models import Organisation
    from samskab.reference.models import Town

    def both(handler, model, name):
        post_save.connect(handler, sender=model, dispatch_uid=f"openactive:{name}:saved")
        post_delete.connect(handler, sender=model, dispatch_uid=f"openactive:{name}:deleted")

    post_save.connect(activity_saved, sender=Activity, dispatch_uid="openactive:activity:saved")
    post_delete.connect(
        activity_deleted, sender=Activity, dispatch_uid="openactive:activity:deleted"
    )
    for relation in (Activity.interests, Activity.age_groups):
        m2m_changed.connect(
            activity_relation_changed,
            sender=relation.through,
            dispatch_uid=f"openactive:activity:{relation.field.name}",
        )
    both(schedule_changed, ActivitySchedule, "schedule")
    both(session_changed, ActivitySession, "session")
    both(slot_changed, Slot, "slot")
    both(booking_changed, Booking, "booking")
    both(organisation_changed, Organisation, "organisation")
    both(town_changed, Town, "town")
    both(concept_changed, InterestConcept, "concept")
