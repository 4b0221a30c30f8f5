"""Certificates are read-only in the administration: they are issued by volunteers and
never edited; staff can look one up by its code."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samskab.certificates.codes import normalise_code
from samskab.certificates.models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("formatted_code", "volunteer", "language", "issued_at", "revoked_at")
    list_filter = ("language", "revocation_reason")
    search_fields = ("code",)
    readonly_fields = (
        "code",
        "volunteer",
        "language",
        "content",
        "content_hash",
        "issued_at",
        "revoked_at",
        "revocation_reason",
    )
    fields = readonly_fields

    @admin.display(description=_("verification code"), ordering="code")
    def formatted_code(self, certificate):
        return certificate.formatted_code

    def get_search_results(self, request, queryset, search_term):
        # Staff copy the code as printed ("K7QXM-4RPZA"); the stored code has no dash.
        return super().get_search_results(
            request, queryset, normalise_code(search_term) or search_term
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
