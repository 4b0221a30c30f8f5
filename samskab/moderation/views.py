"""Thin views over moderation: reporting an item, the author's request for a new review,
the staff's inbox, and the public monthly figures.

Items are named in addresses by their content type and id, so one set of views serves
every moderated model; each view loads the item through ``selectors.item_for`` (which
only knows moderated models) and checks the person against the item itself.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from samskab.accounts.roles import is_municipal_staff
from samskab.core.view_helpers import add_service_error, safe_next
from samskab.moderation import errors, selectors, services
from samskab.moderation.forms import DecisionForm, ItemDecisionForm, ReportForm
from samskab.moderation.models import Review


def staff_only(view):
    """Municipal staff only: others are asked to log in, or refused."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_municipal_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _item_or_404(content_type_id: int, object_id: int):
    item = selectors.item_for(content_type_id, object_id)
    if item is None:
        raise Http404
    return item


@login_required
@require_http_methods(["GET", "POST"])
def report(request, content_type_id: int, object_id: int):
    item = _item_or_404(content_type_id, object_id)
    if not item.moderation_can_report(request.user):
        if item.is_authored_by(request.user):
            raise PermissionDenied
        raise Http404
    next_url = safe_next(request, item.get_absolute_url())
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.report(
                item,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except errors.AlreadyReported as error:
            add_service_error(request, error)
            return redirect(next_url)
        except errors.ReportingTooFast as error:
            add_service_error(form, error)
            status = 429
        except errors.ModerationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you for telling us. The municipality's moderators will look at it."),
            )
            return redirect(next_url)
    return render(
        request,
        "moderation/report.html",
        {"item": item, "form": form, "next_url": next_url},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_review(request, content_type_id: int, object_id: int):
    """The author of an item staff hid asks, once, for a new review."""
    item = _item_or_404(content_type_id, object_id)
    if not item.is_authored_by(request.user):
        if item.is_published:
            raise PermissionDenied
        raise Http404
    next_url = safe_next(request, item.get_absolute_url())
    if request.method == "POST":
        try:
            services.request_review(item, by=request.user)
        except errors.ModerationError as error:
            add_service_error(request, error)
        else:
            messages.success(
                request,
                _(
                    "You have asked for a new review. The municipality will look at it again "
                    "and tell you the result by email."
                ),
            )
        return redirect(next_url)
    return render(
        request,
        "moderation/request_review.html",
        {"item": item, "next_url": next_url, "possible": item.may_request_review(request.user)},
    )


@staff_only
@require_http_methods(["GET", "POST"])
def inbox(request):
    show = request.GET.get("show", "")
    if show not in selectors.INBOX_FILTERS:
        show = ""
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decided = services.decide(
                [review.pk for review in form.cleaned_data["reviews"]],
                outcome=form.outcome(),
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except errors.ModerationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s item decided. Its author is told by email.",
                    "%(count)s items decided. Their authors are told by email.",
                    len(decided),
                )
                % {"count": len(decided)},
            )
            return redirect(request.get_full_path())
    page = selectors.inbox_page(show=show, page_number=request.GET.get("page"))
    ticked = {str(value) for value in request.POST.getlist("reviews")}
    return render(
        request,
        "moderation/inbox.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
            "show": show,
            "ticked": ticked,
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def moderate(request, content_type_id: int, object_id: int):
    """Staff hide or publish one item where they meet it (the item's page links here)."""
    item = _item_or_404(content_type_id, object_id)
    next_url = safe_next(request, item.get_absolute_url())
    form = ItemDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if form.outcome() == Review.Outcome.HIDDEN:
            services.hide(item, reason=reason, by=request.user)
            messages.success(request, _("It is hidden. The author is told why by email."))
        else:
            services.restore(item, reason=reason, by=request.user)
            messages.success(request, _("It is published."))
        return redirect(next_url)
    return render(
        request,
        "moderation/moderate.html",
        {"item": item, "form": form, "next_url": next_url},
    )


@require_GET
def figures(request):
    """The public monthly count: reports, hidden items, review times."""
    return render(request, "moderation/figures.html", {"months": selectors.monthly_figures()})
