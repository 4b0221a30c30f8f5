"""What the vision adds to the platform (see samskab/core/extensions.py)."""

from samskab.core.extensions import CachedPage, Contributions
from samskab.vision import cached_pages, datasets
from samskab.vision.sitemaps import sitemaps

contributions = Contributions(
    sitemaps=sitemaps,
    staff_manages=True,
    datasets=datasets.DATASETS,
    cached_pages=tuple(
        CachedPage(cached_pages.PAGES, shows=cached_pages.vision_page_shows, url_name=name)
        for name in ("vision:front_page", "vision:focus_area", "vision:initiative")
    ),
)
