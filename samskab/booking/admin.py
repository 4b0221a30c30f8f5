"""Read-mostly admin: staff can look things up (search by email, filter by status), but
every change to places goes through the services, so the admin offers only actions that
call them (cancelling bookings promotes the people waiting; cancelling a slot tells
everyone)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samskab.booking import services
from samskab.booking.errors import BookingError
from samskab.booking.models import Booking, Slot


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BookingInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Booking
    fields = ["sequence", "user", "guest_name", "guest_email", "status", "attendance"]
    readonly_fields = fields
    ordering = ["sequence", "pk"]
    extra = 0
    show_change_link = True


@admin.register(Slot)
class SlotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "starts_at", "capacity", "auto_confirm_waitlist", "cancelled_at"]
    list_filter = [
        ("cancelled_at", admin.EmptyFieldListFilter),
        "auto_confirm_waitlist",
        "content_type",
        "starts_at",
    ]
    date_hierarchy = "starts_at"
    list_select_related = ["content_type"]
    readonly_fields = [field.name for field in Slot._meta.fields]
    inlines = [BookingInline]
    actions = ["cancel_slots"]

    @admin.action(description=_("Cancel the selected slots and tell everyone signed up"))
    def cancel_slots(self, request, queryset):
        for slot in queryset:
            services.cancel_slot(
                slot=slot, reason=str(_("Cancelled by the administration.")), by=request.user
            )
        self.message_user(request, _("The slots are cancelled."), messages.SUCCESS)

    def get_actions(self, request):
        # The action changes data, so it needs the change permission the view itself lacks.
        actions = super().get_actions(request)
        if not request.user.has_perm("booking.change_slot"):
            actions.pop("cancel_slots", None)
        return actions


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "slot",
        "status",
        "sequence",
        "attendance",
        "created_at",
    ]
    list_filter = ["status", "attendance", ("user", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["guest_email", "guest_name", "user__email", "user__display_name"]
    list_select_related = ["slot", "slot__content_type", "user"]
    readonly_fields = [field.name for field in Booking._meta.fields if field.name != "token"]
    exclude = ["token"]
    actions = ["cancel_bookings"]

    @admin.action(description=_("Cancel the selected bookings (the next people waiting move up)"))
    def cancel_bookings(self, request, queryset):
        count = 0
        for booking in queryset:
            if not booking.is_active:
                continue
            try:
                services.cancel_booking(booking=booking)
            except BookingError as error:
                self.message_user(request, f"{booking}: {error.message}", messages.WARNING)
            else:
                count += 1
        self.message_user(
            request,
            ngettext("%(count)d booking cancelled.", "%(count)d bookings cancelled.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("booking.change_booking"):
            actions.pop("cancel_bookings", None)
        return actions
