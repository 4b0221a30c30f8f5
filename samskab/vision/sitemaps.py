from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from samskab.vision.models import FocusArea, Initiative


class FrontPageSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"
    priority = 1.0

    def items(self):
        return ["vision:front_page"]

    def location(self, item):
        return reverse(item)


class FocusAreaSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return FocusArea.objects.order_by("order", "pk").only("pk", "slug")


class InitiativeSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Initiative.objects.order_by("pk").only("pk", "slug")


sitemaps = {
    "front": FrontPageSitemap,
    "focus_areas": FocusAreaSitemap,
    "initiatives": InitiativeSitemap,
}
