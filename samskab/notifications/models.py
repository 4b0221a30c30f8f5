"""Who follows what, what each person was notified about, and how they want to hear it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A person follows something (an idea, a proposal, …). Authors, supporters and
    commenters follow automatically; whoever stops following stays stopped (``active``
    False) until they follow again themselves."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_follow_per_person"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "active"])]

    def __str__(self):
        return f"{self.user_id} → {self.content_type_id}/{self.object_id}"


class Notification(models.Model):
    """One thing one person is told about, written in their language when it happened. It
    is listed on the site and emailed at once, in a digest, or not, as they chose."""

    class Delivery(models.TextChoices):
        INSTANT = "instant", _("at once")
        DIGEST = "digest", _("in a digest")
        SITE = "site", _("only on the site")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=100)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True)
    # What it is about and where to read it, as the recipient saw it then: the digest
    # groups by it, and the list shows it even after the thing is gone.
    about = models.CharField(_("about"), max_length=300)
    message = models.TextField(_("message"))
    # More to say than one line (a reason, what one can do): in the email and on opening.
    details = models.TextField(_("details"), blank=True)
    url = models.CharField(_("link"), max_length=500)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_unread",
                condition=models.Q(read_at__isnull=True),
            ),
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_digest_due",
                condition=models.Q(delivery="digest", emailed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return self.message


class NotificationSettings(models.Model):
    """How a person wants to be told. Without a row, the defaults below apply."""

    class Direct(models.TextChoices):
        INSTANT = "instant", _("By email at once")
        OFF = "off", _("Only on the site")

    class Following(models.TextChoices):
        INSTANT = "instant", _("By email at once")
        DAILY = "daily", _("In a daily email")
        WEEKLY = "weekly", _("In a weekly email")
        OFF = "off", _("Only on the site")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    direct = models.CharField(
        _("What concerns you directly"),
        max_length=10,
        choices=Direct.choices,
        default=Direct.INSTANT,
        help_text=_("Answers to your ideas, replies to your comments, your posts hidden."),
    )
    following = models.CharField(
        _("News on what you follow"),
        max_length=10,
        choices=Following.choices,
        default=Following.DAILY,
        help_text=_("New comments, answers and changes on ideas and more that you follow."),
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user_id}: {self.direct}, {self.following}"
