"""The results' open data (``extensions.Dataset``): every figure of every published
indicator, under the method version in use now (figures of earlier versions stay on the
indicator's page with the change explained, not here). A figure resting on too few people
to publish is a row with ``suppressed`` true and no value, never the value: it says only
"fewer than" ``RESULTS_SMALL_COUNT``."""

from django.db.models import F, Max
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import Column, Dataset
from samskab.results import conf
from samskab.results.models import Indicator, Observation

CHUNK = 5000


def _published_observations():
    return Observation.objects.filter(
        indicator__is_published=True, method_version=F("indicator__method_version")
    )


def _indicator_texts() -> dict[int, tuple[str, str, str]]:
    """(slug, title, unit) in Danish of each published indicator, by id: one query."""
    texts = {}
    with translation.override("da"):
        for indicator in Indicator.objects.published().only(
            "pk", "key", "slug", "title_da", "unit_da"
        ):
            texts[indicator.pk] = (
                indicator.slug,
                str(indicator.heading),
                str(indicator.unit_text or ""),
            )
    return texts


def observation_rows():
    texts = _indicator_texts()
    small = conf.small_count()
    rows = (
        _published_observations()
        .order_by("indicator__order", "indicator_id", "period", "starts_on", "dimension", "group")
        .values_list(
            "indicator_id",
            "period",
            "starts_on",
            "dimension",
            "group",
            "value",
            "suppressed",
            "frozen",
            "method_version",
            "computed_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    for (
        indicator_id,
        period,
        starts_on,
        dimension,
        group,
        value,
        suppressed,
        frozen,
        version,
        computed,
    ) in rows:
        slug, title, unit = texts.get(indicator_id, ("", "", ""))
        yield (
            slug,
            title,
            unit,
            period,
            starts_on,
            dimension or "total",
            group,
            None if suppressed else value,
            suppressed,
            small if suppressed else None,
            frozen,
            version,
            computed,
        )


def observations_modified():
    return _published_observations().aggregate(latest=Max("computed_at"))["latest"]


DATASETS = (
    Dataset(
        slug="indikatorer",
        title=_("The vision's indicators: figures per period"),
        description=_(
            "Every figure of the vision's published indicators, per month, quarter and "
            "year, in total and by town, age group and language, computed by the method in "
            "use now. A figure that rests on so few people that they could be recognised "
            "is given only as “fewer than”, never exactly."
        ),
        columns=(
            Column("indicator", _("The indicator's short name.")),
            Column("indicator_title", _("The indicator's title (in Danish).")),
            Column("unit", _("The unit of the value (in Danish).")),
            Column("period", _("month, quarter or year.")),
            Column("starts_on", _("The period's first day.")),
            Column("breakdown", _("total, town, age_group or language.")),
            Column("group", _("The town's, age group's or language's code; empty for the total.")),
            Column("value", _("The figure; empty when it is suppressed.")),
            Column(
                "suppressed",
                _("true when the figure rests on too few people to publish: see fewer_than."),
            ),
            Column("fewer_than", _("For a suppressed figure: it rests on fewer than this.")),
            Column(
                "final",
                _("true when the period is closed and the figure will not change."),
            ),
            Column("method_version", _("The version of how the indicator is computed.")),
            Column("computed_at", _("When the figure was computed.")),
        ),
        rows=observation_rows,
        modified=observations_modified,
        theme="GOVE",
        keywords=(_("welfare vision"), _("indicators"), _("statistics")),
        page="results:overview",
    ),
)
