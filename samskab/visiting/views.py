"""Pages of visiting friends: the public introduction, asking for a visiting friend,
offering to be one, each person's own page and answer links, and the coordinators' pages
under an organisation's management.

Coordinators' views load the organisation from the URL, refuse anyone who cannot coordinate
it, and find requests, offers and matches only within its programme. A citizen's and a
volunteer's views only find their own rows; the emailed link finds one side of one match.
Nobody sees the other side's name or contact details before both have accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.core import limits
from samskab.core.text import is_whole_number
from samskab.core.view_helpers import add_service_error
from samskab.organisations.access import coordinated_organisation
from samskab.visiting import selectors, services
from samskab.visiting.errors import VisitingError
from samskab.visiting.forms import (
    ACCEPT,
    AnswerForm,
    ProgrammeForm,
    ProposeForm,
    VisitOfferForm,
    VisitRequestForm,
)
from samskab.visiting.models import VisitMatch, VisitOffer
from samskab.volunteering import selectors as volunteering_selectors

# --- public ---------------------------------------------------------------------------------


@require_GET
def index(request):
    return render(request, "visiting/index.html", {"programmes": selectors.active_programmes()})


# A request for a visiting friend lands on the coordinators' waiting list.
REQUESTS = (limits.Limit("visiting.request", "10/d", per=limits.USER),)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    programmes = selectors.active_programmes()
    if not programmes:
        return render(request, "visiting/no_programmes.html", status=200)
    if request.method == "POST":
        form = VisitRequestForm(request.POST, programmes=programmes)
        if form.is_valid() and limits.allow(request, *REQUESTS, form=form):
            data = form.cleaned_data
            try:
                services.submit_request(
                    programme=data["programme"],
                    requested_by=request.user,
                    consent=data["consent"],
                    details=services.RequestDetails(
                        relation=data["relation"],
                        person_name=data["person_name"],
                        town=data["town"],
                        description=data["description"],
                        contact_phone=data["contact_phone"],
                        contact_email=data["contact_email"],
                        preferred_gender=data["preferred_gender"],
                        preferred_days=tuple(data["preferred_days"]),
                        interests=tuple(data["interests"]),
                        languages=tuple(data["languages"]),
                    ),
                )
            except VisitingError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. %(organisation)s will look for a visiting friend and "
                        "propose one to you here and by email."
                    )
                    % {"organisation": data["programme"].organisation.name},
                )
                return redirect("visiting:mine")
        status = 400
    else:
        form = VisitRequestForm(
            programmes=programmes,
            initial={
                "person_name": request.user.display_name,
                "contact_email": request.user.email,
            },
        )
        status = 200
    return render(request, "visiting/ask.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def offer(request):
    programmes = selectors.active_programmes()
    if not programmes:
        return render(request, "visiting/no_programmes.html", status=200)
    profile = volunteering_selectors.profile_of(request.user)
    if profile is None:
        return render(request, "visiting/offer_needs_profile.html")
    chosen = request.GET.get("programme") or request.POST.get("programme")
    existing = None
    if chosen and is_whole_number(str(chosen)):
        existing = next(
            (
                offer
                for offer in selectors.offers_of(request.user)
                if offer.programme_id == int(chosen)
            ),
            None,
        )
    if request.method == "POST":
        form = VisitOfferForm(request.POST, programmes=programmes)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.save_offer(
                    programme=data["programme"],
                    profile=profile,
                    gender=data["gender"],
                    available_days=data["available_days"],
                    capacity=data["capacity"],
                    note=data["note"],
                )
            except VisitingError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you for offering to be a visiting friend. %(organisation)s will "
                        "propose someone to you here and by email."
                    )
                    % {"organisation": data["programme"].organisation.name},
                )
                return redirect("visiting:mine")
        status = 400
    else:
        form = VisitOfferForm(programmes=programmes, initial=VisitOfferForm.initial_from(existing))
        status = 200
    return render(request, "visiting/offer.html", {"form": form, "profile": profile}, status=status)


# --- the person's own page --------------------------------------------------------------------


@login_required
@require_GET
def mine(request):
    return render(
        request,
        "visiting/mine.html",
        {
            "visit_requests": selectors.requests_of(request.user),
            "offers": selectors.offers_of(request.user),
        },
    )


@login_required
@require_POST
def withdraw_request(request, pk: int):
    visit_request = selectors.own_request(user=request.user, pk=pk)
    if visit_request is None:
        raise Http404
    services.close_request(visit_request=visit_request)
    messages.success(request, _("The request is withdrawn."))
    return redirect("visiting:mine")


@login_required
@require_POST
def pause_offer(request, pk: int):
    own = selectors.own_offer(user=request.user, pk=pk)
    if own is None:
        raise Http404
    paused = own.status == VisitOffer.Status.ACTIVE
    services.set_offer_paused(offer=own, paused=paused)
    messages.success(
        request,
        _("Your offer is paused: nobody new will be proposed to you.")
        if paused
        else _("Your offer is open again."),
    )
    return redirect("visiting:mine")


def _answer(request, match: VisitMatch, side: str) -> str | None:
    """Apply the posted answer; returns the message to show, or None for a bad post."""
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return None
    try:
        if form.cleaned_data["answer"] == ACCEPT:
            match = services.accept_match(match=match, side=side)
            if match.is_accepted:
                messages.success(
                    request,
                    _("You have both said yes. Here are the name and contact details."),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Thank you for saying yes. We will tell you when the other side has "
                        "answered."
                    ),
                )
        else:
            services.decline_match(match=match, side=side)
            messages.success(request, _("Thank you for letting us know. The coordinator is told."))
    except VisitingError as error:
        messages.error(request, error.message)
    return "done"


@login_required
@require_POST
def match_answer(request, pk: int):
    match, side = selectors.match_for_participant(user=request.user, pk=pk)
    if match is None:
        raise Http404
    if _answer(request, match, side) is None:
        messages.error(request, _("Choose yes or no."))
    return redirect(f"{reverse('visiting:mine')}#match-{match.pk}")


@require_http_methods(["GET", "POST"])
def answer(request, token: str):
    """The page an emailed link opens: one side of one proposal, answerable without login."""
    match, side = selectors.match_by_token(token)
    if match is None:
        return render(request, "visiting/answer_unknown.html", status=404)
    if request.method == "POST":
        if _answer(request, match, side) is None:
            messages.error(request, _("Choose yes or no."))
        return redirect("visiting:answer", token=token)
    return render(request, "visiting/answer.html", {"match": match, "side": side, "token": token})


# --- coordinators -----------------------------------------------------------------------------


def _programme_for(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    programme = selectors.programme_of(organisation)
    if programme is None:
        raise Http404
    return organisation, access, programme


def _manage(request, template: str, organisation, access, status=200, **context):
    context.update({"organisation": organisation, "organisation_access": access})
    return render(request, f"visiting/manage/{template}", context, status=status)


@login_required
@require_GET
def manage(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    programme = selectors.programme_of(organisation)
    if programme is None:
        return _manage(request, "start.html", organisation, access, form=ProgrammeForm())
    return _manage(
        request,
        "overview.html",
        organisation,
        access,
        programme=programme,
        waiting=selectors.waiting_list(programme),
        matches=selectors.current_matches(programme),
        offers=selectors.offers_for_programme(programme),
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_programme(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    programme = selectors.programme_of(organisation)
    if request.method == "POST":
        form = ProgrammeForm(request.POST)
        if form.is_valid():
            services.save_programme(organisation=organisation, **form.cleaned_data)
            messages.success(request, _("The visiting-friend programme is saved."))
            return redirect("visiting:manage", slug=organisation.slug)
        status = 400
    else:
        initial = {"is_active": True}
        if programme is not None:
            initial = {
                "intro_da": programme.intro_da,
                "intro_en": programme.intro_en,
                "is_active": programme.is_active,
            }
        form = ProgrammeForm(initial=initial)
        status = 200
    return _manage(
        request,
        "programme.html",
        organisation,
        access,
        status=status,
        form=form,
        programme=programme,
    )


@login_required
@require_GET
def manage_request(request, slug: str, pk: int):
    organisation, access, programme = _programme_for(request, slug)
    visit_request = selectors.request_for_management(programme=programme, pk=pk)
    if visit_request is None:
        raise Http404
    live = next(
        (m for m in visit_request.all_matches if m.status in VisitMatch.LIVE_STATUSES), None
    )
    return _manage(
        request,
        "request.html",
        organisation,
        access,
        programme=programme,
        visit_request=visit_request,
        waited_days=max((timezone.now() - visit_request.created_at).days, 0),
        live_match=live,
        candidates=selectors.candidates_for(visit_request)
        if visit_request.status == visit_request.Status.WAITING
        else [],
    )


@login_required
@require_POST
def manage_propose(request, slug: str, pk: int):
    organisation, _access, programme = _programme_for(request, slug)
    visit_request = selectors.request_for_management(programme=programme, pk=pk)
    if visit_request is None:
        raise Http404
    form = ProposeForm(request.POST)
    offer = None
    if form.is_valid():
        offer = VisitOffer.objects.filter(
            programme=programme, pk=form.cleaned_data["offer"]
        ).first()
    if offer is None:
        raise Http404
    try:
        services.propose_match(visit_request=visit_request, offer=offer, by=request.user)
    except VisitingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(volunteer)s is proposed. Both sides have been sent a link to answer.")
            % {"volunteer": offer.profile.user.get_full_name()},
        )
    return redirect("visiting:manage_request", slug=organisation.slug, pk=visit_request.pk)


@login_required
@require_POST
def manage_withdraw(request, slug: str, pk: int):
    organisation, _access, programme = _programme_for(request, slug)
    match = selectors.match_for_management(programme=programme, pk=pk)
    if match is None:
        raise Http404
    try:
        services.withdraw_match(match=match)
    except VisitingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal is withdrawn; the request waits again."))
    return redirect("visiting:manage_request", slug=organisation.slug, pk=match.request_id)


@login_required
@require_POST
def manage_close(request, slug: str, pk: int):
    organisation, _access, programme = _programme_for(request, slug)
    visit_request = selectors.request_for_management(programme=programme, pk=pk)
    if visit_request is None:
        raise Http404
    services.close_request(visit_request=visit_request)
    messages.success(
        request, _("The request of %(name)s is closed.") % {"name": visit_request.person_name}
    )
    return redirect("visiting:manage", slug=organisation.slug)
