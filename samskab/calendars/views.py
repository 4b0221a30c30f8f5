"""The organisation's calendar page: its subscriptions with the last fetch, what changed
and any error in words, a form to add one, "fetch now" and "stop importing".

Every view loads the organisation from the URL, refuses anyone who cannot coordinate it
(``organisations.access``) and finds subscriptions only among that organisation's, so
another organisation's subscription is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samskab.calendars import selectors, services
from samskab.calendars.errors import CalendarError
from samskab.calendars.forms import SubscriptionForm
from samskab.core import limits
from samskab.core.view_helpers import add_service_error
from samskab.organisations.access import coordinated_organisation

# Each subscription and each "fetch now" makes the server fetch an address from outside.
SUBSCRIPTIONS = (limits.Limit("calendars.subscribe", "20/h", per=limits.USER),)
FETCHES = (limits.Limit("calendars.fetch_now", "10/h", per=limits.USER),)


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, slug: str):
    organisation, access = coordinated_organisation(request, slug)
    activities = selectors.activities_to_import_into(organisation)
    status = 200
    if request.method == "POST":
        form = SubscriptionForm(request.POST, activities=activities)
        if form.is_valid() and limits.allow(request, *SUBSCRIPTIONS, form=form):
            data = form.cleaned_data
            try:
                services.subscribe(
                    organisation=organisation,
                    activity=data["activity"],
                    url=data["url"],
                    capacity=data["capacity"],
                    include_all_day=data["include_all_day"],
                )
            except CalendarError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The calendar is added. Its events become sessions of %(activity)s "
                        "within a few minutes and follow the calendar's changes from then on."
                    )
                    % {"activity": data["activity"].title},
                )
                return redirect("calendars:manage", slug=organisation.slug)
        status = 400
    else:
        form = SubscriptionForm(activities=activities)
    return render(
        request,
        "calendars/manage.html",
        {
            "organisation": organisation,
            "organisation_access": access,
            "subscriptions": selectors.subscriptions_of(organisation),
            "has_activities": activities.exists(),
            "form": form,
        },
        status=status,
    )


def _subscription(request, slug: str, pk: int):
    organisation, access = coordinated_organisation(request, slug)
    subscription = selectors.subscription_of(organisation, pk)
    if subscription is None:
        raise Http404
    return organisation, access, subscription


@login_required
@require_POST
def fetch_now(request, slug: str, pk: int):
    organisation, _access, subscription = _subscription(request, slug, pk)
    if not limits.allow(request, *FETCHES):
        return limits.too_many_requests(request)
    services.request_fetch(subscription=subscription)
    messages.success(
        request,
        _("The calendar is being fetched. Reload the page in a minute to see what changed."),
    )
    return redirect("calendars:manage", slug=organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def remove(request, slug: str, pk: int):
    organisation, access, subscription = _subscription(request, slug, pk)
    if request.method == "POST":
        services.unsubscribe(subscription=subscription)
        messages.success(
            request,
            _("The calendar is no longer imported. Its sessions stay as they are."),
        )
        return redirect("calendars:manage", slug=organisation.slug)
    return render(
        request,
        "calendars/remove.html",
        {"organisation": organisation, "organisation_access": access, "subscription": subscription},
    )
