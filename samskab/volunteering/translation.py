"""Organisations write in Danish (required) and may add English; English pages fall back to
the Danish text. Skill names are a staff-edited list."""

from modeltranslation.translator import TranslationOptions, register

from samskab.volunteering.models import Opportunity, Shift, Skill


@register(Skill)
class SkillTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("da",)


@register(Opportunity)
class OpportunityTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"da": ("title", "description")}


@register(Shift)
class ShiftTranslation(TranslationOptions):
    fields = ("note",)
