"""Staff look reports and decisions up here; they decide in the moderation inbox
(``moderation:inbox``), which tells the authors and sends the signals. So decisions are
read-only here, and a report can only be deleted (one made in error)."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from samskab.moderation.models import Report, Review


def _item_link(obj):
    item = obj.target
    if item is None:
        return _("(deleted)")
    return format_html('<a href="{}">{}</a>', item.get_absolute_url(), str(item)[:80])


class NoChangeMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(NoChangeMixin, admin.ModelAdmin):
    list_display = ["created_at", "reason", "target_type", "target_id", "reporter"]
    list_filter = ["reason", "target_type", "created_at"]
    search_fields = ["reporter__email", "text"]
    date_hierarchy = "created_at"
    list_select_related = ["target_type", "reporter"]
    readonly_fields = [
        "reporter",
        "target_type",
        "target_id",
        "item",
        "reason",
        "text",
        "created_at",
    ]
    fields = readonly_fields

    @admin.display(description=_("item"))
    def item(self, obj):
        return _item_link(obj)


@admin.register(Review)
class ReviewAdmin(NoChangeMixin, admin.ModelAdmin):
    list_display = [
        "opened_at",
        "cause",
        "target_type",
        "target_id",
        "outcome",
        "closed_at",
        "decided_by",
    ]
    list_filter = ["cause", "outcome", "target_type", "closed_at"]
    search_fields = ["reason", "decided_by__email"]
    date_hierarchy = "opened_at"
    list_select_related = ["target_type", "decided_by"]
    readonly_fields = [
        "target_type",
        "target_id",
        "item",
        "cause",
        "opened_at",
        "closed_at",
        "outcome",
        "decided_by",
        "reason",
    ]
    fields = readonly_fields

    def has_delete_permission(self, request, obj=None):
        # Decisions are the record behind the public monthly figures.
        return False

    @admin.display(description=_("item"))
    def item(self, obj):
        return _item_link(obj)
