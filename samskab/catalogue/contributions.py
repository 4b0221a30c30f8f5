"""What the catalogue adds to the platform (see samskab/core/extensions.py). Its cached
result regions and pages are forgotten by its own signal handlers (signals.py), which also
keep its search entries up to date."""

from samskab.catalogue import signals
from samskab.catalogue.sitemaps import sitemaps
from samskab.core.extensions import Contributions

contributions = Contributions(ready=signals.connect, sitemaps=sitemaps)
