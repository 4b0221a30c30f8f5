from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from samskab.results import services
from samskab.results.models import Indicator, InitiativeLink, Observation


class ManualFigureInline(admin.TabularInline):
    """The figures of an indicator measured elsewhere; built-in ones are computed."""

    model = Observation
    fields = ["period", "starts_on", "value", "base", "suppressed"]
    readonly_fields = ["suppressed"]
    extra = 1
    verbose_name = _("figure")
    verbose_name_plural = _("figures (for an indicator measured elsewhere)")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(dimension="")

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.is_built_in

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_built_in

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_built_in


class InitiativeLinkInline(admin.TabularInline):
    model = InitiativeLink
    fields = ["initiative", "baseline", "baseline_year", "target", "target_date", "drives_progress"]
    autocomplete_fields = ["initiative"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    """Built-in indicators come from the apps (their texts and figures cannot be changed
    here, only where they are shown); staff add the municipality's own figures as manual
    indicators."""

    list_display = ["__str__", "focus_area", "is_built_in", "is_published", "computed_at"]
    list_filter = ["focus_area", "is_published"]
    list_editable = ["is_published"]
    search_fields = ["slug", "title_da", "title_en"]
    readonly_fields = ["key", "method_version", "computed_at"]
    inlines = [InitiativeLinkInline, ManualFigureInline]

    @admin.display(boolean=True, description=_("built in"))
    def is_built_in(self, indicator):
        return indicator.is_built_in

    def get_inlines(self, request, obj):
        if obj is not None and obj.is_built_in:
            return [InitiativeLinkInline]
        return self.inlines

    def get_fields(self, request, obj=None):
        if obj is not None and obj.is_built_in:
            # Its texts are the app's, translated with the code.
            return [
                "key",
                "slug",
                "focus_area",
                "chart_period",
                "is_published",
                "order",
                "method_version",
                "computed_at",
            ]
        return super().get_fields(request, obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Observation:
            return super().save_formset(request, form, formset, change)
        for observation in formset.save(commit=False):
            services.record_figure(observation=observation)
        for observation in formset.deleted_objects:
            observation.delete()
        formset.save_m2m()
        return None
