"""Public volunteering pages for search engines, in both languages: the opportunity list
and every published opportunity of an approved organisation. To be added to the project's
sitemap in samskab/urls.py (``sitemaps.update(volunteering_sitemaps)``)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from samskab.volunteering.models import Opportunity


class OpportunityListSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "daily"

    def items(self):
        return ["volunteering:list"]

    def location(self, item):
        return reverse(item)


class OpportunitySitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "daily"

    def items(self):
        return Opportunity.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, opportunity):
        return opportunity.updated_at


sitemaps = {
    "volunteering-list": OpportunityListSitemap,
    "volunteering-opportunities": OpportunitySitemap,
}
