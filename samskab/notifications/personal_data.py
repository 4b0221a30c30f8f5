"""A person's notifications, follows and choices in their data download. Account deletion
needs nothing more: every row points at the user and goes with them (CASCADE)."""

from samskab.notifications.models import Follow, Notification, NotificationSettings


def collect(user) -> dict:
    settings = NotificationSettings.objects.filter(user=user).first()
    return {
        "settings": (
            {"direct": settings.direct, "following": settings.following} if settings else None
        ),
        "follows": [
            {
                "what": f"{f.content_type.app_label}.{f.content_type.model}",
                "id": f.object_id,
                "active": f.active,
                "since": f.created_at.isoformat(),
            }
            for f in Follow.objects.filter(user=user).select_related("content_type")
        ],
        "notifications": [
            {
                "message": n.message,
                "about": n.about,
                "created": n.created_at.isoformat(),
                "read": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.filter(recipient=user)
        ],
    }
