"""Staff look comments up here (search, filter by state). Hiding and publishing go through
the moderation inbox, which tells the author and keeps the record; nobody at the
municipality rewrites what a citizen wrote, so everything here is read-only. Deleting
(for a takedown the inbox cannot do) removes the comment with its replies."""

from django.contrib import admin

from samskab.comments.models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "author",
        "target_type",
        "target_id",
        "is_official",
        "moderation_state",
        "created_at",
    ]
    list_filter = ["moderation_state", "is_official", "stance", "target_type", "created_at"]
    search_fields = ["text", "author__email", "author__display_name"]
    date_hierarchy = "created_at"
    list_select_related = ["author", "target_type"]
    raw_id_fields = ["author", "parent"]
    readonly_fields = [
        "text",
        "stance",
        "is_official",
        "author",
        "target_type",
        "target_id",
        "parent",
        "created_at",
        "edited_at",
        "deleted_at",
        "moderation_state",
        "moderation_cause",
        "moderation_reason",
        "moderated_at",
        "moderated_by",
        "review_requested_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
