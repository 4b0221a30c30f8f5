"""The needs' open data (``extensions.Dataset``): the public part of every need of an
approved organisation. Never the contact person or phone, nor who posted or accepted it;
for a need posted on behalf of a citizen only the town, as on its page (the citizen's
address is for the volunteers who accept)."""

from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from samskab.booking.selectors import place_holders_expression
from samskab.core import opendata
from samskab.core.extensions import Column, Dataset
from samskab.needs.models import Need

CHUNK = 2000


def need_rows():
    detail = opendata.url_maker("needs:detail", pk=int, slug=str)
    short = opendata.url_maker("needs:detail_short", pk=int)
    public = Need.objects.public()
    rows = (
        public.annotate(slot_id=F("booking_slots__id"))
        .annotate(taken=place_holders_expression("slot_id"))
        .order_by("pk")
        .values_list(
            "pk",
            "title_da",
            "title_en",
            "description_da",
            "description_en",
            "organisation_id",
            "organisation__name",
            "status",
            "starts_at",
            "ends_at",
            "from_home",
            "on_behalf_of_citizen",
            "place_name",
            "street",
            "postcode",
            "town__name",
            "involves_children",
            "booking_slots__capacity",
            "taken",
            "created_at",
            "slug",
        )
        .iterator(chunk_size=CHUNK)
    )
    skills = (
        Need.skills.through.objects.filter(need_id__in=public.values("pk"))
        .order_by("need_id", "skill__slug")
        .values_list("need_id", "skill__slug")
        .iterator(chunk_size=CHUNK)
    )
    for row in opendata.with_many(rows, skills):
        (pk, title_da, title_en, description_da, description_en, organisation_id,
         organisation, status, starts, ends, from_home, for_citizen, place_name, street,
         postcode, town, children, capacity, taken, created, slug, skill_slugs) = row  # fmt: skip
        if for_citizen:
            place_name = street = postcode = ""
        url = detail(pk=pk, slug=slug) if slug else short(pk=pk)
        yield (
            pk, title_da, title_en, description_da, description_en, organisation_id,
            organisation, status, starts, ends, from_home, place_name, street, postcode, town,
            children, capacity, taken, opendata.places_left(capacity, taken), skill_slugs,
            created, url,
        )  # fmt: skip


def needs_modified():
    return Need.objects.public().aggregate(latest=Max("updated_at"))["latest"]


DATASETS = (
    Dataset(
        slug="behov",
        title=_("Needs for volunteers at short notice"),
        description=_(
            "Every need of an approved organisation for a few people at short notice: what, "
            "when, where (only the town when it is a citizen's own errand), the people "
            "needed and the places left, and whether it is open, filled, closed or cancelled."
        ),
        columns=(
            opendata.ID,
            opendata.TITLE_DA,
            opendata.TITLE_EN,
            opendata.DESCRIPTION_DA,
            opendata.DESCRIPTION_EN,
            opendata.ORGANISATION_ID,
            opendata.ORGANISATION,
            Column("status", _("open, filled, closed or cancelled.")),
            opendata.STARTS_AT,
            opendata.ENDS_AT,
            Column("from_home", _("true when it can be done from home.")),
            Column("place_name", _("Name of the place; empty for a citizen's own errand.")),
            Column("street", _("Street and number; empty for a citizen's own errand.")),
            Column("postcode", _("Postcode; empty for a citizen's own errand.")),
            opendata.TOWN,
            Column("involves_children", _("true when it involves children under 15.")),
            Column("people_needed", _("People needed.")),
            opendata.PLACES_TAKEN,
            opendata.PLACES_LEFT,
            Column("skills", _("Skills wanted: their short names, separated by |.")),
            opendata.CREATED_AT,
            opendata.URL,
        ),
        rows=need_rows,
        modified=needs_modified,
        theme="SOCI",
        keywords=(_("volunteering"), _("needs")),
        page="needs:near_you",
    ),
)
