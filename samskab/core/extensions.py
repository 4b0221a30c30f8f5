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
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from decimal import Decimal
from importlib import import_module
from typing import Any, NamedTuple

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured

from samskab.core import page_cache

MODULE_NAME = "contributions"


@dataclass(frozen=True)
class PeriodicTask:
    """Background work the worker (``manage.py worker``) runs every minute, or every
    ``every`` (at least a minute). ``function()`` takes no arguments, returns how many
    things it did, and is safe to run on several machines at once: it claims its rows with
    a conditional UPDATE or a row lock. ``name`` is "<app>.<what>" and unique."""

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
class VisionSection:
    """A part an app adds to a page of the vision: ``page`` is "front_page", "focus_area"
    or "initiative". ``context(request, obj)`` (``obj``: None, the FocusArea or the
    Initiative) returns the template's context, or ``None`` to leave the section out, in a
    fixed number of queries. The template starts with an ``<h2>``. The vision's pages are
    kept whole for visitors (``vision.cached_pages``): ``shows`` names the apps whose rows
    the section shows besides its own, whose changes forget the kept pages; a section that
    shows busy rows, whose changes forget only their tags (``page_cache_tags()``), names in
    ``varies_on`` the ``page_cache.Scope`` its app forgets on every change of what it shows
    there (places left are filled in when served: ``PageFiller``)."""

    page: str
    template_name: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100
    shows: tuple[str, ...] = ()
    varies_on: tuple[Any, ...] = ()


@dataclass(frozen=True)
class PageFiller:
    """Something put into every HTML page as it is served, kept in a cache or not, so that
    a kept page need not be forgotten when it changes (the places left of activity cards:
    ``booking.places``). ``marker``: the bytes each place to fill starts with (pages
    without them are passed over); ``fill(content, response)`` returns the content filled
    in, in a fixed number of queries whatever the number of places. Run by
    ``core.middleware.PageFillersMiddleware``."""

    marker: bytes
    fill: Callable[[bytes, Any], bytes]


VISION_PAGES = ("front_page", "focus_area", "initiative")


@dataclass(frozen=True)
class NotificationKind:
    """Something people can be notified about (``samskab.notifications``). ``name`` is
    "<app>.<what>" and unique; ``label`` says it in the settings and in emails ("Answers
    to your ideas"). ``direct`` kinds concern the recipient themselves (an answer to their
    idea, a reply to their comment, their content hidden) and are emailed at once by
    default; the others (news on what they follow) go in a daily or weekly digest, as each
    person chooses."""

    name: str
    label: Any
    direct: bool = False


class Fact(NamedTuple):
    """One thing an indicator counts (see ``Indicator``). ``at`` is when it happened (an
    aware datetime: the period it falls in is found in local time). ``key`` names who or
    what it is about ("user:12", "guest:a@b.dk", "activity:7"): a key is counted once by
    the ``distinct`` and ``per_1000`` measures, and the number of distinct keys behind a
    figure decides whether it is too small to publish; a fact with key None stands for
    itself. ``amount`` is added up by ``sum``; ``hit`` is what ``share`` takes the share
    of. ``town`` (a Town's slug), ``age_group`` (an AgeGroup's slug) and ``language`` (a
    language code) place the fact in the indicator's breakdowns; "" when unknown."""

    at: datetime
    key: str | None = None
    amount: Decimal | int = 1
    hit: bool = True
    town: str = ""
    age_group: str = ""
    language: str = ""


INDICATOR_MEASURES = ("count", "distinct", "sum", "share", "per_1000")
INDICATOR_BREAKDOWNS = ("town", "age_group", "language")


@dataclass(frozen=True)
class Indicator:
    """A figure of the vision's results computed from the app's own data
    (``samskab.results``). ``facts(since, until)`` yields every ``Fact`` with ``since <=
    at < until`` (``since`` None: from the beginning), reading with a fixed number of
    queries whatever the count (iterate a ``values_list``). ``measure`` says how facts
    become a figure: ``count`` (facts), ``distinct`` (distinct keys), ``sum`` (amounts),
    ``share`` (per cent of facts that are hits) or ``per_1000`` (distinct keys per 1,000
    residents of the town, or of all towns for the total). ``breakdowns`` names the
    fields of ``Fact`` the app fills. ``definition`` tells a reader exactly what is
    counted, from which data. Change how it counts and raise ``version``, adding to
    ``changes`` one sentence per version after the first: figures are then computed
    afresh, and the change is shown beside them. ``slug`` is "<app>-<what>", unique."""

    slug: str
    title: Any
    definition: Any
    unit: Any
    measure: str
    facts: Callable[[datetime | None, datetime], Iterable[Fact]]
    breakdowns: tuple[str, ...] = ()
    version: int = 1
    changes: tuple[Any, ...] = ()

    def __post_init__(self):
        if self.measure not in INDICATOR_MEASURES:
            raise ValueError(f"measure must be one of {INDICATOR_MEASURES}, not {self.measure!r}")
        if set(self.breakdowns) - set(INDICATOR_BREAKDOWNS):
            raise ValueError(f"breakdowns must be among {INDICATOR_BREAKDOWNS}")
        if len(self.changes) != self.version - 1:
            raise ValueError(f"{self.slug}: one sentence in changes per version after the first")


LICENCES = ("CC0-1.0", "CC-BY-4.0")
# The EU's data themes (http://publications.europa.eu/resource/authority/data-theme).
DATA_THEMES = ("SOCI", "GOVE", "EDUC", "HEAL", "REGI")


@dataclass(frozen=True)
class Column:
    """One column of a ``Dataset``: ``name`` is its header in the files (lower case, ASCII,
    underscores: stable for programs), ``description`` says what it holds (shown on the
    data page and in the DCAT description)."""

    name: str
    description: Any


@dataclass(frozen=True)
class Dataset:
    """A public dataset the app publishes as open data (``samskab.opendata``: CSV, CSV for
    Danish Excel and JSON at ``/data/<slug>.…``, described on ``/data/`` and in DCAT-AP-DK).

    ``rows()`` yields one tuple per row, its values in the order of ``columns``: text,
    numbers (``int``, ``Decimal``, ``float``), ``bool``, ``date``, aware ``datetime`` or
    None. It reads with a fixed number of queries whatever the count, streaming: iterate
    ``values_list(...).iterator(chunk_size=...)`` (``core.opendata`` merges a many-to-many
    relation in without loading it). It yields only what the public pages show: nothing
    about a person who is not shown there, nothing of what is unpublished, held or hidden.
    ``modified()`` is when the data last changed (an aware datetime, a date, or None when
    it is not recorded), in one query; for data that changes by the minute (places left)
    it is the moment of reading. ``licence`` is "CC0-1.0" (statistics, the vision,
    the platform's own facts) or "CC-BY-4.0" (where a feed standard requires attribution).
    ``theme`` is one of the EU's data themes (``DATA_THEMES``). ``slug`` is the file name:
    lower case, unique. ``page`` (optional) names the URL of the public list it comes from."""

    slug: str
    title: Any
    description: Any
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[tuple]]
    modified: Callable[[], datetime | date | None]
    licence: str = "CC0-1.0"
    theme: str = "SOCI"
    keywords: tuple[Any, ...] = ()
    page: str = ""

    def __post_init__(self):
        if self.licence not in LICENCES:
            raise ValueError(f"{self.slug}: licence must be one of {LICENCES}")
        if self.theme not in DATA_THEMES:
            raise ValueError(f"{self.slug}: theme must be one of {DATA_THEMES}")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.slug):
            raise ValueError(f"{self.slug!r}: a slug is lower case letters, digits and dashes")
        names = [column.name for column in self.columns]
        if len(names) != len(set(names)) or not all(
            re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in names
        ):
            raise ValueError(f"{self.slug}: column names are unique, lower case, a-z0-9_")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


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
    - ``vision_sections``: parts of the vision's pages (``VisionSection``).
    - ``page_fillers``: what is filled into every HTML page when served (``PageFiller``).
    - ``notification_kinds``: what the app notifies people about (``NotificationKind``).
    - ``followable``: models ("app.Model") people may follow; a model may define
      ``is_visible_to(user)`` to keep hidden rows from being followed.
    - ``indicators``: figures of the vision's results computed from the app's data
      (``Indicator``).
    - ``datasets``: the app's public data as open data (``Dataset``).
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
    vision_sections: tuple[VisionSection, ...] = ()
    page_fillers: tuple[PageFiller, ...] = ()
    notification_kinds: tuple[NotificationKind, ...] = ()
    followable: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    datasets: tuple[Dataset, ...] = ()


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
    pages = {section.page for c in _declared.values() for section in c.vision_sections}
    if pages - set(VISION_PAGES):
        raise ImproperlyConfigured(f"No vision page is named {sorted(pages - set(VISION_PAGES))}.")
    kinds = [kind.name for c in _declared.values() for kind in c.notification_kinds]
    if len(kinds) != len(set(kinds)):
        raise ImproperlyConfigured(f"A notification kind is declared twice: {sorted(kinds)}")
    indicators = [indicator.slug for c in _declared.values() for indicator in c.indicators]
    if len(indicators) != len(set(indicators)):
        raise ImproperlyConfigured(f"An indicator is declared twice: {sorted(indicators)}")
    datasets = [dataset.slug for c in _declared.values() for dataset in c.datasets]
    if len(datasets) != len(set(datasets)):
        raise ImproperlyConfigured(f"A dataset is declared twice: {sorted(datasets)}")
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
