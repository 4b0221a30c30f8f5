"""The data page for search engines, in both languages (declared in contributions.py)."""

from samskab.core.sitemaps import NamedPagesSitemap


class OpenDataSitemap(NamedPagesSitemap):
    changefreq = "weekly"
    url_names = ("opendata:catalogue",)


sitemaps = {"opendata": OpenDataSitemap}
