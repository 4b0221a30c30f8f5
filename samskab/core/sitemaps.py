from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class NamedPagesSitemap(Sitemap):
    """Pages without an object (lists, maps, landing pages), named by ``url_names``; each
    listed once per language with hreflang alternates. An app declares a subclass in its
    ``contributions.py`` (``sitemaps``)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"
    url_names: tuple[str, ...] = ()

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)


class StaticPagesSitemap(NamedPagesSitemap):
    """Fixed pages."""

    changefreq = "monthly"
    url_names = ("core:accessibility", "core:privacy", "core:cookies")
