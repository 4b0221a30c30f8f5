"""What results add to the platform (see samskab/core/extensions.py): the background round
that computes every declared indicator, and the figures on the vision's pages."""

from samskab.core.extensions import Contributions, PeriodicTask, VisionSection
from samskab.results import conf, datasets, sections, services
from samskab.results.sitemaps import sitemaps

contributions = Contributions(
    periodic_tasks=(
        PeriodicTask(
            "results.compute",
            services.run_periodic_compute,
            "Update the open periods' figures of every indicator.",
            every=conf.compute_every(),
        ),
    ),
    vision_sections=(
        VisionSection(
            "front_page", "results/includes/front_page_section.html", sections.front_page, order=50
        ),
        VisionSection(
            "focus_area", "results/includes/focus_area_section.html", sections.focus_area, order=50
        ),
        VisionSection(
            "initiative", "results/includes/initiative_section.html", sections.initiative, order=50
        ),
    ),
    staff_manages=True,
    datasets=datasets.DATASETS,
    sitemaps=sitemaps,
)
