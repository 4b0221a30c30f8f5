"""Municipal staff can review organisations in the admin as well as on the site; approving
and rejecting go through the same services, so the requester is emailed either way."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from samskab.organisations import services
from samskab.organisations.models import Invitation, Membership, Organisation
from samskab.organisations.services import OrganisationError


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        had_administrator = any(
            form.initial.get("role") == Membership.Role.ADMINISTRATOR for form in self.forms
        )
        keeps_administrator = any(
            form.cleaned_data.get("role") == Membership.Role.ADMINISTRATOR
            and not form.cleaned_data.get("DELETE")
            for form in self.forms
            if hasattr(form, "cleaned_data")
        )
        if had_administrator and not keeps_administrator:
            raise ValidationError(_("An organisation must always have at least one administrator."))


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipInlineFormSet
    raw_id_fields = ["user"]
    readonly_fields = ["created_at"]
    extra = 0


class InvitationInline(admin.TabularInline):
    model = Invitation
    fields = [
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        help_text=_("Sent to the person who registered each organisation."),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
    )


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "type", "town", "status", "created_at"]
    list_filter = ["status", "type", "focus_areas"]
    search_fields = ["name", "town", "contact_name", "contact_email"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus_areas"]
    readonly_fields = [
        "status",
        "rejection_reason",
        "reviewed_by",
        "reviewed_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "type", "description", "focus_areas", "logo"]}),
        (
            _("Public contact details"),
            {
                "fields": [
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "street",
                    "postcode",
                    "town",
                    "website",
                ]
            },
        ),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "reviewed_by",
                    "reviewed_at",
                    "created_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [MembershipInline, InvitationInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["approve_selected", "reject_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by", "reviewed_by")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve the selected organisations"), permissions=["change"])
    def approve_selected(self, request, queryset):
        approved = 0
        for organisation in queryset:
            try:
                services.organisation_approve(
                    organisation=organisation,
                    reviewed_by=request.user,
                    base_url=request.build_absolute_uri("/"),
                )
            except OrganisationError as error:
                self.message_user(request, error.message, messages.WARNING)
            else:
                approved += 1
        if approved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d organisation approved; the requester has been emailed.",
                    "%(count)d organisations approved; the requesters have been emailed.",
                    approved,
                )
                % {"count": approved},
                messages.SUCCESS,
            )

    @admin.action(description=_("Reject the selected organisations"), permissions=["change"])
    def reject_selected(self, request, queryset):
        """Ask for a reason first (an intermediate page), then reject each organisation."""
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            rejected = 0
            for organisation in queryset:
                try:
                    services.organisation_reject(
                        organisation=organisation,
                        reviewed_by=request.user,
                        reason=form.cleaned_data["reason"],
                        base_url=request.build_absolute_uri("/"),
                    )
                except OrganisationError as error:
                    self.message_user(request, error.message, messages.WARNING)
                else:
                    rejected += 1
            if rejected:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d organisation rejected; the requester has been emailed.",
                        "%(count)d organisations rejected; the requesters have been emailed.",
                        rejected,
                    )
                    % {"count": rejected},
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject organisations"),
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/organisations/organisation/reject_selected.html", context
        )
