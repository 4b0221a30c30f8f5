"""Where municipal staff keep the list of skills and look volunteering up.

Coordinators run opportunities, shifts and hours in the site itself, where every change goes
through the services (and the booking engine for places). Here staff may correct an
opportunity's texts and facts; shifts, hours and messages are read-only, because editing
them here would bypass the engine and the approval rules. Opportunities are not deleted
here: deleting would silently drop people's sign-ups (unpublish instead). Volunteer profiles
are not shown at all: organisations see only what a volunteer shares by signing up, and
staff have no need to browse them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from samskab.volunteering.models import HoursEntry, Opportunity, Shift, VolunteerMessage


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Opportunity)
class OpportunityAdmin(TranslationAdmin):
    list_display = ("title", "organisation", "kind", "town", "from_home", "is_published")
    list_filter = ("kind", "is_published", "from_home", "involves_children", "focus_areas")
    search_fields = ("title_da", "title_en", "organisation__name")
    list_select_related = ("organisation", "town")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("contact_person", "created_by")
    filter_horizontal = ("focus_areas", "skills", "interests", "languages")
    readonly_fields = ("created_at", "updated_at")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Shift)
class ShiftAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("opportunity", "starts_at", "ends_at", "closed_at")
    list_filter = ("opportunity__organisation",)
    search_fields = ("opportunity__title_da", "opportunity__organisation__name")
    list_select_related = ("opportunity",)
    date_hierarchy = "starts_at"
    exclude = ("check_in_secret",)


@admin.register(HoursEntry)
class HoursEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("date", "organisation", "opportunity", "hours", "source", "status")
    list_filter = ("source", "status")
    search_fields = ("organisation__name",)
    list_select_related = ("organisation", "opportunity")
    date_hierarchy = "date"
    exclude = ("person_key",)


@admin.register(VolunteerMessage)
class VolunteerMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("subject", "organisation", "opportunity", "recipient_count", "sent_at")
    search_fields = ("subject", "organisation__name")
    list_select_related = ("organisation", "opportunity")
    readonly_fields = ("sent_at",)
    fieldsets = (
        (
            _("Message"),
            {
                "fields": (
                    "organisation",
                    "opportunity",
                    "shift",
                    "sent_by",
                    "subject",
                    "body",
                    "recipient_count",
                    "sent_at",
                )
            },
        ),
    )
