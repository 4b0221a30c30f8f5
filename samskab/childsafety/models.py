"""Børneattest status per volunteer and organisation.

Samskab stores only where the organisation is with the child protection certificate
(*børneattest*) of a volunteer — needed, requested, approved (with the date) or expired —
never the attest itself or anything it says. A status appears when the volunteer's
engagement with the organisation's tasks involving children under 15 crosses the rule (see
``rules``); coordinators record "requested" and "approved"; an approval shows as expired
after ``CHILDSAFETY_APPROVAL_VALID_FOR``; ``clear_expired_attests`` deletes statuses
``CHILDSAFETY_RETENTION`` after the later of the approval and the last engagement.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.childsafety import rules


class AttestStatus(models.Model):
    class State(models.TextChoices):
        NEEDED = "needed", _("Børneattest needed")
        REQUESTED = "requested", _("Børneattest requested")
        APPROVED = "approved", _("Børneattest approved")
        EXPIRED = "expired", _("Børneattest expired")

    class Rule(models.TextChoices):
        DAYS_IN_WINDOW = rules.DAYS_IN_WINDOW, _("Many times within a few months")
        CONSECUTIVE_DAYS = rules.CONSECUTIVE_DAYS, _("Many days in a row")

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attest_statuses",
        verbose_name=_("volunteer"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="attest_statuses",
        verbose_name=_("organisation"),
    )
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.NEEDED
    )
    rule = models.CharField(_("why it is needed"), max_length=30, choices=Rule.choices, blank=True)
    needed_from = models.DateField(
        _("needed from"),
        null=True,
        blank=True,
        help_text=_("The day the volunteer's engagement with children crossed the rule."),
    )
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    volunteer_notified_at = models.DateTimeField(_("volunteer told"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("børneattest status")
        verbose_name_plural = _("børneattest statuses")
        ordering = ["organisation", "volunteer", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "organisation"], name="childsafety_one_status_per_pair"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["approved", "expired"]) | Q(approved_on__isnull=False),
                name="childsafety_approval_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state="requested") | Q(requested_on__isnull=False),
                name="childsafety_request_has_date",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "state"], name="childsafety_org_state")]

    def __str__(self):
        return f"{self.volunteer} · {self.organisation} · {self.get_state_display()}"
