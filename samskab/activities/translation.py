"""Organisers write in Danish (required) and may add English; English pages fall back to
the Danish text."""

from modeltranslation.translator import TranslationOptions, register

from samskab.activities.models import Activity


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description", "price_note", "accessibility_note")
    required_languages = {"da": ("title", "description")}
