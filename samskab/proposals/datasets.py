"""The citizen proposals' open data (``extensions.Dataset``): every public proposal (from
the start of its collection) with its signature count and where it stands. Never who
wrote, stands behind or signed it: signatures are only counted."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core import opendata
from samskab.core.extensions import Column, Dataset
from samskab.core.text import slugify_da
from samskab.proposals.models import PUBLIC_STATUSES, Proposal

CHUNK = 2000


def proposal_rows():
    rows = (
        Proposal.objects.filter(status__in=PUBLIC_STATUSES)
        .order_by("pk")
        .values_list(
            "pk",
            "title",
            "text",
            "language",
            "status",
            "threshold",
            "signature_count",
            "collecting_from",
            "collecting_until",
            "threshold_reached_at",
            "ended_at",
            "council_meeting",
            "agenda_url",
            "decision",
            "decision_text",
            "decided_at",
            "implemented_at",
            "initiative__slug",
            "comments_count",
        )
        .iterator(chunk_size=CHUNK)
    )
    url = opendata.url_maker("proposals:detail", pk=int, slug=str)
    for row in rows:
        yield (*row, url(pk=row[0], slug=slugify_da(row[1], 60) or "forslag"))


def proposals_modified():
    # Signatures are counted by the minute: the file is as of the moment it is read.
    return timezone.now()


DATASETS = (
    Dataset(
        slug="borgerforslag",
        title=_("Citizen proposals"),
        description=_(
            "Every citizen proposal from the start of its collection of signatures: the "
            "text, the signatures collected and needed, the city council's meeting and "
            "decision, and whether it was carried out. Nobody is named."
        ),
        columns=(
            opendata.ID,
            Column("title", _("Title, in the language it was written in.")),
            Column("text", _("The proposal.")),
            Column("language", _("The language it was written in: da or en.")),
            Column(
                "status",
                _(
                    "collecting, threshold_reached, expired, withdrawn, scheduled, decided, "
                    "in_progress or implemented."
                ),
            ),
            Column("signatures_needed", _("Signatures needed to reach the city council.")),
            Column("signatures", _("Signatures collected.")),
            Column("collecting_from", _("When the collection of signatures started.")),
            Column("collecting_until", _("When the collection of signatures ends.")),
            Column("threshold_reached_at", _("When it had enough signatures.")),
            Column("ended_at", _("When its collection ended.")),
            Column("council_meeting", _("The date of the city council's meeting.")),
            Column("agenda_url", _("The city council's agenda.")),
            Column(
                "decision",
                _("adopted, adopted_with_changes, referred or rejected; empty until decided."),
            ),
            Column("decision_text", _("The city council's decision.")),
            Column("decided_at", _("When the city council decided.")),
            Column("implemented_at", _("When it was carried out.")),
            opendata.INITIATIVE,
            Column("comments", _("Comments in its discussion.")),
            opendata.URL,
        ),
        rows=proposal_rows,
        modified=proposals_modified,
        theme="GOVE",
        keywords=(_("citizen proposals"), _("city council"), _("citizen participation")),
        page="proposals:list",
    ),
)
