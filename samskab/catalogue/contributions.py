"""What the catalogue adds to the platform (see samskab/core/extensions.py). Its cached
result regions and pages are forgotten by its own signal handlers (signals.py), which also
keep its search entries up to date. This week's activities on the vision's front page and
focus area pages (sections.py) are forgotten with them."""

from samskab.catalogue import cache, sections, signals
from samskab.catalogue.sitemaps import sitemaps
from samskab.core.extensions import Contributions, VisionSection

contributions = Contributions(
    ready=signals.connect,
    sitemaps=sitemaps,
    vision_sections=tuple(
        VisionSection(
            page,
            sections.TEMPLATE,
            context,
            order=10,
            shows=sections.SHOWS,
            varies_on=(cache.RESULTS,),
        )
        for page, context in (
            ("front_page", sections.front_page),
            ("focus_area", sections.focus_area),
        )
    ),
)
