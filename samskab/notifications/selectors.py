"""Reads: who follows what, what a person has not read, how they want to hear it."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator

from samskab.core import extensions
from samskab.core.extensions import NotificationKind
from samskab.notifications.models import Follow, Notification, NotificationSettings

PER_PAGE = 20


def kinds() -> dict[str, NotificationKind]:
    """Every kind the installed apps declare, by name."""
    return {kind.name: kind for _, kind in extensions.declared("notification_kinds")}


def kind(name: str) -> NotificationKind:
    try:
        return kinds()[name]
    except KeyError:
        raise LookupError(f"No notification kind is declared as {name!r}.") from None


def followable_models() -> set[str]:
    return {label.lower() for _, label in extensions.declared("followable")}


def is_followable(target) -> bool:
    return target._meta.label_lower in followable_models()


def settings_of(user) -> NotificationSettings:
    """The person's settings, or the defaults (unsaved) when they never chose."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def settings_by_user(user_ids) -> dict[int, NotificationSettings]:
    """Everyone's settings in one query, the defaults for those without a row."""
    saved = {s.user_id: s for s in NotificationSettings.objects.filter(user_id__in=user_ids)}
    return {pk: saved.get(pk) or NotificationSettings(user_id=pk) for pk in user_ids}


def delivery_for(kind: NotificationKind, settings: NotificationSettings) -> str:
    choice = settings.direct if kind.direct else settings.following
    if choice == NotificationSettings.Following.INSTANT:
        return Notification.Delivery.INSTANT
    if choice in (NotificationSettings.Following.DAILY, NotificationSettings.Following.WEEKLY):
        return Notification.Delivery.DIGEST
    return Notification.Delivery.SITE


def follower_ids(target) -> list[int]:
    """The people who follow ``target`` and have not stopped."""
    return list(
        Follow.objects.filter(
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            active=True,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )


def is_following(user, target) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        active=True,
    ).exists()


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_page(user, page_number):
    """One page of the person's notifications, newest first (two queries)."""
    paginator = Paginator(
        Notification.objects.filter(recipient=user).only(
            "pk", "about", "message", "created_at", "read_at", "recipient_id"
        ),
        PER_PAGE,
    )
    return paginator.get_page(page_number)
