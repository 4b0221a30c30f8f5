"""What the read endpoints return. Plain serializers over rows whose relations the
selectors load in a fixed number of queries; no hyperlinked or nested model serializers,
so a page of 200 rows is serialised in a few milliseconds (bench/api_bench.py).

A text that is translated is an object ``{"da": ..., "en": ...}`` (``en`` is null when no
English was written). ``url`` is the row's page on the site, absolute.
"""

from django.conf import settings
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from samskab.activities.models import ACCESSIBILITY_FACT_NAMES, Activity
from samskab.booking import selectors as booking_selectors
from samskab.results import conf as results_conf

TRANSLATED_SCHEMA = {
    "type": "object",
    "properties": {
        "da": {"type": "string"},
        "en": {"type": "string", "nullable": True},
    },
    "required": ["da", "en"],
}
NULLABLE_TRANSLATED_SCHEMA = {**TRANSLATED_SCHEMA, "nullable": True}


def site_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


@extend_schema_field(TRANSLATED_SCHEMA)
class Translated(serializers.Field):
    """A modeltranslation field as ``{"da", "en"}``; ``source`` names the field."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        name = self.source
        return {
            "da": getattr(instance, f"{name}_da", None) or "",
            "en": getattr(instance, f"{name}_en", None) or None,
        }

    def to_representation(self, value):
        return value


@extend_schema_field(TRANSLATED_SCHEMA)
class CodeTranslated(serializers.Field):
    """A text translated by the code (a lazy string), as ``{"da", "en"}``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        texts = {}
        for language in ("da", "en"):
            with translation.override(language):
                texts[language] = str(value) if value is not None else ""
        return texts


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class Slugs(serializers.Field):
    """The slugs (or another attribute) of a prefetched many-to-many relation."""

    def __init__(self, attribute: str = "slug", **kwargs):
        self.attribute = attribute
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return [getattr(row, self.attribute) for row in getattr(instance, self.source).all()]

    def to_representation(self, value):
        return value


@extend_schema_field(OpenApiTypes.URI)
class SiteUrl(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, value):
        return site_url(value.get_absolute_url())


class Named(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class TownSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    postcode = serializers.CharField()


# --- organisations -------------------------------------------------------------------------


class OrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    type = serializers.CharField()
    description = Translated()
    town = serializers.CharField()
    website = serializers.CharField()
    focus_areas = Slugs()
    url = SiteUrl()


# --- activities and sessions ---------------------------------------------------------------


def _places_left(owner) -> int | None:
    slot = owner.booking_slot
    return booking_selectors.places_left(slot) if slot is not None else None


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    activity = serializers.IntegerField(source="activity_id")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    cancelled = serializers.SerializerMethodField()
    capacity = serializers.SerializerMethodField()
    places_left = serializers.SerializerMethodField()
    url = SiteUrl()

    def get_cancelled(self, session) -> bool:
        return session.is_cancelled

    def get_capacity(self, session) -> int | None:
        slot = session.booking_slot
        return slot.capacity if slot is not None else None

    def get_places_left(self, session) -> int | None:
        """Free places; null when there is no limit (or no sign-up)."""
        return _places_left(session)

    def to_representation(self, session):
        # Built directly, as ActivitySerializer's (the declared fields describe it).
        slot = session.booking_slot
        return {
            "id": session.pk,
            "activity": session.activity_id,
            "starts_at": _datetime(session.starts_at),
            "ends_at": _datetime(session.ends_at),
            "cancelled": slot is not None and slot.is_cancelled,
            "capacity": slot.capacity if slot is not None else None,
            "places_left": booking_selectors.places_left(slot) if slot is not None else None,
            "url": site_url(session.get_absolute_url()),
        }


class NextSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    places_left = serializers.SerializerMethodField()

    def get_places_left(self, session) -> int | None:
        return _places_left(session)


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = Translated()
    description = Translated()
    organisation = inline_serializer(
        "ActivityOrganisation", {"slug": serializers.CharField(), "name": serializers.CharField()}
    )
    focus_areas = Slugs()
    interests = Slugs()
    age_groups = Slugs()
    languages = Slugs(attribute="code")
    participation = serializers.ChoiceField(choices=Activity.Participation.choices)
    come_alone_welcome = serializers.BooleanField()
    place_name = serializers.CharField()
    street = serializers.CharField()
    postcode = serializers.CharField()
    town = TownSerializer()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    price = serializers.DecimalField(max_digits=8, decimal_places=2)
    is_free = serializers.BooleanField()
    price_note = Translated()
    accessibility = serializers.SerializerMethodField()
    accessibility_note = Translated()
    next_session = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()
    url = SiteUrl()

    @extend_schema_field(NextSessionSerializer(allow_null=True))
    def get_next_session(self, activity):
        """The next session that is neither over nor cancelled."""
        return _next_session(activity.api_next_session)

    def get_accessibility(self, activity) -> list[str]:
        """The accessibility facts that hold at the place."""
        return [name for name in ACCESSIBILITY_FACT_NAMES if getattr(activity, name)]

    def to_representation(self, activity):
        # Built directly rather than field by field: a page of 200 activities is read
        # several times faster (bench/api_bench.py). The declared fields above describe
        # the same shape in the OpenAPI description, and the Schemathesis test holds the
        # two together. Needs ``selectors.attach_activity_details``.
        lists = activity.api_lists
        organisation, town = activity.organisation, activity.town
        return {
            "id": activity.pk,
            "title": _texts(activity, "title"),
            "description": _texts(activity, "description"),
            "organisation": {"slug": organisation.slug, "name": organisation.name},
            "focus_areas": lists["focus_areas"],
            "interests": lists["interests"],
            "age_groups": lists["age_groups"],
            "languages": lists["languages"],
            "participation": activity.participation,
            "come_alone_welcome": activity.come_alone_welcome,
            "place_name": activity.place_name,
            "street": activity.street,
            "postcode": activity.postcode,
            "town": {"slug": town.slug, "name": town.name, "postcode": town.postcode},
            "latitude": activity.latitude,
            "longitude": activity.longitude,
            "price": float(activity.price),
            "is_free": activity.is_free,
            "price_note": _texts(activity, "price_note"),
            "accessibility": self.get_accessibility(activity),
            "accessibility_note": _texts(activity, "accessibility_note"),
            "next_session": _next_session(activity.api_next_session),
            "updated_at": _datetime(activity.updated_at),
            "url": site_url(activity.get_absolute_url()),
        }


def _texts(row, name: str) -> dict:
    return {"da": getattr(row, f"{name}_da") or "", "en": getattr(row, f"{name}_en") or None}


_DATETIME = serializers.DateTimeField()


def _datetime(value) -> str:
    return _DATETIME.to_representation(value)


def _next_session(row) -> dict | None:
    if row is None:
        return None
    return {
        "id": row.id,
        "starts_at": _datetime(row.starts_at),
        "ends_at": _datetime(row.ends_at),
        "places_left": row.places_left,
    }


# --- volunteering and needs -------------------------------------------------------------------


class OpportunitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = Translated()
    description = Translated()
    kind = serializers.CharField()
    organisation = inline_serializer(
        "OpportunityOrganisation",
        {"slug": serializers.CharField(), "name": serializers.CharField()},
    )
    focus_areas = Slugs()
    skills = Slugs()
    interests = Slugs()
    languages = Slugs(attribute="code")
    minimum_age = serializers.IntegerField(allow_null=True)
    involves_children = serializers.BooleanField()
    from_home = serializers.BooleanField()
    place_name = serializers.CharField()
    town = TownSerializer(allow_null=True)
    next_shift_starts_at = serializers.DateTimeField(allow_null=True, default=None)
    url = SiteUrl()


class ShiftSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opportunity = serializers.IntegerField(source="opportunity_id")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField()
    note = Translated()
    places_left = serializers.SerializerMethodField()
    url = SiteUrl()

    def get_places_left(self, shift) -> int | None:
        return _places_left(shift)


class NeedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = Translated()
    description = Translated()
    organisation = inline_serializer(
        "NeedOrganisation", {"slug": serializers.CharField(), "name": serializers.CharField()}
    )
    status = serializers.CharField()
    focus_areas = Slugs()
    skills = Slugs()
    involves_children = serializers.BooleanField()
    from_home = serializers.BooleanField()
    place_name = serializers.CharField()
    town = TownSerializer(allow_null=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    places_left = serializers.SerializerMethodField()
    url = SiteUrl()

    def get_places_left(self, need) -> int | None:
        return _places_left(need)


# --- ideas and proposals -----------------------------------------------------------------------


class AnswerStatusSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = Translated()
    meaning = serializers.CharField()


class AnswerSerializer(serializers.Serializer):
    status = AnswerStatusSerializer()
    text = serializers.CharField()
    department = serializers.CharField()
    time_frame = serializers.CharField()
    initiative = serializers.CharField(source="initiative.slug", allow_null=True)
    created_at = serializers.DateTimeField()


class IdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="As the citizen wrote it, in `language`.")
    text = serializers.CharField()
    language = serializers.CharField()
    focus_areas = Slugs()
    town = TownSerializer(allow_null=True)
    status = AnswerStatusSerializer(allow_null=True)
    supports_count = serializers.IntegerField()
    comments_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    answers = AnswerSerializer(many=True)
    url = SiteUrl()


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="As the citizen wrote it, in `language`.")
    text = serializers.CharField()
    language = serializers.CharField()
    status = serializers.CharField()
    threshold = serializers.IntegerField(allow_null=True)
    signature_count = serializers.IntegerField()
    comments_count = serializers.IntegerField()
    collecting_from = serializers.DateTimeField(allow_null=True)
    collecting_until = serializers.DateTimeField(allow_null=True)
    threshold_reached_at = serializers.DateTimeField(allow_null=True)
    council_meeting = serializers.DateField(allow_null=True)
    decision = serializers.CharField()
    decision_text = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    url = SiteUrl()


# --- the vision and its results ----------------------------------------------------------------


class InitiativeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = Translated()
    description = Translated()
    department = Translated()
    focus_area = serializers.CharField(source="focus_area.slug")
    parent = serializers.CharField(source="parent.slug", allow_null=True)
    status = inline_serializer(
        "InitiativeStatus", {"slug": serializers.CharField(), "name": Translated()}
    )
    progress = serializers.IntegerField(help_text="Per cent complete, 0 to 100.")
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    url = SiteUrl()


class IndicatorSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = CodeTranslated(source="heading")
    definition = CodeTranslated(source="definition_text")
    unit = CodeTranslated(source="unit_text")
    measure = serializers.CharField()
    data_source = Translated()
    focus_area = serializers.CharField(source="focus_area.slug", allow_null=True)
    method_version = serializers.IntegerField()
    computed_at = serializers.DateTimeField(allow_null=True)
    url = SiteUrl()


class ObservationSerializer(serializers.Serializer):
    """A figure of one period. A figure resting on fewer than ``fewer_than`` people (or
    things) is never published exactly: ``value`` and ``base`` are null and ``suppressed``
    is true."""

    period = serializers.CharField()
    starts_on = serializers.DateField()
    dimension = serializers.CharField(help_text='"" for the total, else the breakdown.')
    group = serializers.CharField(help_text="The town's, age group's or language's code.")
    value = serializers.SerializerMethodField()
    base = serializers.SerializerMethodField()
    suppressed = serializers.BooleanField()
    fewer_than = serializers.SerializerMethodField()
    final = serializers.BooleanField(source="frozen")
    method_version = serializers.IntegerField()

    @extend_schema_field({"type": "number", "nullable": True})
    def get_value(self, observation):
        if observation.suppressed or observation.value is None:
            return None
        return float(observation.value)

    def get_base(self, observation) -> int | None:
        return None if observation.suppressed else observation.base

    def get_fewer_than(self, observation) -> int | None:
        """For a suppressed figure: it rests on fewer than this many."""
        return results_conf.small_count() if observation.suppressed else None
