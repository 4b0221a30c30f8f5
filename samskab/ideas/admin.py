from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from samskab.ideas.models import AnswerStatus, Idea


@admin.register(AnswerStatus)
class AnswerStatusAdmin(TranslationAdmin):
    list_display = ["name", "meaning", "order"]
    list_editable = ["order"]


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "supports_count", "comments_count", "created_at"]
    list_filter = ["status", "focus_areas"]
    search_fields = ["title", "text"]
    readonly_fields = ["author", "supports_count", "comments_count", "answered_at", "created_at"]
    exclude = ["search_vector", "search_text"]
