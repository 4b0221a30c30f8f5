"""Read-mostly admin: staff can look needs and alerts up (search, filter by status), but a
need's places, status and alerts change only through the services, which keep them in step
with the booking engine; the organisation's own pages close and cancel needs."""

from django.contrib import admin

from samskab.needs.models import Need, NeedAlert


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NeedAlertInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = NeedAlert
    fields = ["volunteer", "status", "skip_reason", "send_after", "sent_at", "accepted_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(Need)
class NeedAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "organisation", "starts_at", "town", "status"]
    list_filter = ["status", "on_behalf_of_citizen", "town", "starts_at"]
    search_fields = ["title_da", "title_en", "organisation__name"]
    date_hierarchy = "starts_at"
    list_select_related = ["organisation", "town"]
    inlines = [NeedAlertInline]


@admin.register(NeedAlert)
class NeedAlertAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["need", "volunteer", "status", "skip_reason", "sent_at", "accepted_at"]
    list_filter = ["status", "skip_reason"]
    search_fields = ["volunteer__email", "need__title_da"]
    list_select_related = ["need", "volunteer"]
    raw_id_fields = ["need", "volunteer"]
