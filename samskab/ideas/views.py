"""Thin views: read through selectors, write through services, check who may act."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.accounts.roles import is_municipal_staff
from samskab.core import limits, maps, page_cache
from samskab.core.errors import ServiceError
from samskab.core.view_helpers import add_service_error
from samskab.ideas import cached_pages, cards, conf, selectors, services
from samskab.ideas.forms import (
    AnswerForm,
    HelpOfferForm,
    IdeaFilterForm,
    IdeaForm,
    filter_options,
)
from samskab.ideas.models import AnswerStatus
from samskab.vision.models import FocusArea

PROPOSALS = (limits.Limit("ideas.propose", "10/h", per=limits.USER),)
SUPPORTS = (limits.Limit("ideas.support", "120/h", per=limits.USER),)
HELP_OFFERS = (limits.Limit("ideas.offer_help", "20/h", per=limits.USER),)
# The map's region that htmx swaps when the filters change (new markers and summary).
MAP_RESULTS_ID = "ideas-map-results"


def _idea_or_404(request, pk):
    idea = selectors.idea(pk, request.user)
    if idea is None:
        raise Http404
    return idea


def _filter_form(request, towns=None) -> IdeaFilterForm:
    return IdeaFilterForm(
        request.GET or None,
        focus_areas=FocusArea.objects.order_by("order", "pk"),
        statuses=AnswerStatus.objects.all(),
        towns=list(selectors.towns_with_ideas()) if towns is None else towns,
    )


def _list_values() -> dict:
    """What the idea list shows besides its ideas that is the same for every address in a
    language (its filters' options and the promise), kept with the lists
    (``cached_pages.LISTS``)."""
    key = cached_pages.LISTS.key("list-values", get_language() or "")
    values = cached_pages.LISTS.get(key)
    if values is None:
        values = {
            "options": filter_options(
                focus_areas=FocusArea.objects.order_by("order", "pk"),
                statuses=AnswerStatus.objects.all(),
                towns=selectors.towns_with_ideas(),
            ),
            "promise": selectors.promise_kept(),
        }
        cached_pages.LISTS.set(key, values)
    return values


def _with_query(path: str, request, *, drop=()) -> str:
    """``path`` with this address's filters (those in ``drop`` left out)."""
    items = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in drop
        for value in values
        if value.strip()
    ]
    return f"{path}?{urlencode(items)}" if items else path


def idea_list(request):
    values = _list_values()
    form = IdeaFilterForm(request.GET or None, options=values["options"])
    criteria = selectors.Criteria(**form.criteria_values())
    page = selectors.ideas_page(criteria, request.GET.get("page"))
    cards.attach_cards(page.object_list)
    return render(
        request,
        "ideas/list.html",
        {
            "form": form,
            **page_cache.kept_filter_form(request, cached_pages.LISTS),
            "map_url": _with_query(reverse("ideas:map"), request, drop=("page",)),
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
            "promise": values["promise"],
            "answer_supports": conf.answer_supports(),
            "answer_days": conf.answer_within().days,
        },
    )


def idea_map(request):
    """The list's ideas on a map, with the same filters. Without JavaScript the page shows
    the mapped ideas as a list; with it, htmx asks for the results region alone
    (``HX-Target``) when the filters are sent, and the map redraws its markers."""
    towns = list(selectors.towns_with_ideas())
    form = _filter_form(request, towns)
    data = selectors.map_markers(selectors.Criteria(**form.criteria_values()))
    list_url = _with_query(reverse("ideas:list"), request)
    region = render_to_string(
        "ideas/includes/map_results.html",
        {
            "data": data,
            "markers_json": json.dumps(data.markers),
            "list_url": list_url,
        },
        request,
    )
    htmx = request.htmx
    if htmx and not htmx.history_restore_request and htmx.target == MAP_RESULTS_ID:
        status = format_html(
            '<p id="ideas-map-status" class="sr-only" role="status" data-hx-swap-oob="true">{}</p>',
            ngettext("The map shows %(total)s idea.", "The map shows %(total)s ideas.", data.count)
            % {"total": number_format(data.count, force_grouping=True)},
        )
        response = HttpResponse(region + status)
        response["HX-Push-Url"] = _with_query(reverse("ideas:map"), request)
    else:
        response = render(
            request,
            "ideas/map.html",
            {
                "form": form,
                "results_id": MAP_RESULTS_ID,
                "results_html": region,
                "list_url": list_url,
                "map_settings": maps.settings(towns),
            },
        )
        # Only the map page may load images from the tile server.
        maps.allow_tiles(response)
    patch_vary_headers(response, ["HX-Request", "HX-Target", "HX-History-Restore-Request"])
    return response


def _detail(request, idea, *, help_form=None):
    # A TemplateResponse, so that a kept page's forms get each visitor's CSRF token.
    user = request.user
    return TemplateResponse(
        request,
        "ideas/detail.html",
        {
            "idea": idea,
            "answers": selectors.answers_of(idea),
            "supported": selectors.supported_by(idea, user),
            "my_offer": selectors.help_offer_of(idea, user),
            "help_form": help_form or HelpOfferForm(),
            "helpers": selectors.helpers_found(idea),
            "is_author": user.is_authenticated and idea.author_id == user.pk,
            "is_staff": is_municipal_staff(user),
            "answer_due_at": selectors.answer_due_at(idea),
            "may_turn_into_need": services.may_turn_into_need(idea=idea, user=user),
        },
    )


@page_cache.cache_visitor_page(cached_pages.PAGES, tags=cached_pages.page_tags)
def idea_detail(request, pk, slug=None):
    """The same page for every visitor who is not logged in, so it is kept in the cache
    (cached_pages.py says what forgets it)."""
    idea = _idea_or_404(request, pk)
    if slug != idea.slug:
        return redirect(idea, permanent=True)
    return _detail(request, idea)


@login_required
def propose(request):
    form = IdeaForm(request.POST or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not request.POST.get("publish"):
            similar = selectors.similar_ideas(data["title"], data["text"])
        if not similar and limits.allow(request, *PROPOSALS, form=form):
            idea = services.propose(
                author=request.user,
                title=data["title"],
                text=data["text"],
                language=data["language"],
                focus_areas=data["focus_areas"],
                **{name: data[name] for name in services.PLACE_FIELDS},
            )
            if idea.is_published:
                messages.success(
                    request,
                    _("Your idea is published. You follow it and hear when something happens."),
                )
            else:
                messages.info(
                    request,
                    _(
                        "Thank you. Your idea waits for a quick look by the municipality "
                        "before others see it; you are told when it is published."
                    ),
                )
            return redirect(idea)
    return render(request, "ideas/propose.html", {"form": form, "similar": similar})


@login_required
def edit(request, pk):
    idea = _idea_or_404(request, pk)
    if idea.author_id != request.user.pk:
        raise PermissionDenied
    form = IdeaForm(request.POST or None, instance=idea)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit(
                idea=idea,
                by=request.user,
                title=data["title"],
                text=data["text"],
                focus_areas=data["focus_areas"],
                **{name: data[name] for name in services.PLACE_FIELDS},
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(idea)
    return render(request, "ideas/edit.html", {"idea": idea, "form": form})


@login_required
@require_POST
@limits.limit(*SUPPORTS)
def support(request, pk):
    idea = _idea_or_404(request, pk)
    try:
        if services.support(idea=idea, user=request.user):
            messages.success(request, _("Thank you for your support. You follow the idea now."))
    except ServiceError as error:
        add_service_error(request, error)
    return redirect(idea)


@login_required
@require_POST
def withdraw_support(request, pk):
    idea = _idea_or_404(request, pk)
    if services.withdraw_support(idea=idea, user=request.user):
        messages.success(request, _("Your support is taken back."))
    return redirect(idea)


@login_required
@require_POST
def offer_help(request, pk):
    idea = _idea_or_404(request, pk)
    form = HelpOfferForm(request.POST)
    if form.is_valid() and limits.allow(request, *HELP_OFFERS, form=form):
        try:
            services.offer_help(idea=idea, user=request.user, text=form.cleaned_data["text"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Thank you. If the idea becomes volunteer work, you will be invited.")
            )
            return redirect(idea)
    return _detail(request, idea, help_form=form)


@login_required
@require_POST
def withdraw_help(request, pk):
    idea = _idea_or_404(request, pk)
    if services.withdraw_help(idea=idea, user=request.user):
        messages.success(request, _("Your offer of help is taken back."))
    return redirect(idea)


@login_required
def answer(request, pk):
    if not is_municipal_staff(request.user):
        raise PermissionDenied
    idea = _idea_or_404(request, pk)
    current = idea.answers.order_by("-created_at", "-pk").first()
    initial = {}
    if current is not None:
        initial = {
            "status": current.status_id,
            "text": current.text,
            "department": current.department,
            "time_frame": current.time_frame,
            "initiative": current.initiative_id,
            "decision_url": current.decision_url,
        }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer(idea=idea, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The answer is published and the author is told."))
            return redirect(idea)
    return render(request, "ideas/answer.html", {"idea": idea, "form": form})


@login_required
def answers_due(request):
    if not is_municipal_staff(request.user):
        raise PermissionDenied
    return render(
        request,
        "ideas/due.html",
        {
            **selectors.answers_due(),
            "answer_supports": conf.answer_supports(),
            "answer_days": conf.answer_within().days,
        },
    )


@login_required
def turn_into_need(request, pk):
    """Step 1 chooses the organisation (a plain GET form); step 2 is the needs form,
    filled in from the idea."""
    from samskab.needs.forms import NeedForm

    idea = _idea_or_404(request, pk)
    if not services.may_turn_into_need(idea=idea, user=request.user):
        raise PermissionDenied
    organisations = selectors.organisations_for_need(request.user)
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = organisations.filter(slug=chosen).first() if chosen else None
    if organisation is None:
        return render(
            request,
            "ideas/turn_into_need.html",
            {"idea": idea, "organisations": organisations, "chosen": chosen},
        )
    initial = {
        "title_da": idea.title if idea.language == "da" else "",
        "title_en": idea.title if idea.language == "en" else "",
        "description_da": idea.text if idea.language == "da" else "",
        "description_en": idea.text if idea.language == "en" else "",
        "focus_areas": list(idea.focus_areas.all()),
        "town": idea.town_id,
    }
    form = NeedForm(
        request.POST or None, initial=initial, organisation=organisation, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.turn_into_need(
                idea=idea, by=request.user, organisation=organisation, need=form.service_arguments()
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The need is posted, and everyone who offered to help is invited."),
            )
            return redirect(idea)
    return render(
        request,
        "ideas/turn_into_need.html",
        {"idea": idea, "organisation": organisation, "form": form},
    )
