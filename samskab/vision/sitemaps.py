from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class FrontPageSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["vision:front_page"]

    def location(self, item):
        return reverse(item)


sitemaps = {"front": FrontPageSitemap}
