"""The activities' open data (``extensions.Dataset``): every public activity, and every
session not yet over with its places left. Published under CC BY 4.0, like the OpenActive
feeds of the same activities (the standard requires it)."""

from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.activities.models import ACCESSIBILITY_FACT_NAMES, Activity, ActivitySession
from samskab.booking.selectors import place_holders_expression
from samskab.core import opendata
from samskab.core.extensions import Column, Dataset

CHUNK = 2000


def _activities():
    return Activity.objects.published()


def _url_makers():
    return (
        opendata.url_maker("activities:detail", pk=int, slug=str),
        opendata.url_maker("activities:detail_short", pk=int),
    )


def activity_rows():
    detail, short = _url_makers()
    fields = (
        "pk",
        "title_da",
        "title_en",
        "description_da",
        "description_en",
        "organisation_id",
        "organisation__name",
        "place_name",
        "street",
        "postcode",
        "town__name",
        "latitude",
        "longitude",
        "price",
        "price_note_da",
        "participation",
        "come_alone_welcome",
        *ACCESSIBILITY_FACT_NAMES,
        "accessibility_note_da",
        "initiative__slug",
        "updated_at",
        "slug",
    )
    rows = _activities().order_by("pk").values_list(*fields).iterator(chunk_size=CHUNK)
    published = _activities().values("pk")
    through = Activity.focus_areas.through.objects.filter(activity_id__in=published)
    rows = opendata.with_many(
        rows,
        through.order_by("activity_id", "focusarea__order", "focusarea_id")
        .values_list("activity_id", "focusarea__slug")
        .iterator(chunk_size=CHUNK),
    )
    for relation, field in (("interests", "interest"), ("age_groups", "agegroup")):
        pairs = (
            getattr(Activity, relation)
            .through.objects.filter(activity_id__in=published)
            .order_by("activity_id", f"{field}__slug")
            .values_list("activity_id", f"{field}__slug")
        )
        rows = opendata.with_many(rows, pairs.iterator(chunk_size=CHUNK))
    languages = (
        Activity.languages.through.objects.filter(activity_id__in=published)
        .order_by("activity_id", "language__code")
        .values_list("activity_id", "language__code")
    )
    rows = opendata.with_many(rows, languages.iterator(chunk_size=CHUNK))
    for row in rows:
        *values, slug, focus_areas, interests, age_groups, languages_spoken = row
        pk = values[0]
        url = detail(pk=pk, slug=slug) if slug else short(pk=pk)
        yield (*values, focus_areas, interests, age_groups, languages_spoken, url)


ACTIVITY_COLUMNS = (
    opendata.ID,
    opendata.TITLE_DA,
    opendata.TITLE_EN,
    opendata.DESCRIPTION_DA,
    opendata.DESCRIPTION_EN,
    opendata.ORGANISATION_ID,
    opendata.ORGANISATION,
    opendata.PLACE_NAME,
    opendata.STREET,
    opendata.POSTCODE,
    opendata.TOWN,
    opendata.LATITUDE,
    opendata.LONGITUDE,
    Column("price", _("Price in DKK; 0 is free.")),
    Column("price_note", _("About the price (in Danish).")),
    Column("participation", _("drop_in: just come; sign_up: sign-up required.")),
    Column("come_alone_welcome", _("true when someone receives newcomers who come alone.")),
    Column("step_free_access", _("true: step-free access.")),
    Column("hearing_loop", _("true: hearing loop.")),
    Column("accessible_toilet", _("true: accessible toilet.")),
    Column("seating", _("true: seating and places to rest.")),
    Column("quiet_space", _("true: a quiet room to take a break.")),
    Column("accessible_parking", _("true: disabled parking close by.")),
    Column("accessibility_note", _("More about accessibility (in Danish).")),
    opendata.INITIATIVE,
    opendata.UPDATED_AT,
    opendata.FOCUS_AREAS,
    Column("interests", _("Interests it is for: their short names, separated by |.")),
    Column("age_groups", _("Age groups it is for: their short names, separated by |.")),
    Column("languages", _("Languages spoken: their codes (BCP 47), separated by |.")),
    opendata.URL,
)


def activities_modified():
    return _activities().aggregate(latest=Max("updated_at"))["latest"]


def _sessions(now=None):
    now = now or timezone.now()
    return ActivitySession.objects.filter(activity__in=_activities().values("pk"), ends_at__gte=now)


def session_rows():
    detail, short = _url_makers()
    rows = (
        _sessions()
        .annotate(slot_id=F("booking_slots__id"))
        .annotate(taken=place_holders_expression("slot_id"))
        .order_by("starts_at", "pk")
        .values_list(
            "pk",
            "activity_id",
            "activity__title_da",
            "starts_at",
            "ends_at",
            "booking_slots__cancelled_at",
            "activity__participation",
            "booking_slots__capacity",
            "taken",
            "activity__town__name",
            "activity__slug",
        )
        .iterator(chunk_size=CHUNK)
    )
    for (
        pk,
        activity_id,
        title,
        starts,
        ends,
        cancelled_at,
        participation,
        capacity,
        taken,
        town,
        slug,
    ) in rows:
        page = detail(pk=activity_id, slug=slug) if slug else short(pk=activity_id)
        sign_up = participation == Activity.Participation.SIGN_UP
        yield (
            pk,
            activity_id,
            title,
            starts,
            ends,
            cancelled_at is not None,
            sign_up,
            capacity if sign_up else None,
            taken if sign_up else 0,
            opendata.places_left(capacity, taken) if sign_up else None,
            town,
            f"{page}#session-{pk}",
        )


SESSION_COLUMNS = (
    opendata.ID,
    Column("activity_id", _("The activity's number (activities dataset).")),
    Column("activity_title", _("The activity's title in Danish.")),
    opendata.STARTS_AT,
    opendata.ENDS_AT,
    opendata.CANCELLED,
    Column("sign_up_required", _("true when people sign up; false: just come.")),
    opendata.CAPACITY,
    opendata.PLACES_TAKEN,
    opendata.PLACES_LEFT,
    opendata.TOWN,
    opendata.URL,
)


def sessions_modified():
    # Places are taken and freed by the minute, and each sign-up would have to be read to
    # know the last one: the file is as of the moment it is read.
    return timezone.now()


DATASETS = (
    Dataset(
        slug="aktiviteter",
        title=_("Activities"),
        description=_(
            "Every published activity and community of an approved organisation: what, "
            "where, for whom, the price, how to take part and the accessibility facts."
        ),
        columns=ACTIVITY_COLUMNS,
        rows=activity_rows,
        modified=activities_modified,
        licence="CC-BY-4.0",
        theme="SOCI",
        keywords=(_("activities"), _("communities"), _("leisure")),
        page="catalogue:index",
    ),
    Dataset(
        slug="aktivitetsgange",
        title=_("Sessions of activities, with places left"),
        description=_(
            "Every session of a published activity that is not yet over: when, whether it "
            "is cancelled, and for sign-up activities the places, places taken and places "
            "left."
        ),
        columns=SESSION_COLUMNS,
        rows=session_rows,
        modified=sessions_modified,
        licence="CC-BY-4.0",
        theme="SOCI",
        keywords=(_("activities"), _("sessions"), _("places left")),
    ),
)
