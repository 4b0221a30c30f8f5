"""Every way an app extends Samskab, declared in one place.

An app contributes by defining ``contributions`` in its own ``contributions.py``::

    # samskab/needs/contributions.py
    contributions = Contributions(
        periodic_tasks=(PeriodicTask("needs.send_due_alerts", send_due_alerts, "…"),),
        personal_data=PersonalData("needs", collect=collect, forget=forget,
                                   models=("needs.Need", "needs.NeedAlert")),
        manage_tabs=(ManageTab(_("Needs"), "needs:manage_list", order=45),),
        volunteer_work=("needs.Need",),
        staff_manages=True,
    )

When the app registry is ready, core imports ``contributions.py`` of every installed
Samskab app (``discover``) and checks what it finds. The owner of each extension point then
reads what was declared with ``declared(<field name>)``: nobody keeps a list of apps by
hand, so an app that is installed is also wired in, and one that is removed leaves nothing
behind. Each field's contract is written on its type below and in ``docs/extending.md``.

Core must not import the apps above it, so the declarations are plain data: callables and
dotted model labels, no objects of the owning apps.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured

from samskab.core import page_cache

MODULE_NAME = "contributions"


@dataclass(frozen=True)
class PeriodicTask:
    """Background work that ``manage.py run_tasks`` runs in every round (or at most once per
    ``every``). ``function()`` takes no arguments, returns how many things it did, and is
    safe to run on several machines at once: it claims its rows with a conditional UPDATE
    or a row lock. ``name`` is "<app>.<what>" and unique."""

    name: str
    function: Callable[[], int | None]
    description: str
    every: timedelta | None = None


@dataclass(frozen=True)
class PersonalData:
    """What the app stores about a person. ``collect(user)`` returns JSON-serialisable data
    for the "download my data" file, under ``section``; ``forget(user)`` (optional) deletes
    or anonymises what a foreign key's ``on_delete`` does not, and runs inside the
    transaction that deletes the account, before the user row goes. ``models`` names every
    model of the app ("app.Model") that points at a user: a test fails when one is missing,
    so a new model with a person's data cannot slip past the download and the deletion."""

    section: str
    collect: Callable[[Any], Any]
    forget: Callable[[Any], None] | None = None
    models: tuple[str, ...] = ()


@dataclass(frozen=True)
class ManageTab:
    """A tab on every organisation's management pages. ``url_name`` is reversed with
    ``kwargs={"slug": organisation.slug}``; ``requires`` is "coordinate" (administrators,
    coordinators and municipal staff) or "manage" (administrators and municipal staff). The
    tab is only a link: the view behind it checks the permission itself. It is the current
    tab when the request's view name is ``url_name`` or one of ``active_for``."""

    label: Any
    url_name: str
    order: int = 100
    requires: str = "coordinate"
    active_for: tuple[str, ...] = ()

    def __post_init__(self):
        if self.requires not in ("coordinate", "manage"):
            raise ValueError(f"requires must be 'coordinate' or 'manage', not {self.requires!r}")


@dataclass(frozen=True)
class OrganisationSection:
    """A part of the public organisation page. ``context(request, organisation)`` returns
    the template's context, or ``None`` to leave the section out; it must cost a fixed
    number of queries. ``shows`` names the apps whose rows the section shows: the cached
    organisation page is forgotten when any of them changes."""

    template_name: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100
    shows: tuple[str, ...] = ()


@dataclass(frozen=True)
class CachedPage:
    """A page kept whole for visitors (``core.page_cache``). ``scope`` is its
    ``page_cache.Scope``; ``shows`` names every app whose rows the page shows (or is a
    function returning them, for a page made of parts other apps contribute), and any save,
    delete or many-to-many change in those apps forgets the page at once. ``url_name`` names
    the page; a test renders each declared page and fails if it reads a table of an app not
    in ``shows``."""

    scope: Any
    shows: tuple[str, ...] | Callable[[], tuple[str, ...]]
    url_name: str = ""

    def data_sources(self) -> tuple[str, ...]:
        shows = self.shows() if callable(self.shows) else self.shows
        return tuple(dict.fromkeys(shows))


@dataclass(frozen=True)
class Contributions:
    """Everything one app adds to the platform; every field is optional.

    - ``ready(app_config)``: called once when the apps are ready (connect signal handlers).
    - ``periodic_tasks``: background work (``PeriodicTask``).
    - ``personal_data``: the app's part of the data download and account deletion.
    - ``manage_tabs``, ``organisation_sections``: organisation management and public pages.
    - ``volunteer_work``: models ("app.Model") volunteers turn up for, checked in by QR and
      credited as hours (``volunteering.work.VolunteerWorkMixin``).
    - ``staff_manages``: municipal staff may add, change and delete the app's models in the
      administration.
    - ``cached_pages``: pages kept for visitors and the apps whose changes forget them.
    - ``sitemaps``: ``{"name": SitemapClass}`` added to ``/sitemap.xml``.
    - ``volunteer_engagements``: lookup paths from ``booking.Booking`` to a row with
      ``involves_children`` and ``organisation``; bookings along them count for the
      børneattest rule (``childsafety``).
    """

    ready: Callable[[AppConfig], None] | None = None
    periodic_tasks: tuple[PeriodicTask, ...] = ()
    personal_data: PersonalData | None = None
    manage_tabs: tuple[ManageTab, ...] = ()
    organisation_sections: tuple[OrganisationSection, ...] = ()
    volunteer_work: tuple[str, ...] = ()
    staff_manages: bool = False
    cached_pages: tuple[CachedPage, ...] = ()
    sitemaps: dict[str, type] = field(default_factory=dict)
    volunteer_engagements: tuple[str, ...] = ()


EXTENSION_POINTS = tuple(f.name for f in fields(Contributions) if f.name != "ready")

_declared: dict[str, Contributions] = {}
_discovered = False


def samskab_apps() -> list[AppConfig]:
    """The installed Samskab apps, in ``INSTALLED_APPS`` order."""
    return [config for config in apps.get_app_configs() if config.name.startswith("samskab.")]


def discover() -> None:
    """Import every Samskab app's ``contributions.py``, check it and run its ``ready``.
    Called once from ``CoreConfig.ready``."""
    global _discovered
    if _discovered:
        return
    for config in samskab_apps():
        try:
            module = import_module(f"{config.name}.{MODULE_NAME}")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{MODULE_NAME}":
                raise
            continue
        contributions = getattr(module, "contributions", None)
        if not isinstance(contributions, Contributions):
            raise ImproperlyConfigured(
                f"{config.name}.{MODULE_NAME} must define `contributions = Contributions(...)`."
            )
        _declared[config.label] = contributions
    _check()
    _discovered = True
    for _, page in declared("cached_pages"):
        page_cache.forget_on_change(page.scope, *page.data_sources())
    for label, contributions in list(_declared.items()):
        if contributions.ready is not None:
            contributions.ready(apps.get_app_config(label))


def _check() -> None:
    names = [task.name for c in _declared.values() for task in c.periodic_tasks]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ImproperlyConfigured(f"A periodic task is already named {sorted(duplicates)}.")
    sections = [c.personal_data.section for c in _declared.values() if c.personal_data]
    if len(sections) != len(set(sections)):
        raise ImproperlyConfigured(f"Personal data sections declared twice: {sections}")


def contributions_of(label: str) -> Contributions:
    return _declared.get(label, Contributions())


def declared(point: str) -> list[tuple[str, Any]]:
    """``(app label, item)`` for every item declared for ``point`` (a field name of
    ``Contributions``), in ``INSTALLED_APPS`` order. Single-valued points (``personal_data``,
    ``staff_manages``) give one item per app that declared one."""
    if point not in EXTENSION_POINTS:
        raise ValueError(f"No extension point named {point!r}; see {EXTENSION_POINTS}.")
    items: list[tuple[str, Any]] = []
    for label, contributions in _declared.items():
        value = getattr(contributions, point)
        if isinstance(value, dict):
            items.extend((label, item) for item in value.items())
        elif isinstance(value, tuple):
            items.extend((label, item) for item in value)
        elif value:
            items.append((label, value))
    return items


@contextlib.contextmanager
def contributed(label: str, contributions: Contributions) -> Iterator[None]:
    """For tests: pretend the app ``label`` declared ``contributions`` (replacing what it
    declared) while the block runs."""
    previous = _declared.get(label)
    _declared[label] = contributions
    try:
        yield
    finally:
        if previous is None:
            _declared.pop(label, None)
        else:
            _declared[label] = previous
