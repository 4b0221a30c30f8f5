"""The visiting friends' public page for search engines, in both languages (declared in
contributions.py)."""

from samskab.core.sitemaps import NamedPagesSitemap


class VisitingSitemap(NamedPagesSitemap):
    changefreq = "weekly"
    url_names = ("visiting:index",)


sitemaps = {"visiting": VisitingSitemap}
