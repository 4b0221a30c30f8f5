"""Visiting friends in the administration, for support. Coordinators work in the site."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from samskab.visiting.models import VisitingProgramme, VisitMatch, VisitOffer, VisitRequest


@admin.register(VisitingProgramme)
class VisitingProgrammeAdmin(TranslationAdmin):
    list_display = ("organisation", "is_active", "created_at")
    list_filter = ("is_active",)
    raw_id_fields = ("organisation",)


@admin.register(VisitRequest)
class VisitRequestAdmin(admin.ModelAdmin):
    list_display = ("person_name", "programme", "town", "status", "created_at")
    list_filter = ("status", "relation")
    search_fields = ("person_name", "requested_by__email")
    list_select_related = ("programme__organisation", "town")
    raw_id_fields = ("programme", "requested_by")
    filter_horizontal = ("interests", "languages")


@admin.register(VisitOffer)
class VisitOfferAdmin(admin.ModelAdmin):
    list_display = ("profile", "programme", "status", "capacity", "created_at")
    list_filter = ("status",)
    search_fields = ("profile__user__email", "profile__user__display_name")
    list_select_related = ("profile__user", "programme__organisation")
    raw_id_fields = ("programme", "profile")


@admin.register(VisitMatch)
class VisitMatchAdmin(admin.ModelAdmin):
    list_display = ("request", "offer", "status", "proposed_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("request", "offer__profile__user")
    raw_id_fields = ("request", "offer", "proposed_by")
    readonly_fields = ("citizen_token_hash", "volunteer_token_hash")
