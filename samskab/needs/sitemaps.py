"""The needs' public pages for search engines, in both languages (declared in
contributions.py): the list near you and every need of an approved organisation that is
still to come. A need that is over or cancelled keeps its page for old links, but is not
worth finding any more."""

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from samskab.core.sitemaps import NamedPagesSitemap
from samskab.needs.models import Need


class NeedListSitemap(NamedPagesSitemap):
    url_names = ("needs:near_you",)


class NeedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return (
            Need.objects.public()
            .filter(ends_at__gt=timezone.now())
            .exclude(status=Need.Status.CANCELLED)
            .only("pk", "slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, need):
        return need.updated_at


sitemaps = {"need-list": NeedListSitemap, "needs": NeedSitemap}
