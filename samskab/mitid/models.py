"""The one thing MitID stores: which MitID is linked to which account, as the keyed hash
that stands for the person (``identity.identity_hash``), never their identifier in clear.
A login to sign something stores nothing here: it lives in the session only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MitIDLink(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mitid_link",
        verbose_name=_("user"),
    )
    identity_hash = models.CharField(_("identity hash"), max_length=64, unique=True)
    linked_at = models.DateTimeField(_("linked at"))

    class Meta:
        verbose_name = _("MitID link")
        verbose_name_plural = _("MitID links")

    def __str__(self):
        return f"MitID link of user {self.user_id}"
