"""The results' public pages for search engines, in both languages (declared in
contributions.py): the overview, each focus area's results and each published indicator."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from samskab.core.sitemaps import NamedPagesSitemap
from samskab.results.models import Indicator
from samskab.vision.models import FocusArea


class ResultsSitemap(NamedPagesSitemap):
    changefreq = "weekly"
    url_names = ("results:overview",)


class FocusAreaResultsSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "daily"

    def items(self):
        return list(FocusArea.objects.order_by("order", "pk").values_list("slug", flat=True))

    def location(self, slug):
        return reverse("results:focus_area", kwargs={"slug": slug})


class IndicatorSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "daily"

    def items(self):
        return (
            Indicator.objects.published().order_by("order", "pk").only("pk", "slug", "computed_at")
        )

    def lastmod(self, indicator):
        return indicator.computed_at


sitemaps = {
    "results": ResultsSitemap,
    "results-focus-areas": FocusAreaResultsSitemap,
    "results-indicators": IndicatorSitemap,
}
