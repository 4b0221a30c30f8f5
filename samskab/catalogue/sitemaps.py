"""The catalogue and its map for search engines, in both languages (declared in
contributions.py); the activities themselves are the activities app's."""

from samskab.core.sitemaps import NamedPagesSitemap


class CatalogueSitemap(NamedPagesSitemap):
    priority = 0.9
    url_names = ("catalogue:index", "catalogue:map")


sitemaps = {"catalogue": CatalogueSitemap}
