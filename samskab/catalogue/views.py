"""The catalogue (a list: the accessible primary view) and the same results on a map.

Both read their filters from the URL. Without JavaScript the filter form submits as a
plain GET; with it, htmx sends the same GET as filters change and these views answer with
the results region only (``HX-Target``), which htmx swaps in and pushes to the address bar.
A history restore (back button after htmx navigation) gets the whole page.

Rendered result regions are cached per language and address (see cache.py), with the filter
form of a whole page (neither shows anything personal, so people who are logged in get them
from the cache too), so popular searches cost one cache read, and so are whole pages for
visitors who are not logged in
(``samskab.core.page_cache``); any change to activities or sessions makes every cached
region and page unreachable at once. The places left on the cards are filled in when the
page is served (``booking.places``), so sign-ups do not.
"""

import functools
import json
from datetime import timedelta
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from samskab.activities import cards
from samskab.booking import places
from samskab.catalogue import cache, selectors, services
from samskab.catalogue.filters import CatalogueFilter
from samskab.core import maps, page_cache
from samskab.core.formatting import local_datetime

RESULTS_ID = "catalogue-results"
MAP_RESULTS_ID = "catalogue-map-results"


def _wants_region(request, region_id: str) -> bool:
    htmx = request.htmx
    return bool(htmx) and not htmx.history_restore_request and htmx.target == region_id


def _status_text(count: int, *, capped: bool = False) -> str:
    total = {"count": number_format(count, force_grouping=True)}
    if capped:
        return _("More than %(count)s activities match.") % total
    return ngettext("%(count)s activity matches.", "%(count)s activities match.", count) % total


def _filters(request):
    lists = selectors.reference_lists()
    return CatalogueFilter(request.GET, lists=lists)


def date_presets(request) -> dict[str, str]:
    """Addresses of the quick date choices: today and the next seven days, with the other
    filters of this address (empty ones and the page left out)."""
    today = timezone.localdate()
    kept = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in ("date_from", "date_to", "page")
        for value in values
        if value.strip()
    ]

    def address(first, last):
        query = [*kept, ("date_from", first.isoformat()), ("date_to", last.isoformat())]
        return f"{request.path}?{urlencode(query)}"

    return {
        "today": address(today, today),
        "week": address(today, today + timedelta(days=selectors.THIS_WEEK_DAYS - 1)),
    }


def _form_context(request, filterset, *, action: str, results_id: str) -> dict:
    return {
        "filterset": filterset,
        "form": filterset.form,
        "criteria": filterset.criteria,
        "languages": filterset.lists.languages,
        "presets": date_presets(request),
        "form_action": action,
        "results_id": results_id,
    }


def _cached_region(request, kind: str, build, *, filters=None):
    """The rendered region (``{"html", "status"}``) for this address, from the cache or
    built by ``build()``. A region built now also has ``places_now``: the places left it
    shows, read in this request (so filling them in needs no second query).

    ``filters()``, for a whole page: the filter form's HTML, kept in the same entry (it
    shows nothing personal, so people who are logged in get it from the cache too), as
    ``region["filters"]``. The entry is per day: the form's quick dates are."""
    query = page_cache.query_key(request)
    key = (
        cache.results_key(get_language() or "", kind, query, timezone.localdate().isoformat())
        if query is not None
        else None
    )
    region = cache.get_results(key)
    if region is None:
        services.refresh_ended_next_sessions_if_due()
        region = build()
        kept = {name: region[name] for name in ("html", "status")}
    elif filters is None or "filters" in region:
        return region
    else:
        kept = region  # kept by a request for the region alone, which had no form
    if filters is not None:
        region["filters"] = kept["filters"] = filters()
    cache.store_results(key, kept)
    return region


def _filters_html(request, filterset, *, action: str, results_id: str) -> str:
    return render_to_string(
        "catalogue/includes/filter_form.html",
        _form_context(request, filterset, action=action, results_id=results_id),
    )


def tidy_url(request) -> str:
    """This address without empty fields and without the order when it is the default, for
    the address bar after htmx submitted the whole form."""
    near = request.GET.get("near", "").strip()
    default_order = "nearest" if near else "soonest"
    items = [
        (key, value)
        for key, values in request.GET.lists()
        for value in values
        if value.strip() and not (key == "sort" and value == default_order)
    ]
    return f"{request.path}?{urlencode(items)}" if items else request.path


def _region_response(request, region: dict, status_id: str) -> HttpResponse:
    status = format_html(
        '<p id="{}" class="sr-only" role="status" data-hx-swap-oob="true">{}</p>',
        status_id,
        region["status"],
    )
    presets = render_to_string(
        "catalogue/includes/date_presets.html",
        {"presets": date_presets(request), "oob": True},
    )
    response = HttpResponse(region["html"] + status + presets)
    response["HX-Push-Url"] = tidy_url(request)
    return response


def _page_key(request, kind: str) -> str | None:
    """The cache key of the whole page for a visitor who is not logged in and has no
    messages waiting (their page has nothing personal: no name, no form token), or None."""
    query = page_cache.query_key(request)
    if query is None:
        return None
    return page_cache.visitor_page_key(
        request, cache.RESULTS, kind, "page", query, allow_query=True, allow_htmx=True
    )


def _vary_on_htmx(response):
    patch_vary_headers(response, ["HX-Request", "HX-Target", "HX-History-Restore-Request"])
    return response


def index(request):
    if _wants_region(request, RESULTS_ID):
        response = _index_response(request, wants_region=True)
    else:
        response = page_cache.visitor_page(
            request,
            cache.RESULTS,
            _page_key(request, "list"),
            lambda: _index_response(request, wants_region=False),
        )
    # Kept regions and pages carry markers for the places left, filled in when served
    # (booking.places), so that sign-ups need not forget them.
    return _vary_on_htmx(response)


def _index_response(request, *, wants_region: bool) -> HttpResponse:
    # Read the filters only when something is built: a kept region and form need neither.
    filterset = functools.cache(lambda: _filters(request))

    def build():
        criteria = filterset().criteria
        now = timezone.now()
        result = selectors.catalogue_page(criteria, page=request.GET.get("page"), now=now)
        loaded = []  # the activities of the cards not kept, read for them

        def load(entries):
            loaded.extend(selectors.entry_activities(entries, criteria, now=now))
            return loaded

        shown = cards.kept_cards(
            result.entries, load=load, heading_level=3, places_filled_when_served=True
        )
        for entry, card in zip(result.entries, shown, strict=True):
            entry.card = card
        notices = list(filterset().notices)
        if result.page_was_adjusted:
            notices.append(
                _("There is no page %(asked)s, so we show page %(shown)s.")
                % {"asked": request.GET.get("page", "")[:20], "shown": result.page.number}
            )
        html = render_to_string(
            "catalogue/includes/results.html",
            {
                "result": result,
                "page": result.page,
                "page_range": result.page.paginator.get_elided_page_range(
                    result.page.number, on_each_side=1, on_ends=1
                ),
                "criteria": criteria,
                "notices": notices,
                "map_url": _with_query(reverse("catalogue:map"), request, drop=("page",)),
                "results_id": RESULTS_ID,
            },
            request,
        )
        places_now = {
            slot.pk: places.text(slot)
            for activity in loaded
            if activity.next_session and (slot := activity.next_session.booking_slot)
        }
        return {
            "html": html,
            "status": _status_text(result.count, capped=result.count_capped),
            "places_now": places_now,
        }

    def filters():
        return _filters_html(
            request, filterset(), action=reverse("catalogue:index"), results_id=RESULTS_ID
        )

    region = _cached_region(request, "list", build, filters=None if wants_region else filters)
    if wants_region:
        response = _region_response(request, region, "catalogue-status")
    else:
        response = render(
            request,
            "catalogue/index.html",
            {
                "results_id": RESULTS_ID,
                # Both rendered by our templates.
                "filters_html": mark_safe(region["filters"]),  # noqa: S308
                "results_html": mark_safe(region["html"]),  # noqa: S308
            },
        )
    response.places_now = region.get("places_now")
    return response


def _with_query(path: str, request, *, drop=()) -> str:
    items = [
        (key, value) for key, values in request.GET.lists() if key not in drop for value in values
    ]
    return f"{path}?{urlencode(items)}" if items else path


def map_view(request):
    wants_region = _wants_region(request, MAP_RESULTS_ID)
    if wants_region:
        response = _map_response(request, wants_region)
    else:
        # The tile server is part of the page, so pages cached before a change of it are not
        # used.
        response = page_cache.visitor_page(
            request,
            cache.RESULTS,
            _page_key(request, f"map {maps.tile_origin()}"),
            lambda: _map_response(request, wants_region),
        )
        # Only the map page may load images from the tile server.
        maps.allow_tiles(response)
    return _vary_on_htmx(response)


def _map_response(request, wants_region: bool) -> HttpResponse:
    filterset = functools.cache(lambda: _filters(request))

    def build():
        data = selectors.map_markers(filterset().criteria)
        markers = [
            {**marker, "when": local_datetime(marker.pop("starts_at"))}
            if marker.get("starts_at")
            else {**marker, "when": ""}
            for marker in data.markers
        ]
        html = render_to_string(
            "catalogue/includes/map_results.html",
            {
                "data": data,
                "markers_json": json.dumps(markers, cls=DjangoJSONEncoder),
                "notices": filterset().notices,
                "list_url": _with_query(reverse("catalogue:index"), request),
                "results_id": MAP_RESULTS_ID,
            },
            request,
        )
        return {"html": html, "status": _status_text(data.count)}

    def filters():
        return _filters_html(
            request, filterset(), action=reverse("catalogue:map"), results_id=MAP_RESULTS_ID
        )

    region = _cached_region(request, "map", build, filters=None if wants_region else filters)
    if wants_region:
        return _region_response(request, region, "catalogue-map-status")
    return render(
        request,
        "catalogue/map.html",
        {
            "results_id": MAP_RESULTS_ID,
            # Both rendered by our templates.
            "filters_html": mark_safe(region["filters"]),  # noqa: S308
            "results_html": mark_safe(region["html"]),  # noqa: S308
            "list_url": _with_query(reverse("catalogue:index"), request),
            "map_settings": maps.settings(selectors.reference_lists().towns),
        },
    )
