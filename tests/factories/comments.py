import factory

from samskab.comments.models import Comment
from tests.discussion_owner.models import Discussion
from tests.factories.accounts import UserFactory


class DiscussionFactory(factory.django.DjangoModelFactory):
    """The comments' and moderation's stand-in target (the test app
    ``tests.discussion_owner``): a published discussion anyone may read and comment on."""

    class Meta:
        model = Discussion

    title = factory.Sequence(lambda n: f"Flere bænke ved Fanø-færgen {n}")
    text = "Der mangler steder at sidde, mens man venter."
    author = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    """A published comment on a discussion, made directly (no screening, no signal): for
    threads the tests read. ``parent=`` makes it a reply on the parent's target."""

    class Meta:
        model = Comment

    target = factory.LazyAttribute(
        lambda o: o.parent.target if o.parent is not None else DiscussionFactory()
    )
    parent = None
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Godt forslag, jeg er enig ({n}).")
