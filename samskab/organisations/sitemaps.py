"""Public organisation pages for search engines, in both languages. Added to the project's
sitemap in samskab/urls.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from samskab.organisations.selectors import public_organisations


class OrganisationListSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "daily"

    def items(self):
        return ["organisations:list"]

    def location(self, item):
        return reverse(item)


class OrganisationSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"

    def items(self):
        return public_organisations().only("slug", "updated_at").order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at


sitemaps = {"organisation-list": OrganisationListSitemap, "organisations": OrganisationSitemap}
