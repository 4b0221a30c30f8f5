"""The notification list, reading one, the settings, following, and unsubscribing by link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from samskab.core.view_helpers import safe_next
from samskab.notifications import selectors, services
from samskab.notifications.forms import NotificationSettingsForm


@login_required
def notification_list(request):
    page = selectors.notifications_page(request.user, request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        },
    )


@login_required
def open_notification(request, pk):
    notification = services.mark_read(user=request.user, notification_id=pk)
    if notification is None:
        raise Http404
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(notification.url)


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def notification_settings(request):
    current = selectors.settings_of(request.user)
    form = NotificationSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.save_settings(
            user=request.user,
            direct=form.cleaned_data["direct"],
            following=form.cleaned_data["following"],
        )
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


# A mail program's one-click unsubscribe (RFC 8058) posts without a CSRF token; the signed
# token in the address is what authorises it, and it can only stop emails.
@csrf_exempt
def unsubscribe(request, token):
    if request.method == "POST":
        done = services.unsubscribe(token)
        if done is None:
            raise Http404
        return render(request, "notifications/unsubscribed.html", {"scope": done[1]})
    from samskab.notifications import tokens

    found = tokens.read(token)
    if found is None:
        raise Http404
    return render(request, "notifications/unsubscribe.html", {"scope": found[1]})


def _target(content_type_id, object_id, user):
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or model._meta.label_lower not in selectors.followable_models():
        raise Http404
    target = get_object_or_404(model, pk=object_id)
    is_visible = getattr(target, "is_visible_to", None)
    if is_visible is not None and not is_visible(user):
        raise Http404
    return target


@login_required
@require_POST
def follow(request, content_type_id, object_id):
    target = _target(content_type_id, object_id, request.user)
    services.follow(user=request.user, target=target)
    return _after_following(request, target, following=True)


@login_required
@require_POST
def stop_following(request, content_type_id, object_id):
    target = _target(content_type_id, object_id, request.user)
    services.stop_following(user=request.user, target=target)
    return _after_following(request, target, following=False)


def _after_following(request, target, *, following):
    if request.htmx:
        return render(
            request,
            "notifications/includes/follow_button.html",
            {"target": target, "following": following, "next": safe_next(request)},
        )
    if following:
        messages.success(request, _("You follow it now. You can stop at any time."))
    else:
        messages.success(request, _("You no longer follow it."))
    return redirect(safe_next(request) or target.get_absolute_url())
