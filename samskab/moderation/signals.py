"""Signals for each moderation decision, so that notifications (and anything else) can hook
in without moderation knowing about them. Each is sent inside the transaction of the
decision (receivers that send something should enqueue it: ``core.tasks.enqueue``), with
``sender`` the item's model class and these keyword arguments:

- ``content_held``: ``item``, ``cause`` (a ``Cause``: first post, links, words). The item
  waits for staff before anyone else sees it.
- ``content_hidden``: ``item``, ``cause`` (``Cause.REPORTED`` when reports hid it
  automatically, ``Cause.STAFF`` for a decision), ``by`` (the staff member, or None when
  automatic), ``reason`` (what the author is told; "" when automatic).
- ``content_restored``: ``item``, ``by``, ``reason``, ``previous_state`` (a
  ``ModerationState``: ``HELD`` when a held item is published for the first time,
  ``HIDDEN`` when a hidden one comes back, ``PUBLISHED`` when staff keep a reported item).
"""

from django.dispatch import Signal

content_held = Signal()
content_hidden = Signal()
content_restored = Signal()
