"""The outbox in the administration: what waits for the mail server, what was given up
on and why, and "send again"."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samskab.core import emails
from samskab.core.models import OutgoingEmail


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting")), ("given_up", _("Given up"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(gave_up_at__isnull=True)
        if self.value() == "given_up":
            return queryset.filter(gave_up_at__isnull=False)
        return queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "about", "attempts", "next_attempt_at", "gave_up_at"]
    list_filter = [StateFilter]
    search_fields = ["recipients", "about", "subject"]
    readonly_fields = [
        "about",
        "recipients",
        "subject",
        "created_at",
        "attempts",
        "next_attempt_at",
        "last_error",
        "gave_up_at",
    ]
    exclude = ["message"]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again now"), permissions=["change"])
    def send_again(self, request, queryset):
        count = emails.send_again(list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d email will be sent again now.",
                "%(count)d emails will be sent again now.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
