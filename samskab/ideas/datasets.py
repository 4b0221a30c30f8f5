"""The ideas' open data (``extensions.Dataset``): every published idea with its current
answer status and counts, and every answer the municipality gave to one. Held and hidden
ideas are not included, and nothing names the author, the supporters or who answered."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from samskab.core import opendata
from samskab.core.extensions import Column, Dataset
from samskab.core.text import slugify_da
from samskab.ideas.models import Answer, Idea

CHUNK = 2000


def idea_rows():
    published = Idea.objects.published()
    rows = (
        published.order_by("pk")
        .values_list(
            "pk",
            "title",
            "text",
            "language",
            "town__name",
            "latitude",
            "longitude",
            "initiative__slug",
            "status__meaning",
            "status__name_da",
            "supports_count",
            "comments_count",
            "created_at",
            "edited_at",
            "answered_at",
            "last_answered_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    focus_areas = (
        Idea.focus_areas.through.objects.filter(idea_id__in=published.values("pk"))
        .order_by("idea_id", "focusarea__order", "focusarea_id")
        .values_list("idea_id", "focusarea__slug")
        .iterator(chunk_size=CHUNK)
    )
    url = opendata.url_maker("ideas:detail", pk=int, slug=str)
    for row in opendata.with_many(rows, focus_areas):
        yield (*row, url(pk=row[0], slug=slugify_da(row[1], 60) or "ide"))


IDEA_COLUMNS = (
    opendata.ID,
    Column("title", _("Title, in the language it was written in.")),
    Column("text", _("The idea.")),
    Column("language", _("The language it was written in: da or en.")),
    opendata.TOWN,
    Column("latitude", _("Latitude of the place its author chose (WGS 84); empty for none.")),
    Column("longitude", _("Longitude of the place its author chose (WGS 84); empty for none.")),
    opendata.INITIATIVE,
    Column(
        "status",
        _(
            "What the municipality's latest answer means: received, considering, accepted, "
            "accepted_if_help, not_possible or implemented; empty before the first answer."
        ),
    ),
    Column("status_name", _("The status as the municipality names it (in Danish).")),
    Column("supports", _("How many support it (“me too”).")),
    Column("comments", _("Comments in its discussion.")),
    Column("proposed_at", _("When it was proposed.")),
    Column("edited_at", _("When its author last changed it; empty if never.")),
    Column("first_answered_at", _("When the municipality first answered it.")),
    Column("last_answered_at", _("When the municipality last answered it.")),
    opendata.FOCUS_AREAS,
    opendata.URL,
)


def ideas_modified():
    latest = Idea.objects.published().aggregate(
        created=Max("created_at"), edited=Max("edited_at"), answered=Max("last_answered_at")
    )
    moments = [moment for moment in latest.values() if moment is not None]
    return max(moments) if moments else None


def answer_rows():
    rows = (
        Answer.objects.filter(idea__in=Idea.objects.published().values("pk"))
        .order_by("idea_id", "created_at", "pk")
        .values_list(
            "pk",
            "idea_id",
            "status__meaning",
            "status__name_da",
            "text",
            "department",
            "time_frame",
            "initiative__slug",
            "decision_url",
            "created_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    yield from rows


def answers_modified():
    return Answer.objects.filter(idea__in=Idea.objects.published().values("pk")).aggregate(
        latest=Max("created_at")
    )["latest"]


DATASETS = (
    Dataset(
        slug="ideer",
        title=_("Citizens' ideas"),
        description=_(
            "Every published idea from citizens: the text, the place, the focus areas, "
            "how many support it, and what the municipality's answer means. Ideas waiting "
            "for moderation or hidden after reports are not included, and nobody is named."
        ),
        columns=IDEA_COLUMNS,
        rows=idea_rows,
        modified=ideas_modified,
        theme="GOVE",
        keywords=(_("ideas"), _("citizen participation")),
        page="ideas:list",
    ),
    Dataset(
        slug="ide-svar",
        title=_("The municipality's answers to ideas"),
        description=_(
            "Every answer the municipality gave to a published idea, earlier versions "
            "included: the status, the answer, the department responsible and the time frame."
        ),
        columns=(
            opendata.ID,
            Column("idea_id", _("The idea's number (citizens' ideas).")),
            Column(
                "status",
                _(
                    "What the answer means: received, considering, accepted, "
                    "accepted_if_help, not_possible or implemented."
                ),
            ),
            Column("status_name", _("The status as the municipality names it (in Danish).")),
            Column("answer", _("The answer.")),
            Column("department", _("The department responsible.")),
            Column("time_frame", _("The expected time frame.")),
            opendata.INITIATIVE,
            Column("decision_url", _("The city council's decision, if any.")),
            Column("answered_at", _("When it was answered.")),
        ),
        rows=answer_rows,
        modified=answers_modified,
        theme="GOVE",
        keywords=(_("ideas"), _("answers"), _("citizen participation")),
        page="ideas:list",
    ),
)
