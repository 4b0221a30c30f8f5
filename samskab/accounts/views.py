import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from samskab.accounts import services
from samskab.accounts.forms import DeleteAccountForm, ProfileForm
from samskab.accounts.selectors import get_personal_data


@login_required
@require_http_methods(["GET", "POST"])
def my_account(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.update_profile(user=user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, gettext("Your profile has been saved."))
                return redirect("accounts:my_account")
    else:
        form = ProfileForm(
            initial={
                "display_name": user.display_name,
                "preferred_language": user.preferred_language,
            }
        )
    return render(request, "accounts/my_account.html", {"form": form})


@login_required
@never_cache
@require_GET
def download_data(request):
    data = get_personal_data(user=request.user)
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    filename = f"samskab-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def delete_account(request):
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user, request=request)
        if form.is_valid():
            try:
                services.delete_account(user=request.user)
            except services.AccountCannotBeDeleted:
                messages.error(
                    request,
                    gettext(
                        "Your account could not be deleted because some of your data must "
                        "be handled by the municipality first. Nothing has been deleted. "
                        "Please contact %(municipality)s."
                    )
                    % {"municipality": settings.MUNICIPALITY_NAME},
                )
                return redirect("accounts:delete_account")
            logout(request)
            messages.success(
                request, gettext("Your account and your personal data have been deleted.")
            )
            return redirect("vision:front_page")
    else:
        form = DeleteAccountForm(user=request.user, request=request)
    return render(request, "accounts/delete_account.html", {"form": form})
