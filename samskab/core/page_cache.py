"""Versioned cache entries, and whole pages kept for visitors who are not logged in.

A ``Scope`` is a family of cache entries that are forgotten together: every key includes
the scope's current *version*, and ``forget()`` gives the scope a new version, so every
older entry becomes unreachable at once (they expire on their own). Keys also include the
release (``core.release``), so entries made by an earlier release are never shown. Entries
also expire after the number of seconds a setting gives (0 turns the scope's cache off),
which bounds how stale an entry can be when the cache is local to one process (the default
LocMemCache: a change in one worker cannot bump another worker's version; with the shared
Redis cache, ``REDIS_URL``, a change is visible everywhere at once)::

    RESULTS = Scope("catalogue:results", setting="CATALOGUE_RESULTS_CACHE_SECONDS")
    key = RESULTS.key(language, query)        # None when the cache is off
    value = RESULTS.get(key)
    RESULTS.set(key, value)
    forget_on_change(RESULTS, "activities", "booking")   # when the apps are ready

A page kept for visitors is declared as a ``CachedPage`` in its app's ``contributions.py``
with the apps it shows; core then connects ``forget_on_change`` for it
(``samskab/core/extensions.py``).

**Tags: forgetting only what a change shows.** A change to most rows forgets every page of
the scopes that show the row's app. A busy model instead says which pages show it: its
``page_cache_tags()`` method returns *tags* ("activities.activity:12",
``tag(instance)``), and a page keyed with ``tags=`` (``Scope.key``, ``visitor_page_key``)
includes each tag's current version, so a change forgets exactly the pages and fragments
keyed with one of its tags. The contract of ``page_cache_tags()``: it returns a tag for
*every* kept page or fragment that shows the row (a booking: its session's activity page
and its organisation's page), or ``None`` when it cannot tell (a row half deleted), which
forgets the scopes as if the model had no tags. Reference lists, the vision and other rare
changes keep forgetting whole scopes. A page showing busy rows it cannot name before it is
built (a list of this week's activities) is keyed with ``varies_on=``: the scope the rows'
app forgets on every change of what such lists show (the catalogue's results), with the
places left filled in when the page is served (``core.extensions.PageFiller``).

Whole pages for visitors (``cache_visitor_page`` for a view, or ``visitor_page_key`` and
``visitor_page`` inside one) are only kept when nothing on them can differ between two such
visitors: a GET by someone not logged in, with no messages waiting, answered with 200, that
set no cookie and changed nothing in the session. Forms on a cached page still work: the
page is rendered with a placeholder for the CSRF token (views return a ``TemplateResponse``,
whose ``csrf_token`` is replaced), and each visitor's own token is put in its place when the
page is served. A page whose rendering used a real token anyway (e.g. a template rendered
with a context of its own) is served but never kept.
"""

import hashlib
import secrets
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.template.response import SimpleTemplateResponse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from samskab.core.release import release

# Longer addresses are served but not kept, so odd URLs cannot fill the cache.
CACHEABLE_ADDRESS_LENGTH = 1000
# The setting of the visitor pages of activities and organisations.
PUBLIC_PAGE_SECONDS = "PUBLIC_PAGE_CACHE_SECONDS"


def configured_seconds(name: str, default: int) -> int:
    """The Django setting ``name`` (settings/base.py reads it from the environment)."""
    from django.conf import settings

    value = getattr(settings, name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name} must be a whole number of seconds.") from None


class Scope:
    """Cache entries forgotten together. ``setting`` names the seconds they are kept."""

    def __init__(self, name: str, *, setting: str, default_seconds: int = 60):
        self.name = name
        self.setting = setting
        self.default_seconds = default_seconds
        self._version_key = f"{name}:version"

    def __repr__(self) -> str:
        return f"Scope({self.name!r})"

    def seconds(self) -> int:
        return configured_seconds(self.setting, self.default_seconds)

    def enabled(self) -> bool:
        return self.seconds() > 0

    def versions(self, tags=(), varies_on=()) -> tuple[str, list[str]]:
        """What every key of the scope includes, and the current version of each of
        ``tags`` (a change that forgets a tag gives it a new one), read in one cache round
        trip. The first is the release (``core.release``: a deploy never shows parts an
        earlier release made), the scope's version and those of the scopes ``varies_on``
        (other scopes whose forgetting forgets these entries too); a scope's version is
        shared by every release, so a change made on a server still running the old one
        during a deploy forgets the new release's entries too."""
        scopes = (self, *varies_on)
        found = _current_versions(
            [*(scope._version_key for scope in scopes), *(TAG_PREFIX + name for name in tags)]
        )
        return ".".join((release(), *found[: len(scopes)])), found[len(scopes) :]

    def _bump(self) -> None:
        cache.set(self._version_key, secrets.token_hex(8), None)

    def forget(self) -> None:
        """Make every entry of the scope unreachable: now, and again when the current
        transaction commits, since a request that read the old rows meanwhile may have
        stored them under the version given now. The commit bump is registered once per
        transaction, however many rows it changes (Django runs each registered callback)."""
        self._bump()
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            return
        # Django gives the connection a new list of commit callbacks at each commit and
        # rollback (also of a savepoint): a bump registered on this very list is pending.
        pending = connection.__dict__.setdefault("_page_cache_pending_bumps", {})
        if pending.get(self.name) is not connection.run_on_commit:
            pending[self.name] = connection.run_on_commit
            # robust: a cache error must not stop the other callbacks (emails) of the commit.
            transaction.on_commit(self._bump, robust=True)

    def key(self, *parts: str, tags=(), varies_on=()) -> str | None:
        """The key of the entry for these parts, or None when the scope's cache is off.
        With ``tags``, a change that forgets one of them makes the entry unreachable; with
        ``varies_on`` (scopes), forgetting one of those scopes does."""
        if not self.enabled():
            return None
        return self._key(*self.versions(tags, varies_on), parts=parts)

    def _key(self, version: str, versions, *, parts) -> str:
        digest = hashlib.sha256("\x1f".join((*parts, "\x1e", *versions)).encode()).hexdigest()
        return f"{self.name}:{version}:{digest}"

    def get(self, key: str | None):
        return cache.get(key) if key else None

    def set(self, key: str | None, value) -> None:
        if key:
            cache.set(key, value, self.seconds())


# --- tags ------------------------------------------------------------------------------

TAG_PREFIX = "page-tag:"


def tag(instance_or_model, pk=None) -> str:
    """The tag of one row: ``tag(activity)`` or ``tag(Activity, 12)`` →
    "activities.activity:12"."""
    if pk is None:
        pk = instance_or_model.pk
    return f"{instance_or_model._meta.label_lower}:{pk}"


def _current_versions(keys: list[str]) -> list[str]:
    """The version kept under each of ``keys``, in order, in one cache round trip (a second
    one only for keys never seen, which get a version)."""
    if not keys:
        return []
    found = cache.get_many(keys)
    missing = {key: secrets.token_hex(8) for key in keys if key not in found}
    if missing:
        # add(), so that two processes starting at once agree on one version.
        for key, version in missing.items():
            if not cache.add(key, version, None):
                missing[key] = cache.get(key, version)
        found.update(missing)
    return [found[key] for key in keys]


def _bump_tags(tags) -> None:
    cache.set_many({TAG_PREFIX + name: secrets.token_hex(8) for name in tags}, None)


def forget_tags(tags) -> None:
    """Make every entry keyed with one of ``tags`` unreachable: now, and again when the
    current transaction commits (as ``Scope.forget``)."""
    tags = set(tags)
    if not tags:
        return
    _bump_tags(tags)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    pending = connection.__dict__.setdefault("_page_cache_pending_tags", {})
    if pending.get("callbacks") is not connection.run_on_commit:
        # A new transaction (or savepoint): one commit callback bumps all its tags.
        pending["callbacks"] = connection.run_on_commit
        pending["tags"] = set()
        collected = pending["tags"]
        transaction.on_commit(lambda: _bump_tags(collected), robust=True)
    pending["tags"] |= tags


def fragment_version(scope: Scope, *, tags=()) -> str:
    """What a template fragment showing what ``scope`` and ``tags`` cover varies on, for
    Django's ``{% cache %}`` tag (with ``scope.seconds()`` as its timeout, 0 = not kept):
    any change that would forget the scope's pages, or one of the tags, gives a new
    version. The fragments are the parts of a page that are the same for everyone, so
    people who are logged in (whose pages are never kept whole) get them from the cache."""
    if not scope.enabled():
        return ""
    version, versions = scope.versions(tags)
    return ":".join([version, *versions, get_language() or ""])


def fragment_kept(name: str, *vary_on) -> bool:
    """Whether ``{% cache … name *vary_on %}`` (``vary_on`` ending with a
    ``fragment_version``) is in the cache, so a view reads what only that fragment shows
    when it is not. An empty version means fragments are not kept."""
    if not vary_on[-1]:
        return False
    return cache.get(make_template_fragment_key(name, vary_on)) is not None


def kept_filter_form(request, scope: Scope) -> dict:
    """What a list's template needs to keep its filter form as ``{% cache
    filter_form_seconds <name> filter_form_key %}``: how long (0: not kept) and what it
    varies on (the filters of the address, not its page number, and ``scope``'s version,
    which changes with what the form offers)."""
    query = query_key(request, drop=("page",))
    version = fragment_version(scope) if query is not None else ""
    return {
        "filter_form_seconds": scope.seconds() if version else 0,
        "filter_form_key": f"{version}:{query}",
    }


def kept_fragments(scope: Scope, items, *, parts, tags, render) -> list[str]:
    """The HTML of each of ``items`` (the cards of a list), each kept on its own in
    ``scope``, so a fragment shown on many pages (every search and filter that lists an
    activity) is built once. ``parts(item)``: what the fragment varies on besides the
    language (strings); ``tags(item)``: its tags; ``render(missing)``: the HTML of the
    items not kept, in their order ("" for one that is gone: shown, not kept). Three cache
    round trips whatever the number of items (the versions of the scope and the tags, the
    fragments, storing those rendered) and one ``render`` call; with the scope off,
    ``render(items)``."""
    items = list(items)
    if not items or not scope.enabled():
        return list(render(items)) if items else []
    item_tags = [list(tags(item)) for item in items]
    all_tags = list(dict.fromkeys(name for names in item_tags for name in names))
    version, all_versions = scope.versions(all_tags)
    versions = dict(zip(all_tags, all_versions, strict=True))
    language = get_language() or ""
    keys = [
        scope._key(version, [versions[name] for name in names], parts=(language, *parts(item)))
        for item, names in zip(items, item_tags, strict=True)
    ]
    found = cache.get_many(keys)
    missing = [index for index, key in enumerate(keys) if key not in found]
    if missing:
        rendered = list(render([items[index] for index in missing]))
        made = {keys[index]: html for index, html in zip(missing, rendered, strict=True)}
        # An empty fragment (its row is gone) is shown but not kept.
        cache.set_many({key: html for key, html in made.items() if html}, scope.seconds())
        found.update(made)
    return [found[key] for key in keys]


def rendered_fragments(
    scope: Scope,
    items,
    *,
    template_name: str,
    item_context,
    parts,
    tags,
    context=None,
    prepare=None,
) -> list[SafeString]:
    """``kept_fragments`` of one template rendered per item: the items not kept are
    rendered with ``context`` and ``item_context(item)`` (None: the item is gone, shown as
    ""), after ``prepare(missing)`` has read what they need in one go."""
    template = get_template(template_name)

    def render(missing):
        if prepare is not None:
            prepare(missing)
        return [
            template.render({**(context or {}), **extra})
            if (extra := item_context(item)) is not None
            else ""
            for item in missing
        ]

    fragments = kept_fragments(scope, items, parts=parts, tags=tags, render=render)
    return [mark_safe(html) for html in fragments]  # noqa: S308 (our templates' output)


def tags_of(instance) -> list[str] | None:
    """The tags a change of ``instance`` forgets, or None: forget the scopes showing it."""
    page_cache_tags = getattr(instance, "page_cache_tags", None)
    if page_cache_tags is None:
        return None
    tags = page_cache_tags()
    return None if tags is None else list(tags)


# --- forgetting on changes -------------------------------------------------------------


# The scopes that show each model's rows (forget_on_change fills it).
_scopes_showing: dict[type, list[Scope]] = {}


def forget_on_change(scope: Scope, *app_labels: str) -> None:
    """Forget ``scope`` whenever a row of any model of these apps is saved or deleted, or
    one of their many-to-many relations changes; for a model with ``page_cache_tags()``,
    forget only the entries keyed with the row's tags instead (see "Tags" above). Core calls
    it for every declared ``CachedPage``; a cache that is not a page calls it from its app's
    ``ready``. Connecting the same scope and model twice is harmless. Queryset ``update()``
    and bulk operations send no signals: their callers forget the scope themselves (or rely
    on the entries' expiry)."""
    from django.apps import apps

    for label in app_labels:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            scopes = _scopes_showing.setdefault(model, [])
            if scope not in scopes:
                scopes.append(scope)
            for signal_name, signal in (
                ("saved", post_save),
                ("deleted", post_delete),
                ("m2m", m2m_changed),
            ):
                signal.connect(
                    _changed,
                    sender=model,
                    dispatch_uid=f"page_cache:{model._meta.label}:{signal_name}",
                )


def _changed(sender, instance, action=None, raw=False, **kwargs):
    if action is not None and not action.startswith("post_"):
        return
    # A many-to-many change is the change of the row on whichever side it was made from.
    # Rows loaded raw (fixtures) may point to rows not loaded yet: no tags for them.
    tags = None if raw else tags_of(instance)
    if tags is None:
        for scope in _scopes_showing.get(sender, ()):
            scope.forget()
    else:
        forget_tags(tags)


# --- whole pages for visitors ------------------------------------------------------------


def query_key(request, *, drop=()) -> str | None:
    """The address's query string in a fixed order (the same filters in any order are one
    entry), without the parameters ``drop``; None when it is too long to keep, so odd
    addresses cannot fill the cache."""
    items = sorted(
        (key, value) for key, values in request.GET.lists() if key not in drop for value in values
    )
    query = urlencode(items)
    return query if len(query) <= CACHEABLE_ADDRESS_LENGTH else None


def _has_messages(request) -> bool:
    return hasattr(request, "_messages") and len(messages.get_messages(request)) > 0


def visitor_page_key(
    request,
    scope: Scope,
    *parts: str,
    tags=(),
    varies_on=(),
    allow_query: bool = False,
    allow_htmx: bool = False,
) -> str | None:
    """The key of this page for a visitor who is not logged in, or None when the page must
    be built for this request: not a GET, someone logged in, messages waiting, an htmx
    request (unless ``allow_htmx``: then the caller keys htmx requests apart and varies on
    their headers), a query string (unless ``allow_query``: then the caller puts what it
    uses of it in ``parts``), a very long address, or the scope's cache is off. The key
    includes the scheme, host, path and language, the versions of ``tags`` (a list, or
    a function returning one, called only when the page may be kept) and of the scopes
    ``varies_on`` (as ``Scope.key``; also a list or a function returning one)."""
    if request.method != "GET" or not scope.enabled():
        return None
    if request.user.is_authenticated or _has_messages(request):
        return None
    if getattr(request, "htmx", False) and not allow_htmx:
        return None
    if request.META.get("QUERY_STRING") and not allow_query:
        return None
    if len(request.path) > CACHEABLE_ADDRESS_LENGTH:
        return None
    if callable(tags):
        tags = tags()
    if callable(varies_on):
        varies_on = varies_on()
    return scope.key(
        request.scheme,
        request.get_host(),
        get_language() or "",
        request.path,
        *parts,
        tags=tags,
        varies_on=varies_on,
    )


def _placeholder() -> str:
    # Unpredictable, so content on the page cannot contain it to receive a visitor's token.
    return f"csrf-placeholder-{secrets.token_hex(16)}"


def _served(request, entry: dict) -> HttpResponse:
    content = entry["content"]
    placeholder = entry.get("csrf_placeholder")
    if placeholder and placeholder.encode() in content:
        content = content.replace(placeholder.encode(), get_token(request).encode())
    return HttpResponse(content, content_type=entry["content_type"])


def _keepable(request, response) -> bool:
    session = getattr(request, "session", None)
    storage = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and set(response.headers) <= {"Content-Type"}
        and not (session is not None and session.modified)
        and not getattr(storage, "added_new", False)
    )


def visitor_page(request, scope: Scope, key: str | None, build) -> HttpResponse:
    """The page from the cache when ``key`` has an entry; otherwise ``build()``'s response,
    kept under ``key`` when it can be (see the module's documentation). ``key`` None (see
    ``visitor_page_key``) always builds and keeps nothing."""
    if key is None:
        return build()
    entry = scope.get(key)
    if entry is not None:
        return _served(request, entry)

    placeholder = _placeholder()
    # get_token() sets this flag: it tells whether the rendering used a real token.
    token_was_used = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    try:
        response = build()
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.context_data = {**(response.context_data or {}), "csrf_token": placeholder}
            response.render()
        real_token_used = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    finally:
        used_while_building = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = token_was_used or used_while_building
    if not isinstance(response, HttpResponse) or response.streaming:
        return response
    entry = {
        "content": response.content,
        "content_type": response["Content-Type"],
        "csrf_placeholder": placeholder,
    }
    if not real_token_used and _keepable(request, response):
        scope.set(key, entry)
    if placeholder.encode() in response.content:
        response.content = response.content.replace(
            placeholder.encode(), get_token(request).encode()
        )
    return response


def cache_visitor_page(scope: Scope, *parts: str, tags=None, varies_on=()):
    """Decorate a view of a page that is the same for every visitor who is not logged in
    (see ``visitor_page_key``; addresses with a query string are not kept). Views with forms
    return a ``TemplateResponse`` so that the CSRF token can be filled in per visitor.
    ``tags(**view_kwargs)`` gives the page's tags from its address; ``varies_on``: scopes
    whose forgetting forgets the page too (or a function returning them)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            page_tags = (lambda: tags(**kwargs)) if tags is not None else ()
            key = visitor_page_key(request, scope, *parts, tags=page_tags, varies_on=varies_on)
            return visitor_page(request, scope, key, lambda: view(request, *args, **kwargs))

        return wrapper

    return decorator
