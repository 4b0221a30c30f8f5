"""Volunteering's open data (``extensions.Dataset``): every published opportunity, and every
shift not yet over with the volunteers still needed. The contact person and phone are only
for volunteers who signed up, never here."""

from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.booking.selectors import place_holders_expression
from samskab.core import opendata
from samskab.core.extensions import Column, Dataset
from samskab.volunteering.models import Opportunity, Shift

CHUNK = 2000


def _opportunity_url_maker():
    detail = opendata.url_maker("volunteering:opportunity", pk=int, slug=str)
    short = opendata.url_maker("volunteering:opportunity_short", pk=int)
    return lambda pk, slug: detail(pk=pk, slug=slug) if slug else short(pk=pk)


def opportunity_rows():
    opportunity_url = _opportunity_url_maker()
    published = Opportunity.objects.published()
    rows = (
        published.order_by("pk")
        .values_list(
            "pk",
            "title_da",
            "title_en",
            "description_da",
            "description_en",
            "kind",
            "organisation_id",
            "organisation__name",
            "from_home",
            "place_name",
            "street",
            "postcode",
            "town__name",
            "latitude",
            "longitude",
            "minimum_age",
            "involves_children",
            "initiative__slug",
            "updated_at",
            "slug",
        )
        .iterator(chunk_size=CHUNK)
    )
    ids = published.values("pk")
    for relation, field, value in (
        ("focus_areas", "focusarea", "slug"),
        ("skills", "skill", "slug"),
        ("interests", "interest", "slug"),
        ("languages", "language", "code"),
    ):
        pairs = (
            getattr(Opportunity, relation)
            .through.objects.filter(opportunity_id__in=ids)
            .order_by("opportunity_id", f"{field}__{value}")
            .values_list("opportunity_id", f"{field}__{value}")
        )
        rows = opendata.with_many(rows, pairs.iterator(chunk_size=CHUNK))
    for *values, slug, focus_areas, skills, interests, languages in rows:
        yield (
            *values,
            focus_areas,
            skills,
            interests,
            languages,
            opportunity_url(values[0], slug),
        )


def opportunities_modified():
    return Opportunity.objects.published().aggregate(latest=Max("updated_at"))["latest"]


def shift_rows():
    opportunity_url = _opportunity_url_maker()
    rows = (
        Shift.objects.filter(
            opportunity__in=Opportunity.objects.published().values("pk"),
            ends_at__gte=timezone.now(),
        )
        .annotate(slot_id=F("booking_slots__id"))
        .annotate(taken=place_holders_expression("slot_id"))
        .order_by("starts_at", "pk")
        .values_list(
            "pk",
            "opportunity_id",
            "opportunity__title_da",
            "starts_at",
            "ends_at",
            "booking_slots__cancelled_at",
            "place",
            "opportunity__town__name",
            "booking_slots__capacity",
            "taken",
            "opportunity__slug",
        )
        .iterator(chunk_size=CHUNK)
    )
    for (
        pk,
        opportunity_id,
        title,
        starts,
        ends,
        cancelled_at,
        place,
        town,
        capacity,
        taken,
        slug,
    ) in rows:
        yield (
            pk,
            opportunity_id,
            title,
            starts,
            ends,
            cancelled_at is not None,
            place,
            town,
            capacity,
            taken,
            opendata.places_left(capacity, taken),
            f"{opportunity_url(opportunity_id, slug)}#shift-{pk}",
        )


def shifts_modified():
    # Sign-ups change the places left by the minute: the file is as of the moment it is read.
    return timezone.now()


DATASETS = (
    Dataset(
        slug="frivilligopgaver",
        title=_("Volunteer opportunities"),
        description=_(
            "Every published volunteer opportunity of an approved organisation: the task, "
            "where, the skills, interests and languages it fits, and the minimum age."
        ),
        columns=(
            opendata.ID,
            opendata.TITLE_DA,
            opendata.TITLE_EN,
            opendata.DESCRIPTION_DA,
            opendata.DESCRIPTION_EN,
            Column("kind", _("ongoing: a regular role; ad_hoc: a one-off task.")),
            opendata.ORGANISATION_ID,
            opendata.ORGANISATION,
            Column("from_home", _("true when it can be done from home.")),
            opendata.PLACE_NAME,
            opendata.STREET,
            opendata.POSTCODE,
            opendata.TOWN,
            opendata.LATITUDE,
            opendata.LONGITUDE,
            Column("minimum_age", _("Minimum age; empty when anyone can help.")),
            Column(
                "involves_children",
                _("true when volunteers meet children under 15 (a børneattest may be needed)."),
            ),
            opendata.INITIATIVE,
            opendata.UPDATED_AT,
            opendata.FOCUS_AREAS,
            Column("skills", _("Skills wanted: their short names, separated by |.")),
            Column("interests", _("Interests it fits: their short names, separated by |.")),
            Column("languages", _("Languages spoken: their codes (BCP 47), separated by |.")),
            opendata.URL,
        ),
        rows=opportunity_rows,
        modified=opportunities_modified,
        theme="SOCI",
        keywords=(_("volunteering"), _("volunteers")),
        page="volunteering:list",
    ),
    Dataset(
        slug="frivilligvagter",
        title=_("Volunteer shifts, with places left"),
        description=_(
            "Every shift of a published volunteer opportunity that is not yet over: when, "
            "where, whether it is cancelled, the volunteers needed and the places left."
        ),
        columns=(
            opendata.ID,
            Column("opportunity_id", _("The opportunity's number (volunteer opportunities).")),
            Column("opportunity_title", _("The opportunity's title in Danish.")),
            opendata.STARTS_AT,
            opendata.ENDS_AT,
            opendata.CANCELLED,
            Column("place", _("The place when it differs from the opportunity's.")),
            opendata.TOWN,
            Column("volunteers_needed", _("Volunteers needed in all; empty for no limit.")),
            opendata.PLACES_TAKEN,
            opendata.PLACES_LEFT,
            opendata.URL,
        ),
        rows=shift_rows,
        modified=shifts_modified,
        theme="SOCI",
        keywords=(_("volunteering"), _("shifts"), _("places left")),
    ),
)
