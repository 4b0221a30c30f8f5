"""How a model with a comment thread describes itself to the comments mechanism.

A target is any model that mixes in ``samskab.comments.models.CommentableMixin`` (an
idea, a proposal, an initiative). Only such models can be commented on: an address naming
another model answers 404. The comments app never imports the target's app; it calls:

- ``comments_visible(user) -> bool``: may ``user`` (perhaps anonymous) read the thread?
  False for a draft or anything the person may not see; the thread's pages then answer
  404. Default: True.
- ``comments_open(user) -> bool``: may ``user`` write comments and replies now? Called
  with an anonymous user too, to decide whether the thread invites visitors to log in
  (posting always needs an active account, whatever this says). Default: True; a target
  closes its thread by returning False (an idea that was implemented, archived).
- ``get_absolute_url() -> str``: the page that includes the thread
  (``{% include "comments/thread.html" with target=... %}``); links back to the thread
  and to a page of it (``?comments_page=N#comments``) go there.

Deleting a target deletes its thread (the mixin's generic relation cascades).
"""

from typing import Protocol, runtime_checkable

from django.contrib.contenttypes.models import ContentType

from samskab.comments.models import CommentableMixin


@runtime_checkable
class CommentTarget(Protocol):
    def comments_visible(self, user) -> bool: ...

    def comments_open(self, user) -> bool: ...

    def get_absolute_url(self) -> str: ...


def is_commentable(model) -> bool:
    return model is not None and issubclass(model, CommentableMixin)


def target_for(content_type_id: int, object_id: int):
    """The target named in an address, or None (unknown, or not commentable)."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    if not is_commentable(model):
        return None
    return model._default_manager.filter(pk=object_id).first()


def content_type_id_of(target) -> int:
    return ContentType.objects.get_for_model(target, for_concrete_model=False).pk


def can_read(target, user) -> bool:
    return target is not None and bool(target.comments_visible(user))


def can_post(target, user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and can_read(target, user)
        and bool(target.comments_open(user))
    )
