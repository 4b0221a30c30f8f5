"""The vision's open data (``extensions.Dataset``): every initiative with its status and
progress, as the vision's pages show them."""

from django.utils.translation import gettext_lazy as _

from samskab.core import opendata
from samskab.core.extensions import Column, Dataset
from samskab.vision.models import Initiative

CHUNK = 2000


def initiative_rows():
    rows = (
        Initiative.objects.order_by("focus_area__order", "focus_area_id", "order", "pk")
        .values_list(
            "pk",
            "slug",
            "title_da",
            "title_en",
            "description_da",
            "description_en",
            "focus_area__slug",
            "focus_area__title_da",
            "parent__slug",
            "department_da",
            "status__slug",
            "status__name_da",
            "progress",
            "weight",
            "start_date",
            "end_date",
        )
        .iterator(chunk_size=CHUNK)
    )
    url = opendata.url_maker("vision:initiative", slug=str)
    for row in rows:
        yield (*row, url(slug=row[1]))


def initiatives_modified():
    # Initiatives keep no time of change.
    return None


DATASETS = (
    Dataset(
        slug="initiativer",
        title=_("The vision's initiatives and their progress"),
        description=_(
            "Every initiative of the welfare vision: its focus area, the department "
            "responsible, its status and how far it has come, in per cent (for an "
            "initiative with sub-initiatives, computed from theirs by weight)."
        ),
        columns=(
            opendata.ID,
            Column("slug", _("Its short name, used in the other datasets.")),
            opendata.TITLE_DA,
            opendata.TITLE_EN,
            opendata.DESCRIPTION_DA,
            opendata.DESCRIPTION_EN,
            Column("focus_area", _("The focus area's short name.")),
            Column("focus_area_title", _("The focus area's title in Danish.")),
            Column("parent", _("The short name of the initiative it is part of; empty for none.")),
            Column("department", _("The department responsible (in Danish).")),
            Column("status", _("The status's short name.")),
            Column("status_name", _("The status (in Danish).")),
            Column("progress", _("Progress in per cent, 0 to 100.")),
            Column("weight", _("How much it counts in its parent's progress; empty counts as 1.")),
            Column("start_date", _("Start date.")),
            Column("end_date", _("End date.")),
            opendata.URL,
        ),
        rows=initiative_rows,
        modified=initiatives_modified,
        theme="GOVE",
        keywords=(_("welfare vision"), _("initiatives"), _("progress")),
        page="vision:front_page",
    ),
)
