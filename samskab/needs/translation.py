"""Organisations write needs in Danish (required) and may add English; English pages and
emails fall back to the Danish text."""

from modeltranslation.translator import TranslationOptions, register

from samskab.needs.models import Need


@register(Need)
class NeedTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"da": ("title", "description")}
