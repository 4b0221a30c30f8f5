from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from samskab.proposals.models import Event, Proposal, RejectionReason


@admin.register(RejectionReason)
class RejectionReasonAdmin(TranslationAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]


class EventInline(admin.TabularInline):
    model = Event
    fields = ["at", "step", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Looking up a proposal; its steps are taken on the site (``/borgerforslag/``), where
    each one is checked and recorded, so the path cannot be changed here."""

    list_display = ["title", "status", "signature_count", "threshold", "collecting_until"]
    list_filter = ["status", "decision"]
    search_fields = ["title", "text"]
    readonly_fields = [
        field.name
        for field in Proposal._meta.get_fields()
        if field.concrete and not field.many_to_many and field.name != "id"
    ]
    exclude = ["search_text"]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False
