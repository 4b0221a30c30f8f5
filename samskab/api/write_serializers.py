"""The input of the write endpoints, and what they answer. Validation here is about the
shape of the input (types, lengths, known slugs); the rules of activities are the
services' (``activities.services``), and their refusals come back as 400 problems too."""

from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samskab.activities.models import ACCESSIBILITY_FACT_NAMES, Activity
from samskab.api.serializers import ActivitySerializer, SessionSerializer
from samskab.reference.models import AgeGroup, Interest, Language, Town
from samskab.vision.models import FocusArea, Initiative

postcode = RegexValidator(r"^\d{4}$", "A Danish postcode has four digits, e.g. 6760.")


def translated_input(name: str, *, max_length: int, required: bool):
    """A text in Danish (``da``) and, optionally, English (``en``); ``da`` may be left out
    unless ``required``."""
    fields = {
        "da": serializers.CharField(max_length=max_length)
        if required
        else serializers.CharField(max_length=max_length, required=False, allow_blank=True),
        "en": serializers.CharField(
            max_length=max_length, required=False, allow_blank=True, allow_null=True
        ),
    }
    serializer = type(name, (serializers.Serializer,), fields)
    return serializer(required=required, **({} if required else {"default": dict}))


def _slugs(model, slug_field="slug", **kwargs):
    return serializers.SlugRelatedField(
        slug_field=slug_field, queryset=model.objects.all(), many=True, **kwargs
    )


class ActivityInput(serializers.Serializer):
    """The whole activity (PUT replaces it). Optional fields left out take their default."""

    title = translated_input("TitleInput", max_length=150, required=True)
    description = translated_input("DescriptionInput", max_length=10000, required=True)
    focus_areas = _slugs(FocusArea, allow_empty=False, help_text="At least one.")
    initiative = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Initiative.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Must belong to one of the focus areas.",
    )
    interests = _slugs(Interest, required=False, default=list)
    age_groups = _slugs(AgeGroup, required=False, default=list)
    languages = _slugs(Language, slug_field="code", required=False, default=list)
    participation = serializers.ChoiceField(
        choices=Activity.Participation.choices, default=Activity.Participation.DROP_IN
    )
    come_alone_welcome = serializers.BooleanField(default=False)
    place_name = serializers.CharField(max_length=150)
    street = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(
        max_length=4,
        required=False,
        allow_blank=True,
        default="",
        validators=[postcode],
        help_text="Empty: the town's postcode.",
    )
    town = serializers.SlugRelatedField(slug_field="slug", queryset=Town.objects.all())
    latitude = serializers.FloatField(
        min_value=-90, max_value=90, required=False, allow_null=True, default=None
    )
    longitude = serializers.FloatField(
        min_value=-180, max_value=180, required=False, allow_null=True, default=None
    )
    price = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, default=0, coerce_to_string=False
    )
    price_note = translated_input("PriceNoteInput", max_length=150, required=False)
    accessibility = serializers.ListField(
        child=serializers.ChoiceField(choices=ACCESSIBILITY_FACT_NAMES),
        required=False,
        default=list,
        max_length=len(ACCESSIBILITY_FACT_NAMES),
    )
    accessibility_note = translated_input("AccessibilityNoteInput", max_length=2000, required=False)
    is_published = serializers.BooleanField(default=True)

    def validate(self, data):
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise serializers.ValidationError(
                {"latitude": ["Give both latitude and longitude, or neither."]}
            )
        return data

    def service_data(self) -> dict:
        """The validated input as ``services.upsert_activity`` takes it."""
        data = dict(self.validated_data)
        flat = {}
        for name in ("title", "description", "price_note", "accessibility_note"):
            texts = data.pop(name, None) or {}
            flat[f"{name}_da"] = texts.get("da") or ""
            flat[f"{name}_en"] = texts.get("en") or ""
        return {**data, **flat}


class SessionInput(serializers.Serializer):
    starts_at = serializers.DateTimeField(
        help_text="With a time zone, e.g. 2025-10-07T10:00:00+02:00."
    )
    ends_at = serializers.DateTimeField(help_text="Less than 24 hours after the start.")
    capacity = serializers.IntegerField(
        min_value=1,
        max_value=100000,
        required=False,
        allow_null=True,
        default=None,
        help_text="Places, for an activity with sign-up; null: no limit.",
    )
    cancelled = serializers.BooleanField(
        default=False, help_text="True cancels it: everyone signed up is told."
    )
    cancellation_reason = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default=""
    )


class DeleteInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class SyncSessionSerializer(SessionSerializer):
    source_id = serializers.SerializerMethodField()

    def get_source_id(self, session) -> str | None:
        source = getattr(session, "api_source", None)
        return source.source_id if source is not None else None

    def to_representation(self, session):
        return {**super().to_representation(session), "source_id": self.get_source_id(session)}


class SyncActivitySerializer(ActivitySerializer):
    source_id = serializers.CharField(source="api_source.source_id")
    is_published = serializers.BooleanField()
    initiative = serializers.CharField(source="initiative.slug", allow_null=True)
    sessions = serializers.SerializerMethodField()

    @extend_schema_field(SyncSessionSerializer(many=True))
    def get_sessions(self, activity):
        """Its sessions that have not ended, cancelled ones included."""
        return SyncSessionSerializer(getattr(activity, "coming_sessions", []), many=True).data

    def to_representation(self, activity):
        return {
            **super().to_representation(activity),
            "source_id": activity.api_source.source_id,
            "is_published": activity.is_published,
            "initiative": activity.initiative.slug if activity.initiative_id else None,
            "sessions": self.get_sessions(activity),
        }
