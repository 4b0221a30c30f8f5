"""Organisations write in Danish (required) and may add English; English pages fall back to
the Danish text."""

from modeltranslation.translator import TranslationOptions, register

from samskab.volunteering.models import Opportunity, Shift


@register(Opportunity)
class OpportunityTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"da": ("title", "description")}


@register(Shift)
class ShiftTranslation(TranslationOptions):
    fields = ("note",)
