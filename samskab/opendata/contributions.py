"""What open data adds to the platform (see samskab/core/extensions.py): its page in the
sitemap. The datasets themselves are declared by the apps whose data they are."""

from samskab.core.extensions import Contributions
from samskab.opendata.sitemaps import sitemaps

contributions = Contributions(sitemaps=sitemaps)
