"""Organisers write in Danish (required) and may add English; English pages fall back to
the Danish text. Names of interests, age groups and languages are staff-edited lists."""

from modeltranslation.translator import TranslationOptions, register

from samskab.activities.models import Activity, AgeGroup, Interest, Language


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description", "price_note", "accessibility_note")
    required_languages = {"da": ("title", "description")}


@register(Interest)
class InterestTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("da",)


@register(AgeGroup)
class AgeGroupTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("da",)


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("da",)
