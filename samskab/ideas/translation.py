"""Staff-written text in Danish (required) and English (optional, falls back to Danish).
Ideas themselves are written by citizens in one language (``Idea.language``)."""

from modeltranslation.translator import TranslationOptions, register

from samskab.ideas.models import AnswerStatus


@register(AnswerStatus)
class AnswerStatusTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("da",)
