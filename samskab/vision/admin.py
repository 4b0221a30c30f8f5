"""Where municipal staff run the vision. Every change to an initiative goes through
services.py, so parents' progress is recomputed for admin edits too."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from samskab.vision import selectors, services
from samskab.vision.models import (
    Ambition,
    FocusArea,
    Initiative,
    InitiativeStatus,
    Milestone,
    ResultStory,
    Vision,
)


def _progress_text(progress):
    if progress is None:
        return gettext("No initiatives yet")
    return gettext("%(progress)s%% complete") % {"progress": progress}


class AmbitionInline(TranslationStackedInline):
    model = Ambition
    extra = 0
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Vision)
class VisionAdmin(TranslationAdmin):
    list_display = ("title", "adopted_on")
    search_fields = ("title_da", "title_en")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [AmbitionInline]


@admin.register(Ambition)
class AmbitionAdmin(TranslationAdmin):
    list_display = ("title", "vision", "order")
    list_filter = ("vision",)
    list_select_related = ("vision",)
    search_fields = ("title_da", "title_en", "text_da", "text_en")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(FocusArea)
class FocusAreaAdmin(TranslationAdmin):
    list_display = ("title", "vision", "order", "overall_progress")
    list_filter = ("vision",)
    list_select_related = ("vision",)
    search_fields = ("title_da", "title_en", "summary_da", "summary_en")
    prepopulated_fields = {"slug": ("title",)}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(selectors.main_initiatives_prefetch())

    @admin.display(description=_("overall progress"))
    def overall_progress(self, obj):
        return _progress_text(selectors.overall_progress(obj.main_initiatives))


@admin.register(InitiativeStatus)
class InitiativeStatusAdmin(TranslationAdmin):
    list_display = ("name", "default_progress", "order")
    search_fields = ("name_da", "name_en")
    prepopulated_fields = {"slug": ("name",)}


class MilestoneInline(TranslationTabularInline):
    model = Milestone
    extra = 0
    fields = ("date", "title", "description", "reached")


class ResultStoryInlineFormSet(BaseInlineFormSet):
    """A story added on an initiative belongs to the initiative's focus area."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.instance.focus_area_id = self.instance.focus_area_id


class ResultStoryInline(TranslationStackedInline):
    model = ResultStory
    formset = ResultStoryInlineFormSet
    extra = 0
    fields = ("year", "headline", "text", "figure", "unit", "order")


class LevelFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [("main", _("Main initiatives")), ("sub", _("Sub-initiatives"))]

    def queryset(self, request, queryset):
        if self.value() == "main":
            return queryset.filter(parent__isnull=True)
        if self.value() == "sub":
            return queryset.filter(parent__isnull=False)
        return queryset


class ChangeStatusForm(forms.Form):
    status = forms.ModelChoiceField(
        label=_("New status"),
        queryset=InitiativeStatus.objects.all(),
        help_text=_(
            "Initiatives without sub-initiatives get the status's default progress. The "
            "progress of initiatives above them is recomputed."
        ),
    )


@admin.register(Initiative)
class InitiativeAdmin(TranslationAdmin):
    list_display = ("title", "focus_area", "parent", "status", "progress_text", "weight")
    list_filter = ("focus_area", "status", LevelFilter)
    list_select_related = ("focus_area", "parent", "status")
    ordering = ("focus_area__order", "focus_area", "order", "pk")
    search_fields = (
        "title_da",
        "title_en",
        "description_da",
        "description_en",
        "department_da",
        "department_en",
        "slug",
    )
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ("focus_area", "parent", "title", "slug", "description")}),
        (
            _("Status and progress"),
            {"fields": ("status", "progress", "weight", "start_date", "end_date")},
        ),
        (_("Responsibility and order"), {"fields": ("department", "order")}),
    ]
    inlines = [MilestoneInline, ResultStoryInline]
    actions = ["change_status"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Initiative.objects.select_related("focus_area").order_by(
                "focus_area__order", "order", "pk"
            )
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda initiative: f"{initiative.focus_area}: {initiative}"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.children.exists():
            # Computed from the sub-initiatives (services.recompute_progress_upwards).
            readonly.append("progress")
        return readonly

    @admin.display(description=_("progress"), ordering="progress")
    def progress_text(self, obj):
        return _progress_text(obj.progress)

    def save_model(self, request, obj, form, change):
        services.initiative_save(
            initiative=obj, progress_is_explicit="progress" in form.changed_data
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is ResultStory:
            for story_form in formset.forms:
                story_form.instance.focus_area_id = form.instance.focus_area_id
        super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        services.initiative_delete(initiative=obj)

    def delete_queryset(self, request, queryset):
        services.initiatives_delete(initiatives=queryset)

    @admin.action(
        description=_("Change status of the selected initiatives"), permissions=["change"]
    )
    def change_status(self, request, queryset):
        if "apply" in request.POST:
            form = ChangeStatusForm(request.POST)
            if form.is_valid():
                status = form.cleaned_data["status"]
                count = services.initiatives_set_status(initiatives=queryset, status=status)
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d initiative now has the status “%(status)s”.",
                        "%(count)d initiatives now have the status “%(status)s”.",
                        count,
                    )
                    % {"count": count, "status": status},
                    messages.SUCCESS,
                )
                return None
        else:
            form = ChangeStatusForm()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Change status"),
            "subtitle": None,
            "opts": self.model._meta,
            "form": form,
            "initiatives": queryset.select_related("status"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action_name": "change_status",
        }
        return TemplateResponse(request, "admin/vision/initiative/change_status.html", context)


@admin.register(ResultStory)
class ResultStoryAdmin(TranslationAdmin):
    list_display = ("headline", "year", "focus_area", "initiative", "figure", "unit")
    list_filter = ("year", "focus_area")
    list_select_related = ("focus_area", "initiative")
    search_fields = ("headline_da", "headline_en", "text_da", "text_en")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "initiative":
            kwargs["queryset"] = Initiative.objects.select_related("focus_area").order_by(
                "focus_area__order", "order", "pk"
            )
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda initiative: f"{initiative.focus_area}: {initiative}"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
