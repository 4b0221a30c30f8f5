"""Calendar subscriptions in the administration, for support: what was fetched and why it
failed. Coordinators work in the site."""

from django.contrib import admin

from samskab.calendars.models import CalendarSubscription, ImportedOccurrence


@admin.register(CalendarSubscription)
class CalendarSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("activity", "organisation", "url", "last_fetched_at", "last_outcome")
    list_filter = ("last_outcome",)
    search_fields = ("url", "activity__title", "organisation__name")
    list_select_related = ("activity", "organisation")
    raw_id_fields = ("organisation", "activity")
    readonly_fields = (
        "last_fetched_at",
        "last_succeeded_at",
        "last_outcome",
        "http_status",
        "error_code",
        "error_params",
        "created_count",
        "updated_count",
        "cancelled_count",
        "changes",
    )


@admin.register(ImportedOccurrence)
class ImportedOccurrenceAdmin(admin.ModelAdmin):
    list_display = (
        "summary",
        "subscription",
        "recurrence_id",
        "last_seen_at",
        "removed_upstream_at",
    )
    search_fields = ("uid", "summary")
    list_select_related = ("subscription__activity",)
    raw_id_fields = ("subscription", "session")
