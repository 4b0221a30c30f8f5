"""Every public activity page for search engines, in both languages (declared in
contributions.py)."""

from django.contrib.sitemaps import Sitemap

from samskab.activities.models import Activity


class ActivitySitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return Activity.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, activity):
        return activity.updated_at


sitemaps = {"activities": ActivitySitemap}
