"""Writes: follow and stop following, notify, read, choose how to hear.

``notify(kind=..., target=..., recipients=..., followers=..., message=..., url=...)`` is
the one way any app tells people something: it stores one notification per person (in the
transaction of the change), written in that person's language, and has workers email the
ones each person wants at once; the rest wait for their daily or weekly digest."""

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from samskab.core import emails as core_emails
from samskab.core import tasks
from samskab.notifications import emails, selectors, tokens
from samskab.notifications.models import Follow, Notification, NotificationSettings

DIGEST_EVERY = {
    NotificationSettings.Following.DAILY: timedelta(days=1),
    NotificationSettings.Following.WEEKLY: timedelta(days=7),
}


class NotFollowable(Exception):
    pass


def _follow_row(user, target):
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )


def follow(*, user, target, automatically: bool = False) -> bool:
    """``user`` follows ``target``. ``automatically`` (they wrote, supported or commented)
    does not undo an earlier "stop following". Returns whether they follow now."""
    if not selectors.is_followable(target):
        raise NotFollowable(target._meta.label)
    content_type = ContentType.objects.get_for_model(target)
    try:
        with transaction.atomic():
            row, created = Follow.objects.get_or_create(
                user=user, content_type=content_type, object_id=target.pk
            )
    except IntegrityError:
        # Two requests at once: the other one made the row.
        row, created = _follow_row(user, target).get(), False
    if not created and not row.active and not automatically:
        _follow_row(user, target).update(active=True)
        return True
    return row.active if not created else True


def stop_following(*, user, target) -> None:
    if _follow_row(user, target).update(active=False) == 0 and selectors.is_followable(target):
        # Never followed: remember the choice, so an automatic follow does not start.
        Follow.objects.get_or_create(
            user=user,
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            defaults={"active": False},
        )


def notify(
    *,
    kind: str,
    target,
    message: Callable[[], str],
    url: str,
    recipients: Iterable = (),
    followers: bool = False,
    exclude: Iterable = (),
    details: Callable[[], str] | None = None,
) -> int:
    """Tell ``recipients`` (users) and, with ``followers``, everyone following ``target``
    about something of ``kind`` (declared by the calling app). ``message()`` is called in
    each recipient's language (make it with gettext); ``url`` is the path to read it at;
    ``details()`` (optional, also in their language) is the rest of what to say, in the
    email.
    Nobody in ``exclude`` (say, whoever did it) and no inactive account is told; nobody is
    told twice. Returns the number of notifications made."""
    declared = selectors.kind(kind)
    excluded = {getattr(user, "pk", user) for user in exclude}
    ids = {getattr(user, "pk", user) for user in recipients}
    if followers:
        ids.update(selectors.follower_ids(target))
    ids -= excluded
    if not ids:
        return 0
    people = get_user_model().objects.filter(pk__in=ids, is_active=True)
    settings_of = selectors.settings_by_user([person.pk for person in people])
    content_type = ContentType.objects.get_for_model(target)
    written: dict[str, tuple[str, str, str]] = {}
    made = []
    for person in people:
        language = core_emails.language_of(person)
        if language not in written:
            with translation.override(language):
                extra = str(details()) if details is not None else ""
                written[language] = (str(message()), str(target), extra)
        text, about, extra = written[language]
        made.append(
            Notification(
                recipient=person,
                kind=kind,
                content_type=content_type,
                object_id=target.pk,
                about=about[:300],
                message=text,
                details=extra,
                url=url,
                delivery=selectors.delivery_for(declared, settings_of[person.pk]),
            )
        )
    with transaction.atomic():
        created = Notification.objects.bulk_create(made)
        get_user_model().objects.filter(pk__in=[n.recipient_id for n in created]).update(
            unread_notifications=F("unread_notifications") + 1
        )
        instant = [n.pk for n in created if n.delivery == Notification.Delivery.INSTANT]
        if instant:
            tasks.enqueue(send_instant_notifications, instant)
    return len(created)


def send_instant_notifications(notification_ids: list[int]) -> int:
    """The background task: one email per notification, into the outbox. Each is claimed
    (``emailed_at``) in the same transaction, so a task run twice sends nothing twice."""
    sent = 0
    with transaction.atomic():
        # Only the notifications are locked, not the recipients' user rows.
        pending = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(pk__in=notification_ids, emailed_at__isnull=True)
            .select_related("recipient")
        )
        now = timezone.now()
        messages = [emails.instant_email(n) for n in pending if n.recipient.is_active]
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
        if messages:
            core_emails.send_later(messages, about="notifications")
            sent = len(messages)
    return sent


def send_due_digests(*, now=None) -> int:
    """The periodic task: everyone whose daily or weekly digest is due and who has news
    gets one email with all of it, grouped by what it is about. Returns emails made."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.filter(delivery=Notification.Delivery.DIGEST, emailed_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    made = 0
    for user_id in list(waiting):
        made += _send_digest(user_id, now=now)
    return made


def _send_digest(user_id: int, *, now) -> int:
    with transaction.atomic():
        settings, _ = NotificationSettings.objects.select_for_update().get_or_create(
            user_id=user_id
        )
        every = DIGEST_EVERY.get(settings.following)
        if settings.last_digest_at and every and now - settings.last_digest_at < every:
            return 0
        news = list(
            Notification.objects.filter(
                recipient_id=user_id,
                delivery=Notification.Delivery.DIGEST,
                emailed_at__isnull=True,
            )
            .select_related("recipient")
            .order_by("about", "created_at")
        )
        if not news:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in news]).update(emailed_at=now)
        settings.last_digest_at = now
        settings.save(update_fields=["last_digest_at"])
        recipient = news[0].recipient
        if not recipient.is_active or settings.following == NotificationSettings.Following.OFF:
            # They chose "only on the site" after these were made.
            return 0
        core_emails.send_later(emails.digest_email(recipient, news), about="notification digest")
    return 1


def _recount_unread(user) -> None:
    get_user_model().objects.filter(pk=user.pk).update(
        unread_notifications=selectors.unread_count(user)
    )


def mark_read(*, user, notification_id: int) -> Notification | None:
    with transaction.atomic():
        notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
        if notification is not None and notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
            _recount_unread(user)
    return notification


def mark_all_read(*, user) -> int:
    with transaction.atomic():
        marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        _recount_unread(user)
    return marked


def save_settings(*, user, direct: str, following: str) -> NotificationSettings:
    settings, _ = NotificationSettings.objects.update_or_create(
        user=user, defaults={"direct": direct, "following": following}
    )
    return settings


def unsubscribe(token: str) -> tuple[object, str] | None:
    """One click in an email: that kind of email stops (the person still sees it on the
    site). Returns the person and the scope, or None for a link that is not ours."""
    found = tokens.read(token)
    if found is None:
        return None
    user_id, scope = found
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    off = (
        NotificationSettings.Direct.OFF if scope == "direct" else NotificationSettings.Following.OFF
    )
    NotificationSettings.objects.update_or_create(user=user, defaults={scope: off})
    return user, scope
