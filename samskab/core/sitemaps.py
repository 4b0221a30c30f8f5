from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    """Fixed pages, listed once per language with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["core:accessibility", "core:privacy", "core:cookies"]

    def location(self, item):
        return reverse(item)
