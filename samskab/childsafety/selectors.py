"""Reading børneattest statuses for rosters, the coordinator's page and the volunteer.

A stored status is the truth once it exists. Where none is stored yet (the rule was crossed
a moment ago and the check has not run) the rule is evaluated from the bookings, so a
roster never misses a "børneattest needed". Each function reads a fixed number of queries
whatever the number of volunteers.

For the volunteering roster::

    from samskab.childsafety.selectors import attach_attest_statuses
    attach_attest_statuses(bookings, organisation)   # sets booking.attest on each

    {% include "childsafety/includes/attest_badge.html" with attest=booking.attest %}
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone

from samskab.childsafety import conf, engagements, rules
from samskab.childsafety.models import AttestStatus
from samskab.organisations.models import Organisation

STATE = AttestStatus.State


@dataclass(frozen=True)
class AttestInfo:
    """Where one volunteer is with one organisation's børneattest."""

    state: str
    volunteer_id: int
    organisation_id: int
    rule: str = ""
    needed_from: date | None = None
    requested_on: date | None = None
    approved_on: date | None = None
    is_stored: bool = False

    @property
    def label(self) -> str:
        return STATE(self.state).label

    @property
    def is_needed(self) -> bool:
        """The coordinator has something to do: ask for an attest, or a new one."""
        return self.state in (STATE.NEEDED, STATE.EXPIRED)

    @property
    def is_approved(self) -> bool:
        return self.state == STATE.APPROVED

    @property
    def rule_label(self) -> str:
        return AttestStatus.Rule(self.rule).label if self.rule else ""


def lookback_start(today: date):
    """Engagement older than the retention time no longer makes an attest needed: its
    status would have been cleared by now."""
    return timezone.make_aware(datetime.combine(today - conf.retention(), time.min))


def effective_state(status: AttestStatus, today: date) -> str:
    """An approval older than ``CHILDSAFETY_APPROVAL_VALID_FOR`` shows as expired even
    before the daily check stores it so."""
    if (
        status.state == STATE.APPROVED
        and status.approved_on is not None
        and status.approved_on + conf.approval_valid_for() < today
    ):
        return STATE.EXPIRED
    return status.state


def info_from_status(status: AttestStatus, today: date) -> AttestInfo:
    return AttestInfo(
        state=effective_state(status, today),
        volunteer_id=status.volunteer_id,
        organisation_id=status.organisation_id,
        rule=status.rule,
        needed_from=status.needed_from,
        requested_on=status.requested_on,
        approved_on=status.approved_on,
        is_stored=True,
    )


def info_from_engagement(engagement, today: date) -> AttestInfo | None:
    """A "needed" for an engagement that crossed the rule, or None."""
    outcome = rules.assess(engagement.occasions)
    if not outcome.crossed:
        return None
    return AttestInfo(
        state=STATE.NEEDED,
        volunteer_id=engagement.user_id,
        organisation_id=engagement.organisation_id,
        rule=outcome.rule,
        needed_from=outcome.crossed_on,
    )


def _statuses(*, user_ids=None, organisation_ids=None, today: date) -> dict:
    """(volunteer, organisation) → AttestInfo for stored statuses and crossed engagements.
    One query for the statuses plus one per engagement path."""
    statuses = AttestStatus.objects.all()
    if user_ids is not None:
        statuses = statuses.filter(volunteer_id__in=list(user_ids))
    if organisation_ids is not None:
        statuses = statuses.filter(organisation_id__in=list(organisation_ids))
    result = {
        (status.volunteer_id, status.organisation_id): info_from_status(status, today)
        for status in statuses
    }
    for engagement in engagements.engagements(
        user_ids=user_ids, organisation_ids=organisation_ids, since=lookback_start(today)
    ):
        key = (engagement.user_id, engagement.organisation_id)
        if key in result:
            continue
        info = info_from_engagement(engagement, today)
        if info is not None:
            result[key] = info
    return result


def attest_status_for(volunteer, organisation, *, today: date | None = None) -> AttestInfo | None:
    """The volunteer's børneattest status with the organisation, or None when nothing is
    needed (they have not crossed the rule on its tasks with children)."""
    if volunteer is None or not getattr(volunteer, "pk", None):
        return None
    today = today or timezone.localdate()
    found = _statuses(user_ids=[volunteer.pk], organisation_ids=[organisation.pk], today=today)
    return found.get((volunteer.pk, organisation.pk))


def attest_statuses_for(user_ids, organisation, *, today: date | None = None) -> dict:
    """user id → AttestInfo for those of ``user_ids`` who have a status with the
    organisation; at most two queries for any number of people."""
    user_ids = {pk for pk in user_ids if pk is not None}
    if not user_ids:
        return {}
    today = today or timezone.localdate()
    found = _statuses(user_ids=user_ids, organisation_ids=[organisation.pk], today=today)
    return {user_id: info for (user_id, _organisation_id), info in found.items()}


def attach_attest_statuses(bookings, organisation, *, today: date | None = None) -> None:
    """Set ``booking.attest`` (an AttestInfo or None) on each booking of a roster."""
    bookings = list(bookings)
    statuses = attest_statuses_for(
        [booking.user_id for booking in bookings], organisation, today=today
    )
    for booking in bookings:
        booking.attest = statuses.get(booking.user_id)


# --- the coordinator's page ----------------------------------------------------------------


@dataclass(frozen=True)
class VolunteerAttest:
    volunteer: object
    attest: AttestInfo


STATE_ORDER = {STATE.NEEDED: 0, STATE.EXPIRED: 1, STATE.REQUESTED: 2, STATE.APPROVED: 3}


def attests_for_organisation(organisation, *, today: date | None = None) -> list[VolunteerAttest]:
    """Everyone with a børneattest status at the organisation, those needing one first,
    then by name. Three queries."""
    today = today or timezone.localdate()
    found = _statuses(organisation_ids=[organisation.pk], today=today)
    users = get_user_model().objects.in_bulk([user_id for user_id, _org in found])
    rows = [
        VolunteerAttest(volunteer=users[user_id], attest=info)
        for (user_id, _org), info in found.items()
        if user_id in users
    ]
    return sorted(
        rows,
        key=lambda row: (
            STATE_ORDER[row.attest.state],
            row.volunteer.get_full_name().lower(),
            row.volunteer.pk,
        ),
    )


def attest_for_organisation_volunteer(
    organisation, volunteer_id: int, *, today: date | None = None
) -> VolunteerAttest | None:
    """One volunteer's row on the organisation's page; None when they have no status there
    (then the organisation has nothing to record about them)."""
    volunteer = get_user_model().objects.filter(pk=volunteer_id).first()
    if volunteer is None:
        return None
    attest = attest_status_for(volunteer, organisation, today=today)
    if attest is None:
        return None
    return VolunteerAttest(volunteer=volunteer, attest=attest)


# --- the volunteer -------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnAttest:
    organisation: Organisation
    attest: AttestInfo


def attests_of_volunteer(user, *, today: date | None = None) -> list[OwnAttest]:
    """The person's statuses with every organisation, for their own page. Three queries."""
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    found = _statuses(user_ids=[user.pk], today=today)
    organisations = Organisation.objects.in_bulk([org_id for _user, org_id in found])
    rows = [
        OwnAttest(organisation=organisations[org_id], attest=info)
        for (_user, org_id), info in found.items()
        if org_id in organisations
    ]
    return sorted(
        rows, key=lambda row: (STATE_ORDER[row.attest.state], row.organisation.name.lower())
    )
