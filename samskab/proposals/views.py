"""Thin views: read through selectors, write through services, check who may act."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from samskab.accounts.roles import is_municipal_staff
from samskab.core import limits
from samskab.core.errors import ServiceError
from samskab.core.text import word_diff
from samskab.core.view_helpers import add_service_error
from samskab.ideas.models import Idea
from samskab.mitid import identity
from samskab.proposals import conf, selectors, services
from samskab.proposals.forms import (
    DecisionForm,
    DeskSignatureForm,
    FormalCheckForm,
    ProgressForm,
    ProposalForm,
    ReasonForm,
    ScheduleForm,
    TextFixForm,
)
from samskab.proposals.models import Proposal, Status

WRITING = (limits.Limit("proposals.write", "10/h", per=limits.USER),)
# Each signature needs a MitID login, which is the real brake; this stops a script.
SIGNING = (limits.Limit("proposals.sign", "60/h", per=limits.IP),)
DESK = (limits.Limit("proposals.desk", "600/h", per=limits.USER),)
INVITATION_SALT = "samskab.proposals.co-proposer"


def _proposal_or_404(request, pk):
    proposal = selectors.proposal(pk, request.user)
    if proposal is None:
        raise Http404
    return proposal


def _own_proposal(request, pk):
    proposal = _proposal_or_404(request, pk)
    if proposal.author_id != request.user.pk:
        raise PermissionDenied
    return proposal


def _staff_proposal(request, pk):
    if not is_municipal_staff(request.user):
        raise PermissionDenied
    return _proposal_or_404(request, pk)


def invitation_url(request, proposal) -> str:
    token = signing.dumps(proposal.pk, salt=INVITATION_SALT)
    return request.build_absolute_uri(
        reverse("proposals:join", kwargs={"pk": proposal.pk, "token": token})
    )


def proposal_list(request):
    tab = selectors.group(request.GET.get("vis"))
    page = selectors.proposals_page(tab, request.GET.get("page"))
    counts = selectors.group_counts()
    return render(
        request,
        "proposals/list.html",
        {
            "tab": tab,
            "tabs": [(group, counts[group.slug]) for group in selectors.GROUPS],
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
            "rules": selectors.rules(),
            "may_manage": is_municipal_staff(request.user),
        },
    )


def _detail(request, proposal, **extra):
    user = request.user
    is_author = user.is_authenticated and proposal.author_id == user.pk
    is_staff = is_municipal_staff(user)
    context = {
        "proposal": proposal,
        "path": selectors.public_path(proposal),
        "next_steps": selectors.next_steps(proposal),
        "days_left": selectors.days_left(proposal),
        "fixes": [
            {
                "fix": fix,
                "title": word_diff(fix.title_before, fix.title_after),
                "text": word_diff(fix.text_before, fix.text_after),
            }
            for fix in proposal.text_fixes.all()
        ],
        "is_author": is_author,
        "is_proposer": selectors.is_proposer(proposal, user),
        "is_staff": is_staff,
        "rules": selectors.rules(),
        "co_proposers": proposal.co_proposers.select_related("user"),
    }
    if proposal.status == Status.DRAFT and is_author:
        context["similar"] = selectors.similar_proposals(proposal)
        context["invitation_url"] = invitation_url(request, proposal)
        context["co_proposers_missing"] = max(
            0, conf.co_proposers() - proposal.co_proposers.count()
        )
    if is_staff:
        context["audit"] = selectors.audit_log(proposal)
        context["by_channel"] = selectors.desk_signatures(proposal)
    context.update(extra)
    return render(request, "proposals/detail.html", context)


def proposal_detail(request, pk, slug=None):
    proposal = _proposal_or_404(request, pk)
    if slug != proposal.slug:
        return redirect(proposal, permanent=True)
    return _detail(request, proposal)


@login_required
def write(request):
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and limits.allow(request, *WRITING, form=form):
        data = form.cleaned_data
        proposal = services.write(
            author=request.user, title=data["title"], text=data["text"], language=data["language"]
        )
        messages.success(
            request,
            _(
                "Your draft is saved. Only you see it. Read it once more, then submit it "
                "for the formal check."
            ),
        )
        return redirect(proposal)
    return render(
        request,
        "proposals/write.html",
        {
            "form": form,
            "rules": selectors.rules(),
            "my_ideas": selectors.ideas_to_propose(request.user),
        },
    )


@login_required
def edit(request, pk):
    proposal = _own_proposal(request, pk)
    if proposal.status != Status.DRAFT:
        messages.info(request, _("The text is frozen once a proposal is submitted."))
        return redirect(proposal)
    form = ProposalForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_draft(
                proposal=proposal,
                by=request.user,
                title=data["title"],
                text=data["text"],
                language=data["language"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(proposal)
    return render(request, "proposals/edit.html", {"proposal": proposal, "form": form})


@login_required
@require_POST
def submit(request, pk):
    proposal = _own_proposal(request, pk)
    try:
        services.submit(proposal=proposal, by=request.user)
    except ServiceError as error:
        add_service_error(request, error)
    else:
        messages.success(
            request,
            _(
                "Your proposal is submitted. The municipality checks it within %(days)s days "
                "and tells you the outcome."
            )
            % {"days": conf.check_within().days},
        )
    return redirect(proposal)


@login_required
@require_POST
def delete(request, pk):
    proposal = _own_proposal(request, pk)
    try:
        services.delete_draft(proposal=proposal, by=request.user)
    except ServiceError as error:
        add_service_error(request, error)
        return redirect(proposal)
    messages.success(request, _("Your draft is deleted."))
    return redirect("proposals:list")


@login_required
def join(request, pk, token):
    try:
        invited = signing.loads(token, salt=INVITATION_SALT) == pk
    except signing.BadSignature:
        invited = False
    if not invited:
        raise Http404
    proposal = get_object_or_404(Proposal.objects.select_related("author"), pk=pk)
    if request.method == "POST":
        try:
            services.join_as_co_proposer(proposal=proposal, user=request.user)
        except ServiceError as error:
            add_service_error(request, error)
        else:
            messages.success(request, _("You are now a co-proposer of the proposal."))
        return redirect(proposal)
    return render(request, "proposals/join.html", {"proposal": proposal})


@login_required
def withdraw(request, pk):
    proposal = _own_proposal(request, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your proposal is withdrawn."))
            return redirect(proposal)
    return render(request, "proposals/withdraw.html", {"proposal": proposal, "form": form})


@login_required
@require_POST
def from_idea(request, idea_pk):
    idea = get_object_or_404(Idea.objects.published(), pk=idea_pk)
    try:
        proposal = services.from_idea(idea=idea, by=request.user)
    except ServiceError as error:
        add_service_error(request, error)
        return redirect(idea)
    messages.success(
        request,
        _(
            "A draft proposal is made from your idea. Make it a proposal the city council "
            "can decide on, then submit it."
        ),
    )
    return redirect(proposal)


# --- Signing ----------------------------------------------------------------------------


def sign(request, pk):
    """Sign with MitID: no Samskab account needed. Without a verified person in the
    session the page explains and sends the signer to MitID; back from MitID it asks for
    the signature itself, so nobody signs by accident."""
    proposal = _proposal_or_404(request, pk)
    person = identity.verified_person(request)
    signature = services.signature_of(proposal, person)
    if request.method == "POST" and proposal.is_collecting and person is not None:
        if not limits.allow(request, *SIGNING):
            return limits.too_many_requests(request)
        try:
            services.sign(proposal=proposal, person=person)
        except ServiceError as error:
            add_service_error(request, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your signature counts. Nobody can see who signed; you can "
                    "withdraw it here with MitID while the proposal collects signatures."
                ),
            )
        identity.forget_verified_person(request)
        return redirect(proposal)
    return render(
        request, "proposals/sign.html", _sign_context(request, proposal, person, signature)
    )


def _sign_context(request, proposal, person, signature):
    here = reverse("proposals:sign", kwargs={"pk": proposal.pk})
    eligible_error = None
    if person is not None and signature is None:
        try:
            services.check_eligible(person)
        except ServiceError as error:
            eligible_error = error.message
    return {
        "proposal": proposal,
        "person": person,
        "signature": signature,
        "eligible_error": eligible_error,
        "login_url": identity.login_url(here),
        "rules": selectors.rules(),
        "days_left": selectors.days_left(proposal),
    }


@require_POST
def withdraw_signature(request, pk):
    proposal = _proposal_or_404(request, pk)
    person = identity.verified_person(request)
    if person is None:
        return redirect("proposals:sign", pk=proposal.pk)
    try:
        services.withdraw_signature(proposal=proposal, person=person)
    except ServiceError as error:
        add_service_error(request, error)
    else:
        messages.success(request, _("Your signature is withdrawn."))
    identity.forget_verified_person(request)
    return redirect(proposal)


# --- Staff ------------------------------------------------------------------------------


@login_required
def staff_queue(request):
    if not is_municipal_staff(request.user):
        raise PermissionDenied
    return render(request, "proposals/staff_queue.html", {"queue": selectors.staff_queue()})


def _staff_step(
    request, pk, form_class, act, *, title, intro, button, initial=None, instance=False, limit=()
):
    """A staff step: a form that calls ``act(proposal, data)``; a ``ServiceError`` lands on
    the form, with what was typed kept."""
    proposal = _staff_proposal(request, pk)
    kwargs = {"instance": proposal} if instance else {"initial": initial or {}}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid() and limits.allow(request, *limit, form=form):
        try:
            act(proposal, form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved. Everyone following the proposal is told."))
            return redirect(proposal)
    return render(
        request,
        "proposals/staff_step.html",
        {"proposal": proposal, "form": form, "title": title, "intro": intro, "button": button},
    )


@login_required
def formal_check(request, pk):
    def act(proposal, data):
        if data["outcome"] == FormalCheckForm.APPROVE:
            services.approve(proposal=proposal, by=request.user)
        else:
            services.reject(
                proposal=proposal, by=request.user, reason=data["reason"], text=data["text"]
            )

    return _staff_step(
        request,
        pk,
        FormalCheckForm,
        act,
        title=_("Formal check"),
        intro=_(
            "Approve the proposal if it is within the municipality's remit, lawful and clear. "
            "Otherwise reject it with the reason that fits; the author and the public see it."
        ),
        button=_("Record the outcome"),
    )


@login_required
def fix_text(request, pk):
    def act(proposal, data):
        services.fix_text(
            proposal=proposal,
            by=request.user,
            title=data["title"],
            text=data["text"],
            reason=data["reason"],
        )

    return _staff_step(
        request,
        pk,
        TextFixForm,
        act,
        title=_("Correct a typo"),
        intro=_(
            "People sign the text as it stands. Correct only obvious mistakes; everyone can "
            "see the difference."
        ),
        button=_("Save the correction"),
        instance=True,
    )


@login_required
def schedule(request, pk):
    def act(proposal, data):
        services.schedule(
            proposal=proposal,
            by=request.user,
            meeting=data["meeting"],
            agenda_url=data["agenda_url"],
        )

    proposal = _staff_proposal(request, pk)
    return _staff_step(
        request,
        pk,
        ScheduleForm,
        act,
        title=pgettext("action", "Put on the city council's agenda"),
        intro=_("Everyone following the proposal is told the date."),
        button=_("Save the meeting"),
        initial={"meeting": proposal.council_meeting, "agenda_url": proposal.agenda_url},
    )


@login_required
def decide(request, pk):
    def act(proposal, data):
        services.decide(
            proposal=proposal,
            by=request.user,
            decision=data["decision"],
            text=data["decision_text"],
        )

    return _staff_step(
        request,
        pk,
        DecisionForm,
        act,
        title=_("Record the city council's decision"),
        intro=_("The decision is shown on the proposal and told to everyone following it."),
        button=_("Record the decision"),
    )


@login_required
def progress(request, pk):
    def act(proposal, data):
        if proposal.status == Status.DECIDED:
            services.start_work(
                proposal=proposal,
                by=request.user,
                initiative=data["initiative"],
                note=data["note"],
            )
        else:
            services.mark_implemented(proposal=proposal, by=request.user, note=data["note"])

    proposal = _staff_proposal(request, pk)
    starting = proposal.status == Status.DECIDED
    return _staff_step(
        request,
        pk,
        ProgressForm,
        act,
        title=_("Start carrying it out") if starting else _("Mark as carried out"),
        intro=_(
            "Link it to the initiative of the vision that carries it out: the initiative's "
            "page then shows it, and a milestone when it is done."
        ),
        button=_("Save"),
        initial={"initiative": proposal.initiative},
    )


@login_required
def desk(request, pk):
    def act(proposal, data):
        services.sign_for(
            proposal=proposal,
            by=request.user,
            person_identifier=data["person_identifier"],
            birthdate=data["birthdate"],
            municipality_code=data["municipality_code"],
            channel=data["channel"],
        )

    return _staff_step(
        request,
        pk,
        DeskSignatureForm,
        act,
        title=_("Register a signature for a citizen"),
        intro=_(
            "For a citizen at the desk without MitID, or a paper form. The same rules apply: "
            "age, address and one signature per person. Your name is in the audit log."
        ),
        button=_("Register the signature"),
        limit=DESK,
    )
