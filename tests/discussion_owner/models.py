"""A discussion that exists only in the tests, standing in for an idea: written by a
citizen (so it is moderated content) and with a comment thread (so it is a comment
target). Its app is installed only by ``samskab.settings.test``; its table comes from its
own migration, so production never has it."""

from django.conf import settings
from django.db import models

from samskab.comments.models import CommentableMixin
from samskab.moderation.models import ModeratedContent


class Discussion(CommentableMixin, ModeratedContent):
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # Who may read the thread: everyone, or (a draft) only the author.
    is_draft = models.BooleanField(default=False)
    # Whether the thread takes new comments.
    is_open = models.BooleanField(default=True)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/discussions/{self.pk}/"

    def moderation_excerpt(self):
        return f"{self.title}\n{self.text}"

    def comments_visible(self, user):
        return not self.is_draft or (user.is_authenticated and user.pk == self.author_id)

    def comments_open(self, user):
        return self.is_open
