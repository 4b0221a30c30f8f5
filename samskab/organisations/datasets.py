"""The organisations' open data (``extensions.Dataset``): every approved organisation. The
contact person, email and phone stay on the organisation's page: they may name a person."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from samskab.core import opendata
from samskab.core.extensions import Column, Dataset
from samskab.organisations.models import Organisation
from samskab.organisations.selectors import public_organisations

CHUNK = 2000


def organisation_rows():
    rows = (
        public_organisations()
        .order_by("pk")
        .values_list(
            "pk",
            "name",
            "type",
            "description_da",
            "description_en",
            "street",
            "postcode",
            "town",
            "website",
            "created_at",
            "updated_at",
            "slug",
        )
        .iterator(chunk_size=CHUNK)
    )
    focus_areas = (
        Organisation.focus_areas.through.objects.filter(
            organisation_id__in=public_organisations().values("pk")
        )
        .order_by("organisation_id", "focusarea__order", "focusarea_id")
        .values_list("organisation_id", "focusarea__slug")
        .iterator(chunk_size=CHUNK)
    )
    url = opendata.url_maker("organisations:detail", slug=str)
    for *values, slug, areas in opendata.with_many(rows, focus_areas):
        yield (*values, areas, url(slug=slug))


def organisations_modified():
    return public_organisations().aggregate(latest=Max("updated_at"))["latest"]


DATASETS = (
    Dataset(
        slug="foreninger",
        title=_("Organisations"),
        description=_(
            "Every approved association, volunteer group, municipal service and local "
            "council on the platform: what it does, where, and its website. Contact "
            "details are on each organisation's page."
        ),
        columns=(
            opendata.ID,
            Column("name", _("Name.")),
            Column(
                "type",
                _("association, volunteer_group, municipal_service or local_council."),
            ),
            opendata.DESCRIPTION_DA,
            opendata.DESCRIPTION_EN,
            opendata.STREET,
            opendata.POSTCODE,
            opendata.TOWN,
            Column("website", _("Website.")),
            opendata.CREATED_AT,
            opendata.UPDATED_AT,
            opendata.FOCUS_AREAS,
            opendata.URL,
        ),
        rows=organisation_rows,
        modified=organisations_modified,
        theme="SOCI",
        keywords=(_("associations"), _("organisations"), _("civil society")),
        page="organisations:list",
    ),
)
