"""The citizen proposals' public pages for search engines, in both languages (declared in
contributions.py): the list and every proposal from the start of its collection."""

from django.contrib.sitemaps import Sitemap

from samskab.core.sitemaps import NamedPagesSitemap
from samskab.proposals.models import PUBLIC_STATUSES, Proposal


class ProposalListSitemap(NamedPagesSitemap):
    url_names = ("proposals:list",)


class ProposalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return (
            Proposal.objects.filter(status__in=PUBLIC_STATUSES).only("pk", "title").order_by("pk")
        )


sitemaps = {"proposal-list": ProposalListSitemap, "proposals": ProposalSitemap}
