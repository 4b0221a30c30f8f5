"""Organisations write their programme's introduction in Danish and may add English;
English pages fall back to the Danish text."""

from modeltranslation.translator import TranslationOptions, register

from samskab.visiting.models import VisitingProgramme


@register(VisitingProgramme)
class VisitingProgrammeTranslation(TranslationOptions):
    fields = ("intro",)
