"""The dataset site's description of the feeds (OpenActive Dataset Site specification): a
schema.org ``Dataset`` with one ``DataDownload`` per feed, embedded as JSON-LD in the
dataset page, so OpenActive's registry and data users find the feeds and their licence."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from samskab.core.emails import absolute_url
from samskab.openactive import conf
from samskab.openactive.models import Kind

SCHEMA_VERSION = "https://openactive.io/modelling-opportunity-data/2.0/"
DOCUMENTATION = "https://permalink.openactive.io/dataset-site/open-data-documentation"
RPDE_FORMAT = "application/vnd.openactive.rpde+json; version=1"

FEED_URL_NAMES = {
    Kind.SESSION_SERIES: "openactive:session_series_feed",
    Kind.SCHEDULED_SESSION: "openactive:scheduled_sessions_feed",
}


def feed_url(kind: str, *, base_url: str | None = None) -> str:
    """The feed's address, without a language prefix (the data is the same in both)."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse(FEED_URL_NAMES[kind]), base_url=base_url)


def dataset_json_ld(*, page_url: str, base_url: str, summaries, name: str, description: str):
    """The Dataset; ``page_url`` is this page's address, ``base_url`` the site's."""
    last_changes = [
        summary.last_published for summary in summaries.values() if summary.last_published
    ]
    data = {
        "@context": "https://openactive.io/",
        "@type": "Dataset",
        "@id": page_url,
        "url": page_url,
        "name": name,
        "description": description,
        "keywords": ["Aktiviteter", "Fællesskaber", "Foreninger", settings.MUNICIPALITY_NAME],
        "license": conf.license_url(),
        "discussionUrl": getattr(settings, "OPENACTIVE_DISCUSSION_URL", "")
        or f"{page_url}#kontakt",
        "documentation": DOCUMENTATION,
        "inLanguage": [settings.LANGUAGE_CODE],
        "schemaVersion": SCHEMA_VERSION,
        "publisher": {
            "@type": "Organization",
            "name": settings.MUNICIPALITY_NAME,
            "url": base_url,
            "email": settings.MUNICIPALITY_CONTACT_EMAIL,
        },
        "distribution": [
            {
                "@type": "DataDownload",
                "name": kind,
                "additionalType": f"https://openactive.io/{kind}",
                "encodingFormat": RPDE_FORMAT,
                "contentUrl": feed_url(kind, base_url=base_url),
                "identifier": kind,
            }
            for kind in Kind.values
        ],
    }
    if last_changes:
        data["dateModified"] = timezone.localtime(max(last_changes)).isoformat(timespec="seconds")
    return data
