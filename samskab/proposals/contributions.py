"""What citizen proposals add to the platform (see samskab/core/extensions.py)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import (
    Contributions,
    NotificationKind,
    PeriodicTask,
    PersonalData,
    VisionSection,
)
from samskab.proposals import datasets, indicators, personal_data, sections, services
from samskab.proposals.sitemaps import sitemaps

contributions = Contributions(
    notification_kinds=(
        NotificationKind(
            "proposals.yours", _("News of citizen proposals you wrote or stand behind"), direct=True
        ),
        NotificationKind("proposals.followed", _("News of citizen proposals you follow")),
        NotificationKind(
            "proposals.invited_to_sign",
            _("An idea you support becomes a citizen proposal"),
            direct=True,
        ),
    ),
    periodic_tasks=(
        PeriodicTask(
            "proposals.end_collections",
            services.end_collections,
            "End the collection of proposals whose time is up without enough signatures.",
        ),
        PeriodicTask(
            "proposals.delete_old_identities",
            services.delete_old_identities,
            "Delete signers' identity hashes a while after their proposal ended.",
            every=timedelta(hours=1),
        ),
    ),
    followable=("proposals.Proposal",),
    vision_sections=(
        VisionSection("initiative", "proposals/includes/vision_section.html", sections.initiative),
    ),
    personal_data=PersonalData(
        "proposals",
        collect=personal_data.collect,
        forget=personal_data.forget,
        models=(
            "proposals.Proposal",
            "proposals.CoProposer",
            "proposals.Signature",
            "proposals.Event",
            "proposals.TextFix",
        ),
    ),
    staff_manages=True,
    indicators=indicators.INDICATORS,
    datasets=datasets.DATASETS,
    sitemaps=sitemaps,
)
