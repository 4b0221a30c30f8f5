"""Citizen proposals (borgerforslag), their signatures and the public path from draft to
council decision to result."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.accounts.roles import is_municipal_staff
from samskab.comments.models import CommentableMixin
from samskab.core.text import slugify_da


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the formal check")
    REJECTED = "rejected", _("Rejected at the formal check")
    COLLECTING = "collecting", _("Collecting signatures")
    THRESHOLD_REACHED = "threshold_reached", _("Enough signatures")
    EXPIRED = "expired", _("Too few signatures in time")
    WITHDRAWN = "withdrawn", _("Withdrawn by the author")
    SCHEDULED = "scheduled", _("On the city council's agenda")
    DECIDED = "decided", _("Decided by the city council")
    IN_PROGRESS = "in_progress", _("Being carried out")
    IMPLEMENTED = "implemented", _("Carried out")


# Seen by everyone; the others only by the author, co-proposers and staff.
PUBLIC_STATUSES = (
    Status.COLLECTING,
    Status.THRESHOLD_REACHED,
    Status.EXPIRED,
    Status.WITHDRAWN,
    Status.SCHEDULED,
    Status.DECIDED,
    Status.IN_PROGRESS,
    Status.IMPLEMENTED,
)
# Where the proposal's journey has ended: its signers' identities are deleted after a while.
ENDED_STATUSES = (
    Status.REJECTED,
    Status.EXPIRED,
    Status.WITHDRAWN,
    Status.DECIDED,
    Status.IN_PROGRESS,
    Status.IMPLEMENTED,
)


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    ADOPTED_WITH_CHANGES = "adopted_with_changes", _("Adopted with changes")
    REFERRED = "referred", _("Referred to a committee")
    REJECTED = "rejected", _("Rejected")


# Decisions after which the municipality carries the proposal out.
CARRIED_OUT = (Decision.ADOPTED, Decision.ADOPTED_WITH_CHANGES)


class RejectionReason(models.Model):
    """A reason staff may give for rejecting a proposal at the formal check; the
    municipality keeps the list in the administration."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("reason"), max_length=200)
    explanation = models.TextField(_("explanation"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public proposals for everyone; the others for their author, co-proposers and
        staff."""
        if is_municipal_staff(user):
            return self
        condition = Q(status__in=PUBLIC_STATUSES)
        if user.is_authenticated:
            condition |= Q(author=user) | Q(
                Exists(CoProposer.objects.filter(proposal=OuterRef("pk"), user=user))
            )
        return self.filter(condition)


class Proposal(CommentableMixin, models.Model):
    """A proposal a citizen wants on the city council's agenda. Its text is frozen from
    the moment it is submitted: only staff may fix a typo, and each fix is kept as a
    ``TextFix``, shown as a public difference."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposals",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("proposal"), max_length=6000)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    idea = models.OneToOneField(
        "ideas.Idea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("idea"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    check_due_at = models.DateTimeField(_("formal check due"), null=True, blank=True)
    checked_at = models.DateTimeField(_("formally checked"), null=True, blank=True)
    rejection_reason = models.ForeignKey(
        RejectionReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("rejection reason"),
    )
    rejection_text = models.TextField(_("why it was rejected"), blank=True)
    # The rules it collects under, fixed when collection starts.
    threshold = models.PositiveIntegerField(_("signatures needed"), null=True, blank=True)
    collecting_from = models.DateTimeField(_("collecting from"), null=True, blank=True)
    collecting_until = models.DateTimeField(
        _("collecting until"), null=True, blank=True, db_index=True
    )
    # Kept by the services in the signature's transaction, so lists show it without counting.
    signature_count = models.PositiveIntegerField(_("signatures"), default=0)
    threshold_reached_at = models.DateTimeField(_("threshold reached"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)
    council_meeting = models.DateField(_("city council meeting"), null=True, blank=True)
    agenda_url = models.URLField(_("agenda"), blank=True)
    decision = models.CharField(_("decision"), max_length=30, choices=Decision.choices, blank=True)
    decision_text = models.TextField(_("the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    initiative = models.ForeignKey(
        "vision.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("initiative"),
    )
    implemented_at = models.DateTimeField(_("carried out"), null=True, blank=True)
    identities_deleted_at = models.DateTimeField(
        _("signers' identities deleted"), null=True, blank=True
    )
    comments_count = models.PositiveIntegerField(_("comments"), default=0)
    # The same words in lower case, to find similar proposals before one is submitted.
    search_text = models.TextField(blank=True, editable=False)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen proposal")
        verbose_name_plural = _("citizen proposals")
        ordering = ["-collecting_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="collecting")
                | Q(threshold__isnull=False, collecting_until__isnull=False),
                name="collecting_has_rules",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["decided", "in_progress", "implemented"])
                | ~Q(decision=""),
                name="decided_has_decision",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return slugify_da(self.title, 60) or "forslag"

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_collecting(self) -> bool:
        return self.status == Status.COLLECTING

    @property
    def progress_percent(self) -> int:
        if not self.threshold:
            return 0
        return min(100, self.signature_count * 100 // self.threshold)

    def is_visible_to(self, user) -> bool:
        return Proposal.objects.visible_to(user).filter(pk=self.pk).exists()

    def comments_visible(self, user) -> bool:
        return self.is_public

    def comments_open(self, user) -> bool:
        return self.is_public


class CoProposer(models.Model):
    """A citizen who stands behind the proposal with its author."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_proposers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_proposals"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("co-proposer")
        verbose_name_plural = _("co-proposers")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_co_proposal_per_person")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.proposal_id}"


class Channel(models.TextChoices):
    MITID = "mitid", _("MitID")
    DESK = "desk", _("At the citizen service desk")
    PAPER = "paper", _("On paper")


class Signature(models.Model):
    """One eligible person's signature. Nothing names the signer: ``identity_hash`` is a
    keyed hash of the identity MitID (or staff, for the desk and paper) gave, kept only to
    refuse a second signature and to let the signer withdraw, and emptied
    ``KEEP_IDENTITIES_DAYS`` after the proposal ends. Only eligible signatures are stored:
    a refused one leaves nothing behind."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="signatures")
    # NULL, not "", once deleted: the unique constraint then lets the deleted ones be many.
    identity_hash = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    signed_at = models.DateTimeField(auto_now_add=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.MITID)
    # Age and residence as checked when signing (from MitID, or by staff for the others).
    eligible = models.BooleanField(default=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "identity_hash"], name="one_signature_per_person"
            ),
            models.CheckConstraint(condition=Q(eligible=True), name="only_eligible_signatures"),
        ]

    def __str__(self):
        return f"{self.proposal_id} · {self.signed_at:%Y-%m-%d %H:%M}"


class Step(models.TextChoices):
    CREATED = "created", _("Written")
    SUBMITTED = "submitted", _("Submitted for the formal check")
    APPROVED = "approved", _("Approved at the formal check; collection started")
    REJECTED = "rejected", _("Rejected at the formal check")
    TEXT_FIXED = "text_fixed", _("Text corrected by the municipality")
    THRESHOLD_REACHED = "threshold_reached", _("Enough signatures")
    EXPIRED = "expired", _("Collection ended with too few signatures")
    WITHDRAWN = "withdrawn", _("Withdrawn by the author")
    SCHEDULED = "scheduled", _("Put on the city council's agenda")
    DECIDED = "decided", _("Decided by the city council")
    IN_PROGRESS = "in_progress", _("Work started")
    IMPLEMENTED = "implemented", _("Carried out")
    SIGNED_AT_DESK = "signed_at_desk", _("Signature registered at the desk")
    PAPER_SIGNATURE = "paper_signature", _("Paper signature entered")
    SIGNATURE_WITHDRAWN = "signature_withdrawn", _("A signature withdrawn")
    IDENTITIES_DELETED = "identities_deleted", _("Signers' identities deleted")


# Steps on the proposal's public path; the others are in the audit log for staff only.
PUBLIC_STEPS = (
    Step.SUBMITTED,
    Step.APPROVED,
    Step.REJECTED,
    Step.TEXT_FIXED,
    Step.THRESHOLD_REACHED,
    Step.EXPIRED,
    Step.WITHDRAWN,
    Step.SCHEDULED,
    Step.DECIDED,
    Step.IN_PROGRESS,
    Step.IMPLEMENTED,
)


class Event(models.Model):
    """Every step of a proposal: who did it (staff see it; the public path does not show
    names), when, and a note. The audit log and the public path in one."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(max_length=30, choices=Step.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.proposal_id}: {self.step}"

    @property
    def is_public(self) -> bool:
        return self.step in PUBLIC_STEPS


class TextFix(models.Model):
    """What the text said before staff corrected it while signatures were collected."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="text_fixes")
    title_before = models.CharField(max_length=150)
    text_before = models.TextField()
    title_after = models.CharField(max_length=150)
    text_after = models.TextField()
    reason = models.CharField(_("why"), max_length=300)
    fixed_at = models.DateTimeField(auto_now_add=True)
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("text correction")
        verbose_name_plural = _("text corrections")
        ordering = ["fixed_at", "pk"]

    def __str__(self):
        return f"{self.proposal_id}: {self.reason}"
