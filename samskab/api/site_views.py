"""An organisation's administrators create and revoke API clients. The secret is shown
once, in the answer to the form that created the client, and never stored in clear (not
in the session either): whoever loses it revokes the client and creates a new one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samskab.api import services
from samskab.api.forms import ApiClientForm
from samskab.api.models import ApiChange, ApiClient
from samskab.api.scopes import SCOPE_CHOICES
from samskab.organisations.access import coordinated_organisation

RECENT_CHANGES = 20


def _context(organisation, access, **extra):
    clients = list(
        ApiClient.objects.filter(organisation=organisation).select_related(
            "created_by", "revoked_by"
        )
    )
    labels = dict(SCOPE_CHOICES)
    for client in clients:
        client.scope_labels = [labels[scope] for scope in client.scopes if scope in labels]
    changes = list(
        ApiChange.objects.filter(organisation=organisation).select_related("client")[
            :RECENT_CHANGES
        ]
    )
    return {
        "organisation": organisation,
        "access": access,
        "clients": clients,
        "changes": changes,
        "docs_url": reverse("api:docs"),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def client_list(request, slug: str):
    organisation, access = coordinated_organisation(request, slug, manage=True)
    form = ApiClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.create_client(
            organisation=organisation,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            by=request.user,
        )
        response = render(
            request,
            "api/client_created.html",
            {
                **_context(organisation, access),
                "client": created.client,
                "client_secret": created.client_secret,
                "token_url": request.build_absolute_uri(reverse("api:token")),
            },
        )
        # The only copy of the secret: never kept by a browser's or a proxy's cache.
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store"
        return response
    status = 400 if form.errors else 200
    return render(
        request, "api/client_list.html", _context(organisation, access, form=form), status=status
    )


@login_required
@require_POST
def client_revoke(request, slug: str, client_id: int):
    organisation, _access = coordinated_organisation(request, slug, manage=True)
    client = ApiClient.objects.filter(organisation=organisation, pk=client_id).first()
    if client is None:
        raise Http404
    services.revoke_client(client=client, by=request.user)
    messages.success(
        request,
        _("“%(name)s” is revoked: its tokens no longer work.") % {"name": client.name},
    )
    return redirect("api_clients:list", slug=organisation.slug)
