"""Writes: write, submit, check, sign, schedule, decide, carry out. Each in a transaction,
each step recorded as an ``Event`` (the audit log and the public path); errors are
``samskab.proposals.errors`` with a message for the person who clicked.

A proposal moves only forward, along ``Status``: draft → submitted → collecting (or
rejected) → threshold reached (or expired, or withdrawn) → scheduled → decided → in
progress → implemented. ``_move`` is the one place a status changes: it locks the row and
changes it only from the statuses the step allows, so two staff members, or a signature and
the end of the collection, cannot both move it."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from samskab.accounts.roles import is_municipal_staff
from samskab.core.text import search_words
from samskab.mitid.identity import VerifiedPerson, identity_hash
from samskab.notifications import services as notifications
from samskab.proposals import conf, errors
from samskab.proposals.models import (
    CARRIED_OUT,
    ENDED_STATUSES,
    Channel,
    CoProposer,
    Decision,
    Event,
    Proposal,
    Signature,
    Status,
    Step,
    TextFix,
)
from samskab.vision.models import Milestone


def _require_staff(user) -> None:
    if not is_municipal_staff(user):
        raise errors.NotStaff


def _require_author(proposal: Proposal, user) -> None:
    if proposal.author_id is None or getattr(user, "pk", None) != proposal.author_id:
        raise errors.NotTheAuthor


def _index(proposal: Proposal) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(
        search_text=" ".join(search_words(f"{proposal.title} {proposal.text}"))
    )


def _move(proposal: Proposal, *, by, step: str, to: str, allowed_from, note: str = "", **changes):
    """Move ``proposal`` to ``to`` if it is in one of ``allowed_from``, with ``changes``,
    and record the step; returns the updated row. Runs inside the caller's transaction."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status not in allowed_from:
        raise errors.WrongStatus
    locked.status = to
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", *changes])
    Event.objects.create(proposal=locked, step=step, by=by, note=note)
    return locked


# --- What people are told -------------------------------------------------------------


def _title(proposal) -> str:
    return f"“{proposal.title}”"


def _message(proposal: Proposal, step: str) -> str:
    """The news of ``step``, in the current language (called once per recipient)."""
    values = {
        "title": _title(proposal),
        "count": number_format(proposal.signature_count, force_grouping=True),
        "threshold": number_format(proposal.threshold or 0, force_grouping=True),
    }
    if step == Step.APPROVED:
        values["date"] = date_format(timezone.localtime(proposal.collecting_until), "DATE_FORMAT")
        return _("%(title)s passed the formal check and collects signatures until %(date)s.") % (
            values
        )
    if step == Step.REJECTED:
        values["reason"] = proposal.rejection_reason.name if proposal.rejection_reason else ""
        return _("%(title)s was rejected at the formal check: %(reason)s.") % values
    if step == Step.THRESHOLD_REACHED:
        return (
            _("%(title)s has %(count)s signatures: enough to go on the city council's agenda.")
            % values
        )
    if step == Step.EXPIRED:
        return _("%(title)s ended with %(count)s of the %(threshold)s signatures needed.") % (
            values
        )
    if step == Step.WITHDRAWN:
        return _("%(title)s was withdrawn by its author.") % values
    if step == Step.SCHEDULED:
        values["date"] = date_format(proposal.council_meeting, "DATE_FORMAT")
        return _("%(title)s is on the agenda of the city council's meeting on %(date)s.") % (values)
    if step == Step.DECIDED:
        values["decision"] = proposal.get_decision_display()
        return _("The city council has decided on %(title)s: %(decision)s.") % values
    if step == Step.IN_PROGRESS:
        return _("The municipality has started carrying out %(title)s.") % values
    if step == Step.IMPLEMENTED:
        return _("%(title)s has been carried out.") % values
    raise ValueError(f"No news for the step {step!r}")


def _tell(proposal: Proposal, step: str, *, by=None) -> None:
    """Its author and co-proposers at once; everyone following it in their digest."""
    proposers = [proposal.author_id, *proposal.co_proposers.values_list("user_id", flat=True)]
    proposers = [pk for pk in proposers if pk is not None]
    exclude = [by] if by is not None else []
    url = proposal.get_absolute_url()
    notifications.notify(
        kind="proposals.yours",
        target=proposal,
        message=lambda: _message(proposal, step),
        url=url,
        recipients=proposers,
        exclude=exclude,
    )
    notifications.notify(
        kind="proposals.followed",
        target=proposal,
        message=lambda: _message(proposal, step),
        url=url,
        followers=True,
        exclude=[*exclude, *proposers],
    )


def _invite_idea_supporters(proposal: Proposal) -> None:
    """Supporters of the idea it grew from: a "me too" is not a signature, so ask them."""
    if proposal.idea_id is None:
        return
    idea = proposal.idea
    notifications.notify(
        kind="proposals.invited_to_sign",
        target=proposal,
        message=lambda: (
            _(
                "The idea “%(idea)s” that you support is now a citizen proposal. Your support of "
                "the idea does not count as a signature: sign the proposal with MitID if you "
                "agree."
            )
            % {"idea": idea.title}
        ),
        url=proposal.get_absolute_url(),
        recipients=idea.supports.values_list("user_id", flat=True),
        exclude=[proposal.author_id] if proposal.author_id else [],
    )


# --- The author -----------------------------------------------------------------------


def write(*, author, title: str, text: str, language: str, idea=None) -> Proposal:
    """A draft, seen only by its author (and co-proposers) until it is submitted."""
    with transaction.atomic():
        proposal = Proposal.objects.create(
            author=author, title=title.strip(), text=text.strip(), language=language, idea=idea
        )
        Event.objects.create(proposal=proposal, step=Step.CREATED, by=author)
        _index(proposal)
        notifications.follow(user=author, target=proposal, automatically=True)
    return proposal


def from_idea(*, idea, by) -> Proposal:
    """A draft from the author's published idea; the idea's supporters are invited to sign
    once it collects signatures."""
    if idea.author_id is None or idea.author_id != by.pk or not idea.is_published:
        raise errors.IdeaNotYours
    if Proposal.objects.filter(idea=idea).exists():
        raise errors.IdeaNotYours
    return write(author=by, title=idea.title, text=idea.text, language=idea.language, idea=idea)


def edit_draft(*, proposal: Proposal, by, title: str, text: str, language: str) -> Proposal:
    _require_author(proposal, by)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != Status.DRAFT:
            raise errors.WrongStatus
        locked.title, locked.text, locked.language = title.strip(), text.strip(), language
        locked.save(update_fields=["title", "text", "language"])
        _index(locked)
    return locked


def delete_draft(*, proposal: Proposal, by) -> None:
    _require_author(proposal, by)
    deleted, _rows = Proposal.objects.filter(pk=proposal.pk, status=Status.DRAFT).delete()
    if not deleted:
        raise errors.WrongStatus


def join_as_co_proposer(*, proposal: Proposal, user) -> CoProposer:
    """Stand behind a draft with its author (through the link the author shares)."""
    if user.pk == proposal.author_id or proposal.co_proposers.filter(user=user).exists():
        raise errors.AlreadyCoProposer
    if proposal.status != Status.DRAFT:
        raise errors.WrongStatus
    with transaction.atomic():
        co_proposer = CoProposer.objects.create(proposal=proposal, user=user)
        notifications.follow(user=user, target=proposal, automatically=True)
    return co_proposer


def submit(*, proposal: Proposal, by) -> Proposal:
    """Send the draft to the formal check; its text is frozen from now on."""
    _require_author(proposal, by)
    if proposal.co_proposers.count() < conf.co_proposers():
        raise errors.TooFewCoProposers
    now = timezone.now()
    with transaction.atomic():
        return _move(
            proposal,
            by=by,
            step=Step.SUBMITTED,
            to=Status.SUBMITTED,
            allowed_from=(Status.DRAFT,),
            submitted_at=now,
            check_due_at=now + conf.check_within(),
        )


def withdraw(*, proposal: Proposal, by, reason: str) -> Proposal:
    """The author takes the proposal back, with a reason everyone can read."""
    _require_author(proposal, by)
    reason = reason.strip()
    if not reason:
        raise errors.ReasonRequired("reason")
    with transaction.atomic():
        proposal = _move(
            proposal,
            by=by,
            step=Step.WITHDRAWN,
            to=Status.WITHDRAWN,
            allowed_from=(Status.SUBMITTED, Status.COLLECTING),
            note=reason,
            withdrawal_reason=reason,
            ended_at=timezone.now(),
        )
        _tell(proposal, Step.WITHDRAWN, by=by)
    return proposal


# --- Staff ------------------------------------------------------------------------------


def approve(*, proposal: Proposal, by) -> Proposal:
    """Formal check passed: collection starts under today's rules."""
    _require_staff(by)
    now = timezone.now()
    with transaction.atomic():
        proposal = _move(
            proposal,
            by=by,
            step=Step.APPROVED,
            to=Status.COLLECTING,
            allowed_from=(Status.SUBMITTED,),
            checked_at=now,
            threshold=conf.threshold(),
            collecting_from=now,
            collecting_until=now + conf.collection_period(),
        )
        _tell(proposal, Step.APPROVED, by=by)
        _invite_idea_supporters(proposal)
    return proposal


def reject(*, proposal: Proposal, by, reason, text: str = "") -> Proposal:
    """Formal check failed, for one of the municipality's reasons."""
    _require_staff(by)
    if reason is None:
        raise errors.ReasonRequired("reason", _("Choose the reason for the rejection."))
    now = timezone.now()
    with transaction.atomic():
        proposal = _move(
            proposal,
            by=by,
            step=Step.REJECTED,
            to=Status.REJECTED,
            allowed_from=(Status.SUBMITTED,),
            note=text.strip(),
            checked_at=now,
            rejection_reason=reason,
            rejection_text=text.strip(),
            ended_at=now,
        )
        _tell(proposal, Step.REJECTED, by=by)
    return proposal


def fix_text(*, proposal: Proposal, by, title: str, text: str, reason: str) -> Proposal:
    """Staff correct a typo in a frozen text; the difference is public."""
    _require_staff(by)
    reason = reason.strip()
    if not reason:
        raise errors.ReasonRequired("reason")
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status not in (Status.SUBMITTED, Status.COLLECTING):
            raise errors.WrongStatus
        title, text = title.strip(), text.strip()
        if (title, text) == (locked.title, locked.text):
            return locked
        TextFix.objects.create(
            proposal=locked,
            title_before=locked.title,
            text_before=locked.text,
            title_after=title,
            text_after=text,
            reason=reason,
            fixed_by=by,
        )
        locked.title, locked.text = title, text
        locked.save(update_fields=["title", "text"])
        Event.objects.create(proposal=locked, step=Step.TEXT_FIXED, by=by, note=reason)
        _index(locked)
    return locked


def schedule(*, proposal: Proposal, by, meeting: date, agenda_url: str = "") -> Proposal:
    """On the city council's agenda (again, if the meeting moves)."""
    _require_staff(by)
    with transaction.atomic():
        proposal = _move(
            proposal,
            by=by,
            step=Step.SCHEDULED,
            to=Status.SCHEDULED,
            allowed_from=(Status.THRESHOLD_REACHED, Status.SCHEDULED),
            council_meeting=meeting,
            agenda_url=agenda_url,
        )
        _tell(proposal, Step.SCHEDULED, by=by)
    return proposal


def decide(*, proposal: Proposal, by, decision: str, text: str) -> Proposal:
    """The city council's decision, in its words."""
    _require_staff(by)
    if decision not in Decision.values:
        raise errors.ReasonRequired("decision", _("Choose the city council's decision."))
    text = text.strip()
    if not text:
        raise errors.ReasonRequired(
            "decision_text", _("Write the decision: everyone who signed wants to read it.")
        )
    now = timezone.now()
    with transaction.atomic():
        proposal = _move(
            proposal,
            by=by,
            step=Step.DECIDED,
            to=Status.DECIDED,
            allowed_from=(Status.SCHEDULED,),
            decision=decision,
            decision_text=text,
            decided_at=now,
            ended_at=now,
        )
        _tell(proposal, Step.DECIDED, by=by)
    return proposal


def start_work(*, proposal: Proposal, by, initiative=None, note: str = "") -> Proposal:
    """An adopted proposal is being carried out, as part of one of the vision's initiatives
    (whose page then shows it)."""
    _require_staff(by)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.decision not in CARRIED_OUT:
            raise errors.WrongStatus
        proposal = _move(
            locked,
            by=by,
            step=Step.IN_PROGRESS,
            to=Status.IN_PROGRESS,
            allowed_from=(Status.DECIDED,),
            note=note.strip(),
            initiative=initiative,
        )
        _tell(proposal, Step.IN_PROGRESS, by=by)
    return proposal


def mark_implemented(*, proposal: Proposal, by, note: str = "") -> Proposal:
    """Carried out; its initiative gets a reached milestone."""
    _require_staff(by)
    now = timezone.now()
    with transaction.atomic():
        proposal = _move(
            proposal,
            by=by,
            step=Step.IMPLEMENTED,
            to=Status.IMPLEMENTED,
            allowed_from=(Status.IN_PROGRESS,),
            note=note.strip(),
            implemented_at=now,
        )
        if proposal.initiative_id:
            Milestone.objects.create(
                initiative_id=proposal.initiative_id,
                date=timezone.localdate(now),
                title=(_("Citizen proposal carried out: %(title)s") % {"title": proposal.title})[
                    :200
                ],
                description=note.strip()[:2000],
                reached=True,
            )
        _tell(proposal, Step.IMPLEMENTED, by=by)
    return proposal


# --- Signatures -------------------------------------------------------------------------


def check_eligible(person: VerifiedPerson) -> None:
    """Age and residence as the municipality's rules require, today."""
    age = person.age_on(timezone.localdate())
    if age is None or age < conf.min_age():
        raise errors.TooYoung(conf.min_age())
    if (person.municipality_code or "").strip() != conf.municipality_code():
        raise errors.NotResident


def sign(
    *, proposal: Proposal, person: VerifiedPerson, channel: str = Channel.MITID, by=None
) -> Signature:
    """Count an eligible person's signature once. The proposal's row is locked, so a
    hundred signatures at once count a hundred times, a person's second one is refused, and
    the signature that reaches the threshold moves the proposal on exactly once."""
    if channel != Channel.MITID:
        _require_staff(by)
    if proposal.status != Status.COLLECTING:
        raise errors.NotCollecting
    check_eligible(person)
    now = timezone.now()
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != Status.COLLECTING or locked.collecting_until <= now:
            raise errors.NotCollecting
        if Signature.objects.filter(proposal=locked, identity_hash=person.identity_hash).exists():
            raise errors.AlreadySigned
        signature = Signature.objects.create(
            proposal=locked,
            identity_hash=person.identity_hash,
            channel=channel,
            registered_by=by if channel != Channel.MITID else None,
        )
        locked.signature_count += 1
        fields = ["signature_count"]
        if channel != Channel.MITID:
            step = Step.SIGNED_AT_DESK if channel == Channel.DESK else Step.PAPER_SIGNATURE
            Event.objects.create(proposal=locked, step=step, by=by)
        if locked.signature_count >= locked.threshold:
            locked.status = Status.THRESHOLD_REACHED
            locked.threshold_reached_at = now
            fields += ["status", "threshold_reached_at"]
        locked.save(update_fields=fields)
        if locked.status == Status.THRESHOLD_REACHED:
            Event.objects.create(proposal=locked, step=Step.THRESHOLD_REACHED)
            _tell(locked, Step.THRESHOLD_REACHED)
    return signature


def signature_of(proposal: Proposal, person: VerifiedPerson | None) -> Signature | None:
    if person is None:
        return None
    return Signature.objects.filter(proposal=proposal, identity_hash=person.identity_hash).first()


def withdraw_signature(*, proposal: Proposal, person: VerifiedPerson) -> None:
    """The signer takes their signature back, while the proposal collects."""
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != Status.COLLECTING:
            raise errors.CannotWithdrawSignature
        deleted, _rows = Signature.objects.filter(
            proposal=locked, identity_hash=person.identity_hash
        ).delete()
        if not deleted:
            raise errors.NotSigned
        locked.signature_count -= 1
        locked.save(update_fields=["signature_count"])
        Event.objects.create(proposal=locked, step=Step.SIGNATURE_WITHDRAWN)


def sign_for(
    *, proposal: Proposal, by, person_identifier: str, birthdate, municipality_code, channel: str
) -> Signature:
    """A signature staff register for a citizen at the desk, or from a paper form: the
    identifier (the one MitID gives) is hashed at once, so it meets the same "once per
    person" rule, and the step is in the audit log with the staff member's name."""
    person = VerifiedPerson(
        identity_hash=identity_hash(person_identifier.strip()),
        birthdate=birthdate,
        municipality_code=municipality_code,
        verified_at=timezone.now(),
    )
    return sign(proposal=proposal, person=person, channel=channel, by=by)


# --- Periodic ---------------------------------------------------------------------------


def end_collections() -> int:
    """Proposals whose collection time is up without enough signatures expire."""
    ended = 0
    now = timezone.now()
    for pk in Proposal.objects.filter(
        status=Status.COLLECTING, collecting_until__lte=now
    ).values_list("pk", flat=True):
        with transaction.atomic():
            try:
                proposal = _move(
                    Proposal(pk=pk),
                    by=None,
                    step=Step.EXPIRED,
                    to=Status.EXPIRED,
                    allowed_from=(Status.COLLECTING,),
                    ended_at=now,
                )
            except errors.WrongStatus:
                continue
            _tell(proposal, Step.EXPIRED)
            ended += 1
    return ended


def delete_old_identities() -> int:
    """Signers' identity hashes go ``KEEP_IDENTITIES_DAYS`` after the proposal ended; the
    signatures stay as counts."""
    deleted = 0
    before = timezone.now() - conf.keep_identities()
    due = Proposal.objects.filter(
        status__in=ENDED_STATUSES, ended_at__lte=before, identities_deleted_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in due:
        with transaction.atomic():
            claimed = Proposal.objects.filter(pk=pk, identities_deleted_at__isnull=True).update(
                identities_deleted_at=timezone.now()
            )
            if not claimed:
                continue
            Signature.objects.filter(proposal_id=pk).update(identity_hash=None)
            Event.objects.create(proposal_id=pk, step=Step.IDENTITIES_DELETED)
            deleted += 1
    return deleted


def forget_person(user) -> None:
    """Deleting an account deletes its drafts; proposals others have seen or signed stay,
    without the author's name, and signatures are anonymous anyway."""
    Proposal.objects.filter(author=user, status=Status.DRAFT).delete()
