from django.apps import AppConfig


class DiscussionOwnerConfig(AppConfig):
    """Test-only: a stand-in for an idea, a proposal or an initiative, for the tests of
    moderation and comments. Installed only by ``samskab.settings.test``, so production
    never has its table."""

    name = "tests.discussion_owner"
    label = "discussion_owner"
    default_auto_field = "django.db.models.BigAutoField"
