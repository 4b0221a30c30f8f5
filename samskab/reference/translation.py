"""The lists' names are written by staff in Danish (required) and English; English pages
fall back to the Danish name. Town names are proper nouns and are not translated."""

from modeltranslation.translator import TranslationOptions, register

from samskab.reference.models import AgeGroup, Interest, Language, Skill


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


@register(Skill)
class SkillTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("da",)
