"""The changes moderation makes, each in one transaction with the item's row locked.

For the apps whose content is moderated (their services call these):

- ``screen(item, text=...)``: right after saving a new or edited item, hold it for review
  when it must wait (a new author's first post, links, words on the list). Refusing CPR
  and phone numbers is earlier, at the form (``samskab.core.validators``).
- ``withdraw(item)``: the author deleted the item; its open review is closed.

For people:

- ``report(item, reporter=..., reason=..., text=...)``: one report per person per item;
  ``MODERATION_REPORTS_TO_HIDE`` reports (since the last decision) hide it pending review.
- ``request_review(item, by=...)``: the author of an item staff hid asks, once, for a new
  review; it goes back into the inbox.

For staff (``is_municipal_staff``): ``decide(review_ids, outcome=..., reason=..., by=...)``
for the inbox's bulk actions, and ``hide(item, ...)`` / ``restore(item, ...)`` for one
item. The author is told each decision by email, in their language, from the outbox.

Every change of state sends its signal (``signals``).
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from samskab.accounts.roles import is_municipal_staff
from samskab.core import limits
from samskab.moderation import errors, screening, signals
from samskab.moderation.models import (
    Cause,
    ModeratedContent,
    ModerationState,
    Report,
    Review,
)
from samskab.notifications import services as notifications

DEFAULT_REPORTS_TO_HIDE = 3
DEFAULT_REPORT_RATE = "20/h"


def moderated_models() -> list[type[ModeratedContent]]:
    """Every installed model that extends ``ModeratedContent``."""
    return [model for model in apps.get_models() if issubclass(model, ModeratedContent)]


def reports_to_hide() -> int:
    return max(1, getattr(settings, "MODERATION_REPORTS_TO_HIDE", DEFAULT_REPORTS_TO_HIDE))


# --- holding new posts -----------------------------------------------------------------------


def author_has_published(user, *, excluding: ModeratedContent | None = None) -> bool:
    """Whether anything ``user`` wrote has been published, in any moderated model (apart
    from ``excluding``, the post being screened)."""
    for model in moderated_models():
        published = model._base_manager.filter(
            **{model.moderation_author_field: user},
            moderation_state=ModerationState.PUBLISHED,
        )
        if excluding is not None and isinstance(excluding, model):
            published = published.exclude(pk=excluding.pk)
        if published.exists():
            return True
    return False


def hold_cause(text: str, *, author, item: ModeratedContent | None = None) -> str | None:
    """Why a post by ``author`` with ``text`` (``item``, when it is saved already) must
    wait for a person before it is published, or None. Municipal staff are never held:
    they are the ones who review."""
    if author is None or is_municipal_staff(author):
        return None
    if screening.contains_link(text):
        return Cause.LINKS
    if screening.held_words_in(text):
        return Cause.WORDS
    if not author_has_published(author, excluding=item):
        return Cause.FIRST_POST
    return None


def screen(item: ModeratedContent, *, text: str, now=None) -> str | None:
    """Call in the transaction that saved ``item`` (new or edited) with the text it
    publishes: holds it for review when it must wait (``hold_cause``). Returns the cause,
    or None when it is published at once. An item already held stays held; a hidden one
    stays hidden."""
    if item.is_held:
        return item.moderation_cause
    if not item.is_published:
        return None
    cause = hold_cause(text, author=item.moderation_author, item=item)
    if cause is not None:
        hold(item, cause=cause, now=now)
    return cause


def hold(item: ModeratedContent, *, cause: str, now=None) -> Review:
    """Hold a published item for review: only its author and staff see it until staff
    decide. Sends ``content_held``."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(item)
        _set_state(locked, ModerationState.HELD, cause=cause, reason="", by=None, now=now)
        review = _open_review(locked, cause=cause, now=now)
        _copy_state(locked, item)
        signals.content_held.send(sender=type(item), item=item, cause=cause)
    return review


# --- reports ----------------------------------------------------------------------------------


def report(item: ModeratedContent, *, reporter, reason: str, text: str = "", now=None) -> Report:
    """``reporter`` reports ``item``. Raises ``CannotReport`` (their own, or not shown),
    ``ReportingTooFast`` and ``AlreadyReported`` (also when two requests arrive at once:
    the database keeps one report per person per item). The first report puts the item in
    the inbox; enough of them hide it until staff have looked."""
    if not item.moderation_can_report(reporter):
        raise errors.CannotReport
    rate = getattr(settings, "MODERATION_REPORT_RATE", DEFAULT_REPORT_RATE)
    if not limits.allow_person("moderation.report", reporter.pk, rate):
        raise errors.ReportingTooFast
    now = now or timezone.now()
    with transaction.atomic():
        # The item's row lock makes reports of one item count one after the other, so
        # the one that reaches the threshold is the one that hides it.
        locked = _locked(item)
        try:
            with transaction.atomic():
                filed = Report.objects.create(
                    reporter=reporter,
                    target_type=_type_of(locked),
                    target_id=locked.pk,
                    reason=reason,
                    text=text.strip(),
                    created_at=now,
                )
        except IntegrityError as error:
            raise errors.AlreadyReported from error
        _open_review(locked, cause=Cause.REPORTED, now=now)
        if locked.is_published and _reports_since_decision(locked) >= reports_to_hide():
            _set_state(
                locked, ModerationState.HIDDEN, cause=Cause.REPORTED, reason="", by=None, now=now
            )
            _copy_state(locked, item)
            signals.content_hidden.send(
                sender=type(item), item=item, cause=Cause.REPORTED, by=None, reason=""
            )
    return filed


def _reports_since_decision(item: ModeratedContent) -> int:
    """Reports that count towards hiding: those since the item's state last changed (a
    decision to keep it published starts the count again)."""
    reports = Report.objects.filter(target_type=_type_of(item), target_id=item.pk)
    if item.moderated_at is not None:
        reports = reports.filter(created_at__gt=item.moderated_at)
    return reports.count()


# --- the author's one request for a new review -------------------------------------------


def request_review(item: ModeratedContent, *, by, now=None) -> Review:
    """The author of an item that staff hid asks for a new review, once. Raises
    ``ReviewNotPossible`` otherwise."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(item)
        if not locked.may_request_review(by):
            raise errors.ReviewNotPossible
        locked.review_requested_at = now
        locked.save(update_fields=["review_requested_at"])
        review = _open_review(locked, cause=Cause.REVIEW_REQUESTED, now=now)
        _copy_state(locked, item)
    return review


def withdraw(item: ModeratedContent, *, now=None) -> int:
    """The author deleted ``item`` (its text is gone): nothing is left to review, so its
    open review closes. Returns how many closed."""
    return withdraw_all(type(item), [item.pk], now=now)


def withdraw_all(model: type[ModeratedContent], ids, *, now=None) -> int:
    """``withdraw`` for many items of one model at once (an account's posts)."""
    item_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return Review.objects.filter(
        target_type=item_type, target_id__in=list(ids), closed_at__isnull=True
    ).update(closed_at=now or timezone.now(), outcome=Review.Outcome.WITHDRAWN)


# --- staff decisions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    review: Review
    item: ModeratedContent | None


def decide(review_ids, *, outcome: str, reason: str, by, now=None) -> list[Decision]:
    """Staff's bulk action in the inbox: hide (``Review.Outcome.HIDDEN``) or publish
    (``Review.Outcome.PUBLISHED``: restore a hidden item, publish a held one, keep a
    reported one) every item of the open reviews ``review_ids``, with ``reason``, which
    the author is told. Reviews already decided are skipped. Returns what was decided."""
    if not is_municipal_staff(by):
        raise errors.NotModerator
    if outcome not in (Review.Outcome.HIDDEN, Review.Outcome.PUBLISHED):
        raise ValueError(f"Staff hide or publish, not {outcome!r}.")
    now = now or timezone.now()
    decided = []
    with transaction.atomic():
        reviews = (
            Review.objects.select_for_update(of=("self",))
            .filter(pk__in=list(review_ids), closed_at__isnull=True)
            .select_related("target_type")
            .order_by("pk")
        )
        for review in reviews:
            item = _item_of(review)
            if item is None:
                _close(review, outcome=Review.Outcome.WITHDRAWN, reason="", by=None, now=now)
            else:
                _apply(item, review=review, outcome=outcome, reason=reason, by=by, now=now)
            decided.append(Decision(review=review, item=item))
    return decided


def hide(item: ModeratedContent, *, reason: str, by, now=None) -> Review:
    """Staff hide one item (its open review, if any, is decided with it)."""
    return _decide_one(item, outcome=Review.Outcome.HIDDEN, reason=reason, by=by, now=now)


def restore(item: ModeratedContent, *, reason: str, by, now=None) -> Review:
    """Staff publish one item: a held one for the first time, a hidden one again, a
    reported one kept as it is."""
    return _decide_one(item, outcome=Review.Outcome.PUBLISHED, reason=reason, by=by, now=now)


def _decide_one(item, *, outcome, reason, by, now) -> Review:
    if not is_municipal_staff(by):
        raise errors.NotModerator
    now = now or timezone.now()
    with transaction.atomic():
        review = (
            Review.objects.select_for_update()
            .filter(target_type=_type_of(item), target_id=item.pk, closed_at__isnull=True)
            .first()
        )
        if review is None:
            review = Review(
                target_type=_type_of(item), target_id=item.pk, cause=Cause.STAFF, opened_at=now
            )
        _apply(item, review=review, outcome=outcome, reason=reason, by=by, now=now)
    return review


def _apply(item, *, review: Review, outcome: str, reason: str, by, now) -> None:
    locked = _locked(item)
    previous = locked.moderation_state
    if outcome == Review.Outcome.HIDDEN:
        _set_state(locked, ModerationState.HIDDEN, cause=Cause.STAFF, reason=reason, by=by, now=now)
    else:
        _set_state(locked, ModerationState.PUBLISHED, cause="", reason="", by=by, now=now)
    _close(review, outcome=outcome, reason=reason, by=by, now=now)
    _copy_state(locked, item)
    if outcome == Review.Outcome.HIDDEN:
        signals.content_hidden.send(
            sender=type(item), item=item, cause=Cause.STAFF, by=by, reason=reason
        )
    else:
        signals.content_restored.send(
            sender=type(item), item=item, by=by, reason=reason, previous_state=previous
        )
    if outcome == Review.Outcome.HIDDEN or previous != ModerationState.PUBLISHED:
        _tell_author(item, outcome=outcome, reason=reason, previous_state=previous)


def _tell_author(item, *, outcome: str, reason: str, previous_state: str) -> None:
    """Tell the author about a decision through the platform's notifications: on their
    list, and by email at once unless they chose otherwise (it concerns them directly)."""
    author = item.moderation_author
    if author is None or not author.is_active:
        return
    name = "hidden" if outcome == Review.Outcome.HIDDEN else "published"
    context = {
        "author": author,
        "item": item,
        "excerpt": item.moderation_excerpt(),
        "reason": reason,
        "was_held": previous_state == ModerationState.HELD,
        "may_request_review": item.may_request_review(author),
    }

    def render(part):
        # The kind ("comment", "idea") in the recipient's language, which notify activates.
        return render_to_string(
            f"moderation/notification/{name}{part}.txt",
            {**context, "kind": item._meta.verbose_name},
        ).strip()

    notifications.notify(
        kind=f"moderation.{name}",
        target=item,
        recipients=[author],
        message=lambda: " ".join(render("_message").split()),
        details=lambda: render(""),
        url=item.get_absolute_url(),
    )


# --- helpers ----------------------------------------------------------------------------------


def _type_of(item) -> ContentType:
    return ContentType.objects.get_for_model(item, for_concrete_model=False)


def _item_of(review: Review):
    model = review.target_type.model_class()
    if model is None or not issubclass(model, ModeratedContent):
        return None
    return model._base_manager.filter(pk=review.target_id).first()


def _locked(item: ModeratedContent) -> ModeratedContent:
    return type(item)._base_manager.select_for_update().get(pk=item.pk)


_STATE_FIELDS = (
    "moderation_state",
    "moderation_cause",
    "moderation_reason",
    "moderated_at",
    "moderated_by_id",
    "review_requested_at",
)


def _copy_state(source, target) -> None:
    """The caller's instance learns what the locked row now holds."""
    if source is target:
        return
    for name in _STATE_FIELDS:
        setattr(target, name, getattr(source, name))


def _set_state(item, state, *, cause, reason, by, now) -> None:
    item.moderation_state = state
    item.moderation_cause = cause
    item.moderation_reason = reason
    item.moderated_by = by
    item.moderated_at = now
    item.save(
        update_fields=[
            "moderation_state",
            "moderation_cause",
            "moderation_reason",
            "moderated_by",
            "moderated_at",
        ]
    )


def _open_review(item, *, cause: str, now) -> Review:
    """The item's open review, opened now if it has none (at most one: a constraint)."""
    item_type = _type_of(item)
    review = Review.objects.filter(
        target_type=item_type, target_id=item.pk, closed_at__isnull=True
    ).first()
    if review is None:
        review = Review.objects.create(
            target_type=item_type, target_id=item.pk, cause=cause, opened_at=now
        )
    return review


def _close(review: Review, *, outcome: str, reason: str, by, now) -> None:
    review.closed_at = now
    review.outcome = outcome
    review.reason = reason
    review.decided_by = by
    review.save()
