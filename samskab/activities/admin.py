"""Where municipal staff look after activities and the lists they are described by.

Organisers manage their activities, series and sessions in the site itself. Here staff can
correct an activity, keep the lists of towns, interests, age groups and languages, and look
sessions up. Everything that touches sign-ups goes through the services: deleting an
activity cancels its coming sessions first (everyone signed up is told), and cancelling
sessions is an action that calls the booking engine. Series and sessions are read-only,
because editing them here would bypass the regeneration that keeps sign-ups."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from samskab.activities import services
from samskab.activities.models import Activity, ActivitySchedule, ActivitySession
from samskab.booking.models import Booking, Slot


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActivityAdminForm(forms.ModelForm):
    """The admin builds the form's Meta from ActivityAdmin; this adds the rules the
    organisers' form has."""

    def clean(self):
        cleaned = super().clean()
        initiative = cleaned.get("initiative")
        focus_areas = cleaned.get("focus_areas")
        if not focus_areas:
            self.add_error("focus_areas", _("Choose at least one focus area."))
        elif initiative is not None and initiative.focus_area_id not in {
            area.pk for area in focus_areas
        }:
            self.add_error(
                "initiative", _("The initiative must belong to one of the focus areas you chose.")
            )
        return cleaned


class ScheduleInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ActivitySchedule
    fields = ("weekdays", "interval", "start_time", "end_time", "starts_on", "ends_on", "capacity")
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    form = ActivityAdminForm
    list_display = (
        "title",
        "organisation",
        "town",
        "participation",
        "is_free",
        "come_alone_welcome",
        "is_published",
    )
    list_filter = (
        "is_published",
        "participation",
        "is_free",
        "come_alone_welcome",
        "town",
        "focus_areas",
    )
    list_select_related = ("organisation", "town")
    search_fields = ("title_da", "title_en", "organisation__name", "place_name")
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("focus_areas", "interests", "age_groups", "languages")
    readonly_fields = ("is_free", "created_by", "created_at", "updated_at")
    inlines = [ScheduleInline]

    def get_deleted_objects(self, objs, request):
        # Sessions, series, slots and bookings are read-only in the admin, but deleting an
        # activity may take them along: the service cancels coming sessions and tells
        # everyone signed up before anything is deleted.
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        handled = {
            str(model._meta.verbose_name)
            for model in (ActivitySchedule, ActivitySession, Slot, Booking)
        }
        return deleted, model_count, perms_needed - handled, protected

    def delete_model(self, request, obj):
        services.delete_activity(activity=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for activity in queryset:
            services.delete_activity(activity=activity, by=request.user)


@admin.register(ActivitySchedule)
class ActivityScheduleAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("activity", "weekday_names", "start_time", "end_time", "starts_on", "ends_on")
    list_select_related = ("activity",)
    search_fields = ("activity__title_da", "activity__title_en")


@admin.register(ActivitySession)
class ActivitySessionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("activity", "starts_at", "ends_at", "schedule", "is_cancelled")
    list_filter = ("starts_at", "weekday")
    date_hierarchy = "starts_at"
    list_select_related = ("activity", "schedule", "schedule__activity")
    search_fields = ("activity__title_da", "activity__title_en", "activity__organisation__name")
    actions = ["cancel_sessions"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("booking_slots")

    @admin.display(boolean=True, description=_("cancelled"))
    def is_cancelled(self, session):
        return session.is_cancelled

    @admin.action(description=_("Cancel the selected sessions and tell everyone signed up"))
    def cancel_sessions(self, request, queryset):
        count = 0
        for session in queryset.select_related("activity", "schedule"):
            if session.is_cancelled:
                continue
            services.cancel_session(
                session=session,
                reason=str(_("Cancelled by the municipality's administration.")),
                by=request.user,
            )
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d session cancelled.", "%(count)d sessions cancelled.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("activities.change_activitysession"):
            actions.pop("cancel_sessions", None)
        return actions
