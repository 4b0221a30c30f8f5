"""Every change to needs and their alerts. A need's places are its booking slot's places
(capacity = people needed, no waiting list), so this module calls the booking engine for
every acceptance: there is one capacity mechanism in Samskab.

Rules, in one place:
- A need is posted for an organisation by someone who coordinates it (its administrators
  and coordinators, or municipal staff); only municipal staff may post on behalf of a
  citizen. It starts open, with a slot of ``people_needed`` places and no waitlist.
- Posting alerts the volunteers it fits (``rules``), within each volunteer's weekly limit;
  workers send them in batches; an alert that would arrive in quiet hours waits until
  they end (``send_due_alerts``, a periodic task of ``manage.py worker``). Each alert goes
  out exactly once, even with several workers: it is claimed with a conditional UPDATE
  before it is sent.
- Accepting takes a place through the engine, first come first served; once every place is
  held the need is filled and everyone after is told so (``NeedFilled``), and the volunteers
  alerted who did not get a place get a "thank you, it is filled" email. Accepting twice is
  harmless.
- The need follows its slot (``follow_slot``, called on the engine's saves): when someone
  cancels a filled need it is open again and may alert more volunteers; when the slot is
  cancelled, so is the need.
- Locks are always taken slot first, then need, as the engine's own changes do, so
  acceptances, cancellations and the organisation's changes never deadlock.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.roles import is_municipal_staff
from samskab.booking import errors as booking_errors
from samskab.booking import services as booking_services
from samskab.booking.models import Booking, Slot
from samskab.core import emails as core_emails
from samskab.core import tasks
from samskab.needs import emails, errors, rules, selectors
from samskab.needs.models import Need, NeedAlert
from samskab.organisations.selectors import can_coordinate
from samskab.volunteering.models import VolunteerProfile

logger = logging.getLogger(__name__)

STATUS = Need.Status
ALERT = NeedAlert.Status
SKIP = NeedAlert.SkipReason

MAX_PEOPLE = 100
# Alerts per sending task: the alerts of a need that fits hundreds of volunteers are sent
# by several worker processes at once.
ALERT_BATCH = 100

NEED_FIELDS = (
    "title_da",
    "title_en",
    "description_da",
    "description_en",
    "involves_children",
    "from_home",
    "place_name",
    "street",
    "postcode",
    "town",
    "starts_at",
    "ends_at",
    "contact_person",
    "contact_phone",
    "on_behalf_of_citizen",
)


# --- posting ----------------------------------------------------------------------------------


def _check_need(*, organisation, by, fields: dict, focus_areas, people_needed, now) -> None:
    unknown = set(fields) - set(NEED_FIELDS)
    if unknown:
        raise ValueError(f"Unknown need fields: {sorted(unknown)}")
    if not (fields.get("title_da") or "").strip():
        raise errors.NeedError(_("Give the need a title in Danish."), field="title_da")
    if not (fields.get("description_da") or "").strip():
        raise errors.NeedError(
            _("Describe in Danish what the volunteers will do."), field="description_da"
        )
    if not list(focus_areas):
        raise errors.NeedError(_("Choose at least one focus area."), field="focus_areas")
    starts_at, ends_at = fields.get("starts_at"), fields.get("ends_at")
    if starts_at is None or ends_at is None:
        raise errors.NeedError(_("Give the date and the times."), field="date")
    if starts_at <= now:
        raise errors.NeedError(_("The need must start in the future."), field="date")
    if ends_at <= starts_at:
        raise errors.NeedError(_("The end must be after the start."), field="end_time")
    if people_needed is None or not 1 <= people_needed <= MAX_PEOPLE:
        raise errors.NeedError(
            _("Ask for between 1 and %(max)d people.") % {"max": MAX_PEOPLE},
            field="people_needed",
        )
    if not fields.get("from_home") and fields.get("town") is None:
        raise errors.NeedError(
            _("Choose the town, or tick that it can be done from home."), field="town"
        )
    if fields.get("on_behalf_of_citizen") and not is_municipal_staff(by):
        raise errors.NeedError(
            _("Only municipal staff can post a need on behalf of a citizen."),
            field="on_behalf_of_citizen",
        )
    contact = fields.get("contact_person")
    if contact is not None and not can_coordinate(contact, organisation):
        raise errors.NeedError(
            _("The contact person must be a member of the organisation."),
            field="contact_person",
        )


def post_need(
    *,
    organisation,
    by,
    fields: dict,
    focus_areas,
    skills=(),
    people_needed: int,
    now=None,
) -> Need:
    """Post a need for ``organisation`` and, once it is saved, alert the volunteers it
    fits. ``fields`` holds any of ``NEED_FIELDS`` (times as aware datetimes); the contact
    person defaults to ``by``. Raises ``NotAllowed`` unless ``by`` coordinates the
    organisation, ``OrganisationNotApproved``, or ``NeedError`` (with ``field``)."""
    now = now or timezone.now()
    if not can_coordinate(by, organisation):
        raise errors.NotAllowed()
    if not organisation.is_public:
        raise errors.OrganisationNotApproved()
    fields = dict(fields)
    if fields.get("contact_person") is None:
        fields["contact_person"] = by
    focus_areas = list(focus_areas)
    _check_need(
        organisation=organisation,
        by=by,
        fields=fields,
        focus_areas=focus_areas,
        people_needed=people_needed,
        now=now,
    )
    with transaction.atomic():
        need = Need(organisation=organisation, posted_by=by, status=STATUS.OPEN)
        for name, value in fields.items():
            setattr(need, name, value.strip() if isinstance(value, str) else value)
        need.save()
        need.focus_areas.set(focus_areas)
        need.skills.set(list(skills))
        booking_services.create_slot(
            owner=need,
            starts_at=need.starts_at,
            ends_at=need.ends_at,
            capacity=people_needed,
            waitlist_enabled=False,
        )
        tasks.enqueue(alert_volunteers_of_need, need.pk)
    return need


def alert_volunteers_of_need(need_id: int) -> None:
    """The background task after a need is posted or reopened: ``alert_volunteers``."""
    need = Need.objects.filter(pk=need_id).first()
    if need is not None:
        alert_volunteers(need=need)


# --- alerts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertRound:
    """What one round of alerting did: alerts created or re-queued (``queued``; those due
    now are handed to workers to send) and volunteers skipped for their weekly limit."""

    queued: int
    skipped: int


def alert_volunteers(*, need: Need, now=None, volunteer=None) -> AlertRound:
    """Alert the volunteers the need fits (or only ``volunteer``, if it fits them) who have
    not been alerted about it (see ``selectors.alert_candidates``), then have workers send
    the alerts that are due now, in batches; those falling in a volunteer's quiet hours wait for
    ``send_due_alerts``. Does nothing for a need that takes nobody now. Safe to call again:
    a volunteer gets at most one alert per need."""
    now = now or timezone.now()
    need = Need.objects.select_related("organisation").get(pk=need.pk)
    slot = selectors.slot_of(need)
    if not need.takes_people(now) or not need.organisation.is_public or slot is None:
        return AlertRound(queued=0, skipped=0)
    if slot.capacity is not None and selectors.holding_count(slot) >= slot.capacity:
        return AlertRound(queued=0, skipped=0)
    candidates = selectors.alert_candidates(need, volunteer=volunteer)
    queued = skipped = 0
    if candidates:
        with transaction.atomic():
            # One volunteer's limit is decided by one transaction at a time: two needs
            # posted at once must not both slip under it.
            list(
                VolunteerProfile.objects.select_for_update()
                .filter(pk__in=[candidate.profile.pk for candidate in candidates])
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            counted = selectors.alerts_counted_towards_limit(
                [candidate.profile.user_id for candidate in candidates], now=now
            )
            new_alerts = []
            for candidate in candidates:
                profile = candidate.profile
                if rules.under_weekly_limit(
                    counted=counted.get(profile.user_id, 0), limit=profile.max_alerts_per_week
                ):
                    counted[profile.user_id] = counted.get(profile.user_id, 0) + 1
                    send_after = rules.quiet_hours_end_after(profile, now)
                    queued += 1
                    if candidate.existing_alert is None:
                        new_alerts.append(
                            NeedAlert(
                                need=need, volunteer_id=profile.user_id, send_after=send_after
                            )
                        )
                    else:
                        NeedAlert.objects.filter(
                            pk=candidate.existing_alert.pk, status=ALERT.SKIPPED
                        ).update(status=ALERT.QUEUED, skip_reason="", send_after=send_after)
                elif candidate.existing_alert is None:
                    skipped += 1
                    new_alerts.append(
                        NeedAlert(
                            need=need,
                            volunteer_id=profile.user_id,
                            status=ALERT.SKIPPED,
                            skip_reason=SKIP.WEEKLY_LIMIT,
                            send_after=now,
                        )
                    )
            # Another round for the same need may have run meanwhile: its alerts stand.
            NeedAlert.objects.bulk_create(new_alerts, ignore_conflicts=True)
    due = list(
        NeedAlert.objects.filter(need=need, status=ALERT.QUEUED, send_after__lte=now)
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(due), ALERT_BATCH):
        tasks.enqueue(send_due_alerts, alert_ids=due[start : start + ALERT_BATCH])
    return AlertRound(queued=queued, skipped=skipped)


def alert_about_open_needs(*, volunteer, now=None) -> int:
    """A volunteer has just opted in to alerts or changed what they can do and where:
    alert them about the open needs that fit them now, soonest first, within their weekly
    limit. Returns the number of alerts queued."""
    now = now or timezone.now()
    queued = 0
    for need in selectors.open_needs(now=now):
        queued += alert_volunteers(need=need, now=now, volunteer=volunteer).queued
    return queued


def alert_about_open_needs_of(user_id: int) -> int:
    """The background task after a volunteer saves their profile with alerts on."""
    profile = VolunteerProfile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None or not profile.ad_hoc_alerts or not profile.user.is_active:
        return 0
    return alert_about_open_needs(volunteer=profile.user)


def _reason_not_to_send(alert: NeedAlert, now) -> str | None:
    need = alert.need
    if need.status == STATUS.FILLED:
        return SKIP.FILLED
    if not need.takes_people(now) or not need.organisation.is_public:
        return SKIP.CLOSED
    profile = getattr(alert.volunteer, "volunteer_profile", None)
    if not alert.volunteer.is_active or profile is None or not profile.ad_hoc_alerts:
        return SKIP.OPTED_OUT
    return None


def _send_alert(pk: int, *, now, connection) -> bool:
    """Send one queued alert exactly once. The alert is claimed with a conditional UPDATE
    that commits on its own before the email is sent: only the worker whose UPDATE changed
    the row sends. If the need no longer takes people the alert is recorded as skipped;
    if sending fails the claim is released so a later run retries."""
    claimed = NeedAlert.objects.filter(pk=pk, status=ALERT.QUEUED, send_after__lte=now).update(
        status=ALERT.SENT, sent_at=now
    )
    if claimed != 1:
        return False
    alert = selectors.alert_for_sending(pk)
    reason = _reason_not_to_send(alert, now)
    places_left = None
    if reason is None:
        slot = selectors.slot_of(alert.need)
        if slot is not None and slot.capacity is not None:
            places_left = max(slot.capacity - selectors.holding_count(slot), 0)
            if places_left == 0:
                reason = SKIP.FILLED
    if reason is not None:
        NeedAlert.objects.filter(pk=pk, status=ALERT.SENT, sent_at=now).update(
            status=ALERT.SKIPPED, skip_reason=reason, sent_at=None
        )
        return False
    try:
        core_emails.send(
            emails.build_alert_email(alert, places_left=places_left), connection=connection
        )
    except Exception:
        logger.exception("Could not send need alert %s", pk)
        NeedAlert.objects.filter(pk=pk, status=ALERT.SENT, sent_at=now).update(
            status=ALERT.QUEUED, sent_at=None
        )
        return False
    return True


def send_due_alerts(
    *,
    now=None,
    need: Need | None = None,
    at_most: int | None = None,
    alert_ids: list[int] | None = None,
) -> int:
    """Send the queued alerts whose time has come (of one need, of ``alert_ids``, or all;
    at most ``at_most``), oldest first. Safe to run on several machines at once. Returns
    the number sent."""
    now = now or timezone.now()
    due = NeedAlert.objects.filter(status=ALERT.QUEUED, send_after__lte=now)
    if need is not None:
        due = due.filter(need=need)
    if alert_ids is not None:
        due = due.filter(pk__in=list(alert_ids))
    due = due.order_by("send_after", "pk").values_list("pk", flat=True)
    pks = list(due[:at_most] if at_most is not None else due)
    if not pks:
        return 0
    with core_emails.connection() as connection:
        return sum(1 for pk in pks if _send_alert(pk, now=now, connection=connection))


def _skip_queued_alerts(need: Need, reason: str) -> int:
    return NeedAlert.objects.filter(need=need, status=ALERT.QUEUED).update(
        status=ALERT.SKIPPED, skip_reason=reason
    )


# --- "thank you, it is filled" -----------------------------------------------------------------


def _send_filled_notice(pk: int, *, now, connection) -> bool:
    claimed = NeedAlert.objects.filter(pk=pk, filled_notice_sent_at__isnull=True).update(
        filled_notice_sent_at=now
    )
    if claimed != 1:
        return False
    alert = selectors.alert_for_sending(pk)
    try:
        core_emails.send(emails.build_filled_email(alert), connection=connection)
    except Exception:
        logger.exception("Could not send the 'it is filled' email of need alert %s", pk)
        NeedAlert.objects.filter(pk=pk, filled_notice_sent_at=now).update(
            filled_notice_sent_at=None
        )
        return False
    return True


def _filled_notice_ids(need_ids=None, *, now) -> list[int]:
    """Alerts sent about filled, coming needs whose volunteer holds no place on it and has
    not been told that it is filled."""
    alerts = NeedAlert.objects.filter(
        status=ALERT.SENT,
        accepted_at__isnull=True,
        filled_notice_sent_at__isnull=True,
        need__status=STATUS.FILLED,
        need__starts_at__gt=now,
    )
    if need_ids is not None:
        alerts = alerts.filter(need_id__in=list(need_ids))
    holders = Booking.objects.filter(
        slot__content_type=selectors.need_type(),
        slot__object_id__in=alerts.values("need_id"),
        status__in=Booking.ACTIVE_STATUSES,
    ).values_list("slot__object_id", "user_id")
    holding = set(holders)
    return [
        pk
        for pk, need_id, volunteer_id in alerts.order_by("pk").values_list(
            "pk", "need_id", "volunteer_id"
        )
        if (need_id, volunteer_id) not in holding
    ]


def send_filled_notices(*, need: Need | None = None, now=None, at_most: int | None = None) -> int:
    """Tell the volunteers alerted about a filled need (one, or every filled need) who did
    not get a place: "thank you, it is filled" (at most ``at_most`` of them). Each is told
    once, even with several workers. Returns the number sent."""
    now = now or timezone.now()
    pks = _filled_notice_ids([need.pk] if need is not None else None, now=now)[:at_most]
    if not pks:
        return 0
    with core_emails.connection() as connection:
        return sum(1 for pk in pks if _send_filled_notice(pk, now=now, connection=connection))


def send_filled_notices_of_need(need_id: int) -> None:
    """The background task after the last place of a need is taken."""
    need = Need.objects.filter(pk=need_id).first()
    if need is not None:
        send_filled_notices(need=need)


# --- accepting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AcceptResult:
    """The volunteer's booking on the need; ``created`` is False when they already had
    their place (accepting twice)."""

    need: Need
    booking: Booking
    created: bool


def _lock(need: Need) -> tuple[Slot, Need]:
    """Lock the need's slot, then the need (the engine's order), and read both again."""
    slot = Slot.objects.select_for_update().get(
        content_type=selectors.need_type(), object_id=need.pk
    )
    locked = Need.objects.select_for_update().get(pk=need.pk)
    return slot, locked


def accept_need(*, need: Need, user, now=None) -> AcceptResult:
    """Give the user one of the need's places, first come first served, through the
    booking engine (which emails the confirmation with a one-click cancel link and the
    reminder later). Raises ``NeedFilled`` when every place is taken, ``NeedClosed`` when
    it is closed or has started, ``NeedCancelled``. Accepting twice returns the place."""
    now = now or timezone.now()
    with transaction.atomic():
        slot, need = _lock(need)
        existing = Booking.objects.filter(
            slot=slot, user=user, status__in=Booking.ACTIVE_STATUSES
        ).first()
        if existing is None:
            problem = _acceptance_problem(need, slot, now)
            if problem is not None:
                raise problem
            try:
                result = booking_services.request_booking(slot=slot, user=user)
            except booking_errors.BookingError as error:
                raise selectors.engine_error_as_need_error(error) from error
            booking, created = result.booking, result.created
        else:
            booking, created = existing, False
        NeedAlert.objects.filter(need=need, volunteer=user, accepted_at__isnull=True).update(
            accepted_at=now
        )
        need.refresh_from_db(fields=["status"])
    return AcceptResult(need=need, booking=booking, created=created)


def _acceptance_problem(need: Need, slot: Slot, now) -> errors.NeedError | None:
    if need.status == STATUS.CANCELLED or slot.is_cancelled:
        return errors.NeedCancelled()
    if need.status == STATUS.CLOSED or need.has_started(now) or not need.organisation.is_public:
        return errors.NeedClosed()
    if need.status == STATUS.FILLED:
        return errors.NeedFilled()
    return None


def accept_by_token(*, need_id: int, token: str, now=None) -> AcceptResult:
    """Accept from the alert's one-click link: the token names the volunteer, and only for
    the need it was sent about. Raises ``InvalidAlertLink`` and what ``accept_need``
    raises."""
    alert = selectors.alert_by_token(need_id=need_id, token=token)
    if alert is None:
        raise errors.InvalidAlertLink()
    return accept_need(need=alert.need, user=alert.volunteer, now=now)


# --- following the slot -----------------------------------------------------------------------


def follow_slot(*, slot: Slot) -> None:
    """Keep a need in step with its slot after the engine changed it (a booking made or
    cancelled, places changed, the slot moved or cancelled). Called with the slot locked,
    inside the engine's transaction: when the last place is taken the need is filled (and
    the volunteers alerted in vain are thanked after commit); when a place frees up again
    the need reopens and alerts more volunteers after commit."""
    need = Need.objects.select_for_update().filter(pk=slot.object_id).first()
    if need is None:
        return
    changed = []
    if (need.starts_at, need.ends_at) != (slot.starts_at, slot.ends_at):
        need.starts_at, need.ends_at = slot.starts_at, slot.ends_at
        changed += ["starts_at", "ends_at"]
    if slot.is_cancelled:
        if need.status != STATUS.CANCELLED:
            need.status = STATUS.CANCELLED
            need.cancelled_at = slot.cancelled_at
            need.cancellation_reason = slot.cancellation_reason
            changed += ["status", "cancelled_at", "cancellation_reason"]
            _skip_queued_alerts(need, SKIP.CLOSED)
    elif need.is_live:
        full = slot.capacity is not None and selectors.holding_count(slot) >= slot.capacity
        if full and need.status == STATUS.OPEN:
            need.status = STATUS.FILLED
            changed.append("status")
            _skip_queued_alerts(need, SKIP.FILLED)
            tasks.enqueue(send_filled_notices_of_need, need.pk)
        elif not full and need.status == STATUS.FILLED:
            need.status = STATUS.OPEN
            changed.append("status")
            tasks.enqueue(alert_volunteers_of_need, need.pk)
    if changed:
        need.save(update_fields=[*changed, "updated_at"])


# --- the organisation's changes ----------------------------------------------------------------


def close_need(*, need: Need, by, now=None) -> Need:
    """Stop looking (enough help was found elsewhere): no more acceptances or alerts; the
    people who accepted keep their places. Closing twice is harmless."""
    if not can_coordinate(by, need.organisation):
        raise errors.NotAllowed()
    now = now or timezone.now()
    with transaction.atomic():
        _slot, need = _lock(need)
        if need.is_live:
            need.status = STATUS.CLOSED
            need.closed_at = now
            need.save(update_fields=["status", "closed_at", "updated_at"])
            _skip_queued_alerts(need, SKIP.CLOSED)
    return need


def cancel_need(*, need: Need, by, reason: str) -> Need:
    """Call the need off: everyone who accepted is told by email, with the reason (the
    engine cancels the slot); alerts not yet sent are dropped. Cancelling twice is
    harmless."""
    if not can_coordinate(by, need.organisation):
        raise errors.NotAllowed()
    reason = (reason or "").strip()
    if not reason:
        raise errors.NeedError(
            _("Say briefly why, so the volunteers who said yes understand."), field="reason"
        )
    with transaction.atomic():
        slot, need = _lock(need)
        if need.status == STATUS.CANCELLED:
            return need
        need.status = STATUS.CANCELLED
        need.cancelled_at = timezone.now()
        need.cancellation_reason = reason
        need.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
        _skip_queued_alerts(need, SKIP.CLOSED)
        booking_services.cancel_slot(slot=slot, reason=reason, by=by)
    return need


def close_past_needs(*, now=None) -> int:
    """Close needs whose time has come (the background task); their queued alerts are
    dropped. Returns the number closed."""
    now = now or timezone.now()
    with transaction.atomic():
        NeedAlert.objects.filter(status=ALERT.QUEUED, need__starts_at__lte=now).update(
            status=ALERT.SKIPPED, skip_reason=SKIP.CLOSED
        )
        return Need.objects.filter(status__in=Need.LIVE_STATUSES, starts_at__lte=now).update(
            status=STATUS.CLOSED, closed_at=now, updated_at=now
        )


@dataclass(frozen=True)
class TaskRound:
    closed: int
    alerts_sent: int
    filled_notices_sent: int


def run_tasks(*, now: datetime | None = None) -> TaskRound:
    """One round of the background work: close past needs, send the alerts whose quiet
    hours have ended, and any "it is filled" emails still owed."""
    now = now or timezone.now()
    closed = close_past_needs(now=now)
    sent = send_due_alerts(now=now)
    notices = send_filled_notices(now=now)
    return TaskRound(closed=closed, alerts_sent=sent, filled_notices_sent=notices)


# --- personal data ----------------------------------------------------------------------------


def forget_volunteer(user) -> None:
    """A person leaves: their alerts go; needs naming them as contact lose the contact
    person and the phone given for them. Needs they posted stay with the organisation
    (``posted_by`` is emptied by the database)."""
    NeedAlert.objects.filter(volunteer=user).delete()
    Need.objects.filter(contact_person=user).update(contact_person=None, contact_phone="")
