"""Staff-written text in Danish (required) and English (optional, falls back to Danish).
Proposals themselves are written by citizens in one language (``Proposal.language``)."""

from modeltranslation.translator import TranslationOptions, register

from samskab.proposals.models import RejectionReason


@register(RejectionReason)
class RejectionReasonTranslation(TranslationOptions):
    fields = ("name", "explanation")
    required_languages = ("da",)
