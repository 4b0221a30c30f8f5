"""An organisation's API clients, the source ids its systems give their rows, and the log of
every change made through the API.

- ``ApiClient``: one system of one organisation. Its OAuth2 credentials are a
  django-oauth-toolkit ``Application`` (client credentials grant; the secret is stored
  hashed and shown once). Revoking deletes the application, and with it every token, so
  nothing can authenticate as the client any more; the row stays for the change log.
- ``ActivitySource`` and ``SessionSource``: the id a system uses for an activity (unique in
  its organisation) and for a session (unique in its activity), so that sending the same
  row twice updates it instead of creating a second one. They belong to the organisation,
  not to the client: a system that gets new credentials keeps its rows.
- ``ApiChange``: who (the client), what and when, for every change through the API.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE_ID_MAX_LENGTH = 100


class ApiClient(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="api_clients",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="api_client",
        verbose_name=_("OAuth2 application"),
    )
    # Kept after revocation (when the application is gone), for the change log.
    client_id = models.CharField(_("client id"), max_length=100, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.application_id is not None


class ActivitySource(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    source_id = models.CharField(_("source id"), max_length=SOURCE_ID_MAX_LENGTH)
    activity = models.OneToOneField(
        "activities.Activity",
        on_delete=models.CASCADE,
        related_name="api_source",
        verbose_name=_("activity"),
    )

    class Meta:
        verbose_name = _("source id of an activity")
        verbose_name_plural = _("source ids of activities")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source_id"], name="api_activity_source_unique"
            )
        ]

    def __str__(self):
        return self.source_id


class SessionSource(models.Model):
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("activity"),
    )
    source_id = models.CharField(_("source id"), max_length=SOURCE_ID_MAX_LENGTH)
    session = models.OneToOneField(
        "activities.ActivitySession",
        on_delete=models.CASCADE,
        related_name="api_source",
        verbose_name=_("session"),
    )

    class Meta:
        verbose_name = _("source id of a session")
        verbose_name_plural = _("source ids of sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "source_id"], name="api_session_source_unique"
            )
        ]

    def __str__(self):
        return self.source_id


class ApiChange(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        MOVED = "moved", _("moved")
        CANCELLED = "cancelled", _("cancelled")
        DELETED = "deleted", _("deleted")

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("activity")
        SESSION = "session", _("session")

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="changes", verbose_name=_("API client")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    action = models.CharField(_("change"), max_length=20, choices=Action.choices)
    source_id = models.CharField(_("source id"), max_length=2 * SOURCE_ID_MAX_LENGTH + 1)
    # No foreign key: the log outlives what it is about.
    object_id = models.PositiveBigIntegerField(_("id"), null=True, blank=True)
    fields = models.JSONField(_("fields changed"), default=list, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("change through the API")
        verbose_name_plural = _("changes through the API")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-at"], name="api_change_org_at")]

    def __str__(self):
        return f"{self.client.name}: {self.kind} {self.source_id} {self.action}"
