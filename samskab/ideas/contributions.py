"""What ideas add to the platform (see samskab/core/extensions.py)."""

from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import (
    CachedPage,
    Contributions,
    NotificationKind,
    PeriodicTask,
    PersonalData,
    VisionSection,
)
from samskab.ideas import (
    cached_pages,
    datasets,
    indicators,
    personal_data,
    sections,
    services,
    signals,
)
from samskab.ideas.sitemaps import sitemaps

contributions = Contributions(
    ready=lambda app_config: signals.connect(),
    notification_kinds=(
        NotificationKind(
            "ideas.your_idea_answered", _("The municipality answers your idea"), direct=True
        ),
        NotificationKind("ideas.answered", _("Answers to ideas you follow")),
        NotificationKind("ideas.commented", _("New comments on ideas you follow")),
        NotificationKind("ideas.comment_on_yours", _("New comments on your ideas"), direct=True),
        NotificationKind(
            "ideas.your_idea_becomes_work", _("Your idea becomes volunteer work"), direct=True
        ),
        NotificationKind("ideas.helper_found", _("A helper says yes to your idea"), direct=True),
        NotificationKind(
            "ideas.help_wanted", _("An idea you offered to help becomes work"), direct=True
        ),
    ),
    periodic_tasks=(
        PeriodicTask(
            "ideas.record_done_work",
            services.record_done_work,
            "Give an initiative a milestone when an idea's volunteer work has taken place.",
        ),
    ),
    followable=("ideas.Idea",),
    cached_pages=(
        CachedPage(cached_pages.PAGES, shows=cached_pages.SHOWS, url_name="ideas:detail"),
    ),
    # Ideas forget their own tags, so the vision's pages showing them vary on the lists.
    vision_sections=(
        VisionSection(
            "front_page",
            "ideas/includes/latest_answers.html",
            sections.front_page,
            varies_on=(cached_pages.LISTS,),
        ),
        VisionSection(
            "focus_area",
            "ideas/includes/vision_section.html",
            sections.focus_area,
            varies_on=(cached_pages.LISTS,),
        ),
        VisionSection(
            "initiative",
            "ideas/includes/vision_section.html",
            sections.initiative,
            varies_on=(cached_pages.LISTS,),
        ),
    ),
    personal_data=PersonalData(
        "ideas",
        collect=personal_data.collect,
        forget=personal_data.forget,
        models=("ideas.Idea", "ideas.Support", "ideas.HelpOffer", "ideas.Answer"),
    ),
    staff_manages=True,
    indicators=indicators.INDICATORS,
    datasets=datasets.DATASETS,
    sitemaps=sitemaps,
)
