"""Staff-written text in Danish (required) and English (optional, falls back to Danish)."""

from modeltranslation.translator import TranslationOptions, register

from samskab.vision.models import (
    Ambition,
    FocusArea,
    Initiative,
    InitiativeStatus,
    Milestone,
    ResultStory,
    Vision,
)


class DanishRequired(TranslationOptions):
    required_languages = ("da",)


@register(Vision)
class VisionTranslation(DanishRequired):
    fields = ("title", "tagline", "introduction")


@register(Ambition)
class AmbitionTranslation(DanishRequired):
    fields = ("title", "text")


@register(FocusArea)
class FocusAreaTranslation(DanishRequired):
    fields = ("title", "summary", "body")


@register(InitiativeStatus)
class InitiativeStatusTranslation(DanishRequired):
    fields = ("name", "description")


@register(Initiative)
class InitiativeTranslation(DanishRequired):
    fields = ("title", "description", "department")


@register(Milestone)
class MilestoneTranslation(DanishRequired):
    fields = ("title", "description")


@register(ResultStory)
class ResultStoryTranslation(DanishRequired):
    fields = ("headline", "text", "unit")
