"""The ideas' public pages for search engines, in both languages (declared in
contributions.py): the list, the map and every published idea (held and hidden ones are
not public)."""

from django.contrib.sitemaps import Sitemap

from samskab.core.sitemaps import NamedPagesSitemap
from samskab.ideas.models import Idea


class IdeaListSitemap(NamedPagesSitemap):
    url_names = ("ideas:list", "ideas:map")


class IdeaSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return (
            Idea.objects.published()
            .only("pk", "title", "created_at", "edited_at", "last_answered_at")
            .order_by("pk")
        )

    def lastmod(self, idea):
        return max(
            moment
            for moment in (idea.created_at, idea.edited_at, idea.last_answered_at)
            if moment is not None
        )


sitemaps = {"idea-list": IdeaListSitemap, "ideas": IdeaSitemap}
