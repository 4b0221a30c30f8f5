"""The description is written in Danish (required) and optionally in English; pages in
English fall back to the Danish text."""

from modeltranslation.translator import TranslationOptions, register

from samskab.organisations.models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = ("da",)
