"""Staff-written text of manual indicators, in Danish (required for them) and English
(optional, falls back to Danish). Built-in indicators' texts are translated with the code."""

from modeltranslation.translator import TranslationOptions, register

from samskab.results.models import Indicator


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("title", "definition", "unit", "data_source")
