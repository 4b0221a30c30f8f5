"""The two RPDE feeds, the published form of one item, and the dataset page."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskab.core.emails import absolute_url
from samskab.core.jsonld import ld_json_script
from samskab.openactive import conf, selectors
from samskab.openactive import dataset as dataset_site
from samskab.openactive.models import FeedItem, Kind

# RPDE's advice: a page with items never changes for the reader who asked for it (later
# changes to its items appear further on), so caches may keep it; the last page, where new
# items appear, only for a few seconds.
PAGE_WITH_ITEMS_CACHE = "public, max-age=3600"
LAST_PAGE_CACHE = "public, max-age=8"


def _bad_request(message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=400)
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _position(request) -> tuple[int, int] | None:
    timestamp, item_id = request.GET.get("afterTimestamp"), request.GET.get("afterId")
    if timestamp is None and item_id is None:
        return None
    if timestamp is None or item_id is None:
        raise ValueError("afterTimestamp and afterId go together.")
    try:
        return int(timestamp), int(item_id)
    except ValueError:
        raise ValueError("afterTimestamp and afterId are whole numbers.") from None


def _next_url(request, position: tuple[int, int] | None) -> str:
    address = request.build_absolute_uri(request.path)
    if position is None:
        return address
    modified, item_id = position
    return f"{address}?{urlencode({'afterTimestamp': modified, 'afterId': item_id})}"


@require_GET
def feed(request, kind: str):
    """An RPDE page: the next ``OPENACTIVE_PAGE_SIZE`` items after the position asked for.
    ``next`` continues after the last item; on the last page (no items) it is this page."""
    try:
        position = _position(request)
    except ValueError as error:
        return _bad_request(str(error))
    items = selectors.feed_page(kind, after=position, limit=conf.page_size())
    if items:
        position = (items[-1].modified, items[-1].item_id)
    body = "".join(
        (
            '{"next":',
            json.dumps(_next_url(request, position)),
            ',"items":[',
            ",".join(item.item_json for item in items),
            '],"license":',
            json.dumps(conf.license_url()),
            "}",
        )
    )
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = PAGE_WITH_ITEMS_CACHE if items else LAST_PAGE_CACHE
    return response


@require_GET
def item(request, kind: str, pk: int):
    """The item's data as last published (what its ``@id`` names)."""
    published = selectors.published_item(kind, pk)
    if published is None or published.state != FeedItem.State.UPDATED:
        raise Http404
    data = json.loads(published.item_json)["data"]
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/ld+json; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def dataset(request):
    """The dataset site: what the feeds hold, where they are, the licence, with the Dataset
    JSON-LD OpenActive's registry reads."""
    summaries = selectors.feed_summaries()
    base_url = request.build_absolute_uri("/").rstrip("/")
    page_url = request.build_absolute_uri(request.path)
    json_ld = dataset_site.dataset_json_ld(
        page_url=page_url,
        base_url=base_url,
        summaries=summaries,
        # The registry shows these as they are: in the data's language, Danish.
        name=f"{settings.MUNICIPALITY_NAME}: Samskab",
        description=(
            "Fællesskaber og aktiviteter med fysisk aktivitet, som foreninger i kommunen "
            "tilbyder, og hver enkelt gang de finder sted."
        ),
    )
    feeds = [
        {
            "kind": kind,
            "title": title,
            "url": dataset_site.feed_url(kind, base_url=base_url),
            "summary": summaries[kind],
        }
        for kind, title in (
            (Kind.SESSION_SERIES, _("Activities (SessionSeries)")),
            (Kind.SCHEDULED_SESSION, _("Dates (ScheduledSession)")),
        )
    ]
    return render(
        request,
        "openactive/dataset.html",
        {
            "feeds": feeds,
            "json_ld": ld_json_script(json_ld),
            "license_url": conf.license_url(),
            "page_size": conf.page_size(),
            "retention_days": conf.tombstone_retention().days,
            "site_url": absolute_url("/", base_url=base_url),
        },
    )
