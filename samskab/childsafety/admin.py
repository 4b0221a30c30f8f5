"""Statuses in the administration, for support: staff can correct one or delete it. The
attest itself is never stored anywhere."""

from django.contrib import admin

from samskab.childsafety.models import AttestStatus


@admin.register(AttestStatus)
class AttestStatusAdmin(admin.ModelAdmin):
    list_display = ("volunteer", "organisation", "state", "needed_from", "approved_on")
    list_filter = ("state", "rule")
    search_fields = ("volunteer__email", "volunteer__display_name", "organisation__name")
    list_select_related = ("volunteer", "organisation")
    raw_id_fields = ("volunteer", "organisation", "updated_by")
    readonly_fields = ("volunteer_notified_at", "created_at", "updated_at")
