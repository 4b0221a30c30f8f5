"""Changes to børneattest statuses.

- ``check_volunteer``: evaluate one volunteer's engagement with one organisation; when it
  crosses the rule and nothing is stored yet, store "needed" and tell the volunteer once,
  by email in their language. Called after every confirmed booking (``signals``) and by the
  ``check_attest_rule`` command for everyone (``check_all``).
- ``record_requested`` / ``record_approved``: what the coordinator records in the site.
- ``expire_approvals``: approvals older than ``CHILDSAFETY_APPROVAL_VALID_FOR`` become
  expired, so the organisation asks for a new attest.
- ``clear_expired_attests``: statuses are deleted ``CHILDSAFETY_RETENTION`` after the later
  of the approval and the volunteer's last day on the organisation's tasks with children.
Who may record is the caller's check (``can_coordinate``).
"""

import logging
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from samskab.childsafety import conf, emails, engagements, rules, selectors
from samskab.childsafety.errors import NoAttestNeeded, NotInThePast
from samskab.childsafety.models import AttestStatus
from samskab.core import emails as core_emails
from samskab.core import tasks
from samskab.organisations.models import Organisation

logger = logging.getLogger(__name__)

STATE = AttestStatus.State


def assess(*, volunteer_id: int, organisation_id: int, today: date) -> rules.RuleOutcome:
    found = engagements.engagements(
        user_ids=[volunteer_id],
        organisation_ids=[organisation_id],
        since=selectors.lookback_start(today),
    )
    return rules.assess(found[0].occasions) if found else rules.NOT_CROSSED


def _record_needed(
    *, volunteer_id: int, organisation_id: int, outcome: rules.RuleOutcome
) -> AttestStatus | None:
    """Store "needed" unless a status exists; the email goes once, after commit."""
    try:
        with transaction.atomic():
            status, created = AttestStatus.objects.get_or_create(
                volunteer_id=volunteer_id,
                organisation_id=organisation_id,
                defaults={
                    "state": STATE.NEEDED,
                    "rule": outcome.rule,
                    "needed_from": outcome.crossed_on,
                },
            )
    except IntegrityError:
        # Someone else stored it at the same moment; their email is the one.
        return AttestStatus.objects.filter(
            volunteer_id=volunteer_id, organisation_id=organisation_id
        ).first()
    if created:
        tasks.enqueue(notify_volunteer, status.pk)
    return status


def check_volunteer(*, volunteer, organisation, today: date | None = None) -> AttestStatus | None:
    """The stored status after checking the rule for this pair (None: nothing needed)."""
    today = today or timezone.localdate()
    existing = AttestStatus.objects.filter(volunteer=volunteer, organisation=organisation).first()
    if existing is not None:
        return existing
    outcome = assess(volunteer_id=volunteer.pk, organisation_id=organisation.pk, today=today)
    if not outcome.crossed:
        return None
    return _record_needed(
        volunteer_id=volunteer.pk, organisation_id=organisation.pk, outcome=outcome
    )


def check_booking(booking_id: int) -> int:
    """After a booking is confirmed: check the rule for each organisation it counts for.
    Returns the number of statuses that exist afterwards for those pairs."""
    today = timezone.localdate()
    stored = 0
    for user_id, organisation_id in engagements.organisations_of_booking(booking_id):
        if AttestStatus.objects.filter(
            volunteer_id=user_id, organisation_id=organisation_id
        ).exists():
            stored += 1
            continue
        outcome = assess(volunteer_id=user_id, organisation_id=organisation_id, today=today)
        if outcome.crossed and _record_needed(
            volunteer_id=user_id, organisation_id=organisation_id, outcome=outcome
        ):
            stored += 1
    return stored


def check_all(*, today: date | None = None) -> int:
    """Store "needed" for every engagement that crossed the rule and has no status yet.
    Returns how many were stored now. Safe to run again and on several machines."""
    today = today or timezone.localdate()
    existing = set(AttestStatus.objects.values_list("volunteer_id", "organisation_id"))
    created = 0
    for engagement in engagements.engagements(since=selectors.lookback_start(today)):
        key = (engagement.user_id, engagement.organisation_id)
        if key in existing:
            continue
        outcome = rules.assess(engagement.occasions)
        if not outcome.crossed:
            continue
        status = _record_needed(
            volunteer_id=engagement.user_id,
            organisation_id=engagement.organisation_id,
            outcome=outcome,
        )
        if status is not None:
            created += 1
    return created


def notify_volunteer(status_id: int) -> bool:
    """Tell the volunteer why a børneattest is needed, exactly once: the status is claimed
    with a conditional UPDATE before sending, and released if sending fails."""
    now = timezone.now()
    claimed = AttestStatus.objects.filter(pk=status_id, volunteer_notified_at__isnull=True).update(
        volunteer_notified_at=now
    )
    if claimed != 1:
        return False
    status = (
        AttestStatus.objects.select_related("volunteer", "organisation")
        .filter(pk=status_id)
        .first()
    )
    try:
        core_emails.send(emails.build_attest_needed_email(status))
    except Exception:
        logger.exception("Could not tell the volunteer about børneattest status %s", status_id)
        AttestStatus.objects.filter(pk=status_id, volunteer_notified_at=now).update(
            volunteer_notified_at=None
        )
        return False
    return True


def notify_pending(*, today: date | None = None) -> int:
    """Send the emails that failed before (the mail server was down). Returns how many went."""
    pending = AttestStatus.objects.filter(
        volunteer_notified_at__isnull=True, state=STATE.NEEDED
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(pending) if notify_volunteer(pk))


# --- what coordinators record --------------------------------------------------------------


def _status_to_record(*, volunteer, organisation: Organisation, today: date) -> AttestStatus:
    """The stored status of a volunteer who needs (or has) one; a crossing that was not
    stored yet is stored now. Raises ``NoAttestNeeded`` for anyone else, so nobody can
    record statuses about people who never helped the organisation with children."""
    status = (
        AttestStatus.objects.select_for_update()
        .filter(volunteer=volunteer, organisation=organisation)
        .first()
    )
    if status is not None:
        return status
    outcome = assess(volunteer_id=volunteer.pk, organisation_id=organisation.pk, today=today)
    if not outcome.crossed:
        raise NoAttestNeeded
    _record_needed(volunteer_id=volunteer.pk, organisation_id=organisation.pk, outcome=outcome)
    return AttestStatus.objects.select_for_update().get(
        volunteer=volunteer, organisation=organisation
    )


def record_requested(*, volunteer, organisation, by, today: date | None = None) -> AttestStatus:
    today = today or timezone.localdate()
    with transaction.atomic():
        status = _status_to_record(volunteer=volunteer, organisation=organisation, today=today)
        status.state = STATE.REQUESTED
        status.requested_on = today
        status.updated_by = by
        status.save(update_fields=["state", "requested_on", "updated_by", "updated_at"])
    return status


def record_approved(
    *, volunteer, organisation, by, approved_on: date, today: date | None = None
) -> AttestStatus:
    """The organisation has received an attest without remarks, dated ``approved_on``."""
    today = today or timezone.localdate()
    if approved_on > today:
        raise NotInThePast(field="approved_on")
    with transaction.atomic():
        status = _status_to_record(volunteer=volunteer, organisation=organisation, today=today)
        status.state = STATE.APPROVED
        status.approved_on = approved_on
        status.updated_by = by
        status.save(update_fields=["state", "approved_on", "updated_by", "updated_at"])
    if selectors.effective_state(status, today) == STATE.EXPIRED:
        expire_approvals(today=today)
        status.refresh_from_db()
    return status


def expire_approvals(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    return AttestStatus.objects.filter(
        state=STATE.APPROVED, approved_on__lt=today - conf.approval_valid_for()
    ).update(state=STATE.EXPIRED, updated_at=timezone.now())


# --- retention -------------------------------------------------------------------------------


def clear_expired_attests(*, today: date | None = None) -> int:
    """Delete every status whose retention time has run out: ``CHILDSAFETY_RETENTION``
    after the latest of its dates (needed, requested, approved) and the volunteer's last
    day on the organisation's tasks with children. Running it again deletes nothing more.
    Returns the number deleted."""
    today = today or timezone.localdate()
    cutoff = today - conf.retention()
    statuses = list(
        AttestStatus.objects.values(
            "pk",
            "volunteer_id",
            "organisation_id",
            "needed_from",
            "requested_on",
            "approved_on",
        )
    )
    if not statuses:
        return 0
    last_days = engagements.last_engagement_days(
        user_ids={row["volunteer_id"] for row in statuses},
        organisation_ids={row["organisation_id"] for row in statuses},
    )
    expired = []
    for row in statuses:
        dates = [
            row["needed_from"],
            row["requested_on"],
            row["approved_on"],
            last_days.get((row["volunteer_id"], row["organisation_id"])),
        ]
        latest = max(day for day in dates if day is not None)
        if latest < cutoff:
            expired.append(row["pk"])
    if not expired:
        return 0
    deleted, _details = AttestStatus.objects.filter(pk__in=expired).delete()
    return deleted


def forget_volunteer(user) -> None:
    AttestStatus.objects.filter(volunteer=user).delete()
