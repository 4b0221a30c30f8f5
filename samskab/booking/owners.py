"""How the apps that own slots describe themselves to the booking engine.

An owner is any model instance a ``Slot`` points to (``slot.owner``): an activity session,
a volunteer shift. The engine does not import those apps; it calls these methods, which
``samskab.booking.models.SlotOwnerMixin`` provides with defaults:

- ``booking_title() -> str``: what was booked ("Knitting café", "Carry chairs").
  Called with the recipient's language active, so translated fields read correctly.
- ``booking_url() -> str``: the owner's page, a path such as ``/aktiviteter/12/`` (also
  called with the recipient's language active, so ``reverse()`` gives that language's URL).
- ``booking_place() -> str``: where, in one line ("Ribe Bibliotek, Sct. Nicolaj Gade 14").
- ``booking_organiser() -> str``: who organises it, in one line.
- ``booking_can_manage(user) -> bool``: may this user see the roster, mark attendance,
  change places and cancel the slot? (The owner knows its organisations and roles.)
- ``booking_sign_up_open() -> bool``: may the public find and use the engine's sign-up
  page for it? False for drafts, hidden or unapproved items (the page then answers 404).

Two more, optional (``SlotOwnerMixin`` gives the defaults; the engine copes without them):

- ``booking_roster_url() -> str``: the organisers' page with the slot's roster, where the
  engine's attendance view goes back to (default: the engine's own ``booking:manage_slot``).
- ``booking_mark_attendance(booking, attended, by) -> Booking``: record attendance the
  owner's way (volunteer work also credits the hours); default: the engine's
  ``services.mark_attendance``. Raises the engine's ``AttendanceNotAllowed``.
- ``booking_page_cache_tags() -> list[str] | None``: the tags (``core.page_cache``) of every
  kept page that shows the slot's places left, so that a booking forgets only those pages.
  Without it, a booking forgets every kept page of the scopes that show the booking app.

The engine's screens for organisers serve every owner: one attendance view
(``booking:mark_attendance``, permission from ``booking_can_manage``), one roster include
(``booking/includes/roster.html``, whose blocks an owner's template may fill) and one
sign-up-state selector (``selectors.signup_states`` / ``owner_signup_states``).

To give an owner a slot, call ``services.create_slot(owner=..., ...)``. To list owners with
their places left in a fixed number of queries, prefetch ``selectors.slots_prefetch()``.
"""

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.urls import reverse
from django.utils.translation import gettext


@runtime_checkable
class SlotOwner(Protocol):
    def booking_title(self) -> str: ...

    def booking_url(self) -> str: ...

    def booking_place(self) -> str: ...

    def booking_organiser(self) -> str: ...

    def booking_can_manage(self, user) -> bool: ...

    def booking_sign_up_open(self) -> bool: ...


@dataclass(frozen=True)
class SlotDescription:
    """What emails and pages say about a slot, in the language active when it was made."""

    title: str
    url: str
    place: str
    organiser: str


def describe_slot(slot) -> SlotDescription:
    """Ask the slot's owner to describe itself. An owner deleted meanwhile, or one that does
    not implement the protocol, still gives a usable description rather than an error."""
    owner = slot.owner
    if owner is None or not isinstance(owner, SlotOwner):
        return SlotDescription(title=gettext("Booked session"), url="", place="", organiser="")
    return SlotDescription(
        title=str(owner.booking_title()),
        url=str(owner.booking_url() or ""),
        place=str(owner.booking_place() or ""),
        organiser=str(owner.booking_organiser() or ""),
    )


def sign_up_open(slot) -> bool:
    """May the public use the engine's sign-up page for this slot?"""
    owner = slot.owner
    return owner is not None and isinstance(owner, SlotOwner) and owner.booking_sign_up_open()


def can_manage_slot(slot, user) -> bool:
    """Object-level permission for the roster and the organiser's actions on a slot."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    owner = slot.owner
    return owner is not None and isinstance(owner, SlotOwner) and owner.booking_can_manage(user)


def roster_url(slot) -> str:
    """The organisers' page with the slot's roster: the owner's, or the engine's own."""
    owner = slot.owner
    url = getattr(owner, "booking_roster_url", None) if owner is not None else None
    return (url() if url is not None else "") or reverse("booking:manage_slot", args=[slot.pk])


def mark_attendance(booking, *, attended: bool | None, by):
    """Record attendance through the booking's owner (which may do more, such as crediting
    a volunteer's hours), or through the engine when the owner has no way of its own.
    Who may mark is the caller's check (``can_manage_slot``)."""
    owner = booking.slot.owner
    record = getattr(owner, "booking_mark_attendance", None) if owner is not None else None
    if record is None:
        from samskab.booking import services

        return services.mark_attendance(booking=booking, attended=attended, by=by)
    return record(booking, attended=attended, by=by)
