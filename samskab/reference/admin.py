from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from samskab.reference.models import AgeGroup, Interest, Language, Skill, Town


@admin.register(Town)
class TownAdmin(admin.ModelAdmin):
    list_display = ("name", "postcode", "residents", "latitude", "longitude")
    search_fields = ("name", "postcode")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Interest)
class InterestAdmin(TranslationAdmin):
    list_display = ("name", "slug", "order")
    search_fields = ("name_da", "name_en", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(AgeGroup)
class AgeGroupAdmin(TranslationAdmin):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Language)
class LanguageAdmin(TranslationAdmin):
    list_display = ("name", "native_name", "code", "order")
    search_fields = ("name_da", "name_en", "native_name", "code")


@admin.register(Skill)
class SkillAdmin(TranslationAdmin):
    list_display = ("name", "slug", "order")
    search_fields = ("name_da", "name_en", "slug")
    prepopulated_fields = {"slug": ("name",)}
